"""The deep fuzz profile: many model-built requests against fakeses, and what broke.

Run:  python scripts/fuzz.py --requests 100000 --seed 1 --jobs 2
      python scripts/fuzz.py --replay 1:4711     (one case again, with its reproducer)

Each request is case ``index`` of the run's seed (tests/support/fuzz_inputs.py: valid,
lightly broken, heavily broken, plausible sends, wire garbage), judged by
tests/support/fuzz_oracle.py (no InternalFailure, no exception out of botocore from
fakeses, no hang, every accepted message recorded once and readable in every view).
Workers take every ``jobs``-th index, in a fresh prepared fake every ``--batch``
requests; a worker silent for six watchdog periods (stuck where the watchdog's signal
cannot reach) is killed, its request counted as a hang, and a new worker goes on.

The summary (requests by level and operation, answers by code, failures by kind, one
reproducer per distinct failure, shrunk) is printed and written to ``--out``
(summary.md and summary.json). docs/fuzzing.md says how to read it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import queue
import socket
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


def isolate() -> None:
    """As in the test suite: no AWS configuration, no network."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SES",
                 "AWS_ENDPOINT_URL_SESV2", "AWS_REGION", "AWS_DEFAULT_REGION"):
        os.environ.pop(name, None)
    os.environ.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                      AWS_EC2_METADATA_DISABLED="true")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("the fuzz run does not use the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign, assignment]
    socket.create_connection = refuse  # type: ignore[assignment]


def _compact(outcome: Any) -> tuple[Any, ...]:
    failures = [(f.kind, f.exc_type, f.where, f.detail[:500], f.view, f.known) for f in outcome.failures]
    case = outcome.case
    return (case.id, case.level, case.service, case.op, case.note, outcome.refused, outcome.code, outcome.status,
            outcome.accepted, outcome.seconds, failures)


def worker(wid: int, seed: int, indices: list[int], hang_after: float, batch: int, results: Any) -> None:
    isolate()
    from support.fuzz_inputs import case
    from support.fuzz_oracle import Harness

    harness = None
    for n, index in enumerate(indices):
        if harness is not None and n % batch == 0:
            harness.__exit__(None, None, None)
            harness = None
        if harness is None:
            harness = Harness(hang_after=hang_after, quiet=True).__enter__()
        results.put(("start", wid, index))
        try:
            outcome = harness.run(case(seed, index))
        except Exception as error:  # a bug of the fuzz itself: counted apart, never as fakeses'
            results.put(("harness", wid, index, f"{type(error).__name__}: {error}"[:300]))
            harness.__exit__(None, None, None)
            harness = None
            continue
        results.put(("done", wid, index, _compact(outcome)))
        if any(f.kind == "hang" for f in outcome.failures):  # its state may be half-changed
            harness.__exit__(None, None, None)
            harness = None
    results.put(("exit", wid, None))


def run(args: argparse.Namespace) -> Any:
    from support.fuzz_inputs import Case
    from support.fuzz_oracle import Failure, Outcome
    from support.fuzz_report import Summary

    summary = Summary(seed=args.seed)
    context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results = context.Queue()
    todo = {wid: list(range(wid, args.requests, args.jobs)) for wid in range(args.jobs)}
    processes: dict[int, Any] = {}
    current: dict[int, tuple[int, float]] = {}
    last = dict.fromkeys(todo, -1)
    started = time.monotonic()
    stuck_after = args.hang_after * 6

    def start(wid: int) -> None:
        process = context.Process(target=worker, args=(wid, args.seed, todo[wid], args.hang_after, args.batch,
                                                       results), daemon=True)
        process.start()
        processes[wid] = process
        current[wid] = (-1, time.monotonic())

    def record(item: tuple[Any, ...]) -> None:
        case_id, level, service, op, note, refused, code, status, accepted, seconds, failures = item
        case = Case(case_id, level, service, op, note=note)
        outcome = Outcome(case, refused=refused, code=code, status=status, accepted=accepted, seconds=seconds)
        outcome.failures = [Failure(kind, case, exc_type, where, detail, view, known)
                            for kind, exc_type, where, detail, view, known in failures]
        summary.add(outcome)
        if summary.requests % 5000 == 0:
            elapsed = time.monotonic() - started
            print(f"  {summary.requests}/{args.requests} requests, {elapsed:.0f} s, failing: "
                  f"{dict(summary.failed_requests)}", flush=True)

    for wid in todo:
        start(wid)
    while processes:
        try:
            message = results.get(timeout=1.0)
        except queue.Empty:
            message = None
        if message is not None:
            kind, wid, index = message[:3]
            if kind == "start":
                current[wid] = (index, time.monotonic())
            elif kind == "done":
                record(message[3])
                current[wid] = (-1, time.monotonic())
                last[wid] = index
            elif kind == "harness":
                summary.harness_errors.append(f"case {args.seed}:{index}: {message[3]}")
                summary.requests += 1
                current[wid] = (-1, time.monotonic())
                last[wid] = index
            elif kind == "exit":
                processes.pop(wid).join()
        for wid, (index, since) in list(current.items()):
            if wid in processes and index >= 0 and time.monotonic() - since > stuck_after:
                # Stuck where SIGALRM cannot reach: count the hang, start over after it.
                processes.pop(wid).kill()
                from support.fuzz_inputs import case_from_id

                stuck = case_from_id(f"{args.seed}:{index}")
                outcome = Outcome(stuck)
                outcome.failures = [Failure("hang", stuck, "Hang", "(worker killed: no answer)",
                                            f"no answer in {stuck_after:g} s")]
                summary.add(outcome)
                todo[wid] = [i for i in todo[wid] if i > index]
                start(wid)
            elif wid in processes and not processes[wid].is_alive() and results.empty():
                code = processes.pop(wid).exitcode
                print(f"worker {wid} died (exit code {code}) at case {index}", file=sys.stderr)
                todo[wid] = [i for i in todo[wid] if i > max(index, last[wid])]
                if todo[wid]:
                    start(wid)
    summary.seconds = time.monotonic() - started
    return summary


def explain(summary: Any, args: argparse.Namespace) -> None:
    """Shrink each distinct failure and write its reproducer."""
    from support.fuzz_inputs import case_from_id
    from support.fuzz_report import reproducer, shrink

    for key, found in summary.found.items():
        case = case_from_id(found.failure.case.id)
        found.failure.case = case
        if args.no_shrink:
            found.reproducer = reproducer(case, found.failure)
            continue
        budget = args.shrink_seconds * (3 if key[0] == "hang" else 1)
        small, alone = shrink(case, key, hang_after=args.hang_after, budget=budget)
        found.alone = alone
        found.reproducer = reproducer(small, found.failure)


def replay(case_id: str, hang_after: float) -> int:
    import traceback

    from support.fuzz_inputs import case_from_id
    from support.fuzz_oracle import Harness
    from support.fuzz_report import literal, reproducer

    case = case_from_id(case_id)
    print(f"{case.id}: {case.service} {case.op}, level {case.level} ({case.note})")
    print("params:" if case.params is not None else "request:",
          literal(case.params) if case.params is not None else case.request)
    with Harness(hang_after=hang_after) as harness:
        outcome = harness.run(case)
        for record in harness.catcher.records:
            if record.exc_info:
                traceback.print_exception(*record.exc_info)
    print(f"answer: HTTP {outcome.status} {outcome.code or ''} refused={outcome.refused} accepted={outcome.accepted}")
    for failure in outcome.failures:
        print(f"- {failure}")
        print(reproducer(case, failure))
    return 1 if outcome.failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=100, help="requests per fresh fake (default 100)")
    parser.add_argument("--hang-after", type=float, default=10.0, help="seconds before a request is a hang")
    parser.add_argument("--shrink-seconds", type=float, default=20.0, help="time to shrink each distinct failure")
    parser.add_argument("--no-shrink", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--replay", metavar="CASE_ID", help="run one case (an id from a summary) and explain it")
    args = parser.parse_args(argv)
    isolate()
    if args.replay:
        return replay(args.replay, args.hang_after)
    import botocore
    from support.fuzz_report import dumps

    print(f"fuzzing fakeses: {args.requests} requests, seed {args.seed}, {args.jobs} job(s), "
          f"botocore {botocore.__version__}", flush=True)
    summary = run(args)
    explain(summary, args)
    today = dt.date.today().isoformat()
    text = summary.text(botocore_version=botocore.__version__, date=today)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    (args.out / "summary.json").write_text(dumps(summary), encoding="utf-8")
    print(text)
    print(f"written to {args.out}/summary.md and summary.json")
    return 1 if summary.found else 0


if __name__ == "__main__":
    sys.exit(main())
