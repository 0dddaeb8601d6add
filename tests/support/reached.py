"""Which error codes each operation answered during the test run, for docs/coverage.md.

The recorder wraps :func:`fakeses._dispatch.run` (every decoded request of every test
goes through it, from a boto3 client or straight from ``handle``) and notes the error
code of each answer by (service, operation). Answers inside a Hypothesis test are left
out: they depend on the examples drawn, and the page must not change from run to run.
``NotImplemented`` and ``InternalFailure`` are left out too (see LEFT_OUT).

When the whole suite ran (nothing deselected, nothing stopped early), the recording is
written to :data:`RECORD`, where ``scripts/gen_coverage.py`` reads it.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / ".pytest_cache" / "fakeses" / "errors-reached.json"

_V1_CODE = re.compile(rb"<Code>([^<]*)</Code>")
# NotImplemented says nothing about SES; InternalFailure is a bug of ours (and tests that
# provoke one on purpose, with a broken handler, do not reach an error SES gives).
LEFT_OUT = frozenset(("NotImplemented", "InternalFailure"))


def error_code(service: str, response: Any) -> str | None:
    """The error code of an encoded answer, or None for a success."""
    if response.status < 300:
        return None
    if service == "sesv2":
        return str(response.headers.get("x-amzn-ErrorType", "")) or None
    found = _V1_CODE.search(response.body)
    return found.group(1).decode() if found else None


class Recorder:
    """(service, operation) -> error codes answered outside Hypothesis tests."""

    def __init__(self) -> None:
        self.codes: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.selected = 0          # items the session runs
        self.finished = 0          # items finished so far
        self.whole_suite = False   # the session selected every test of the suite
        self.deselected = False

    def install(self, monkeypatch: Any) -> None:
        from hypothesis import currently_in_test_context

        import fakeses._dispatch as dispatch

        original = dispatch.run

        def run(world: Any, service: str, account_id: str, region: str, operation: Any, *rest: Any) -> Any:
            response = original(world, service, account_id, region, operation, *rest)
            code = error_code(service, response)
            if code and code not in LEFT_OUT and not currently_in_test_context():
                self.codes[(service, operation.name)].add(code)
            return response

        monkeypatch.setattr(dispatch, "run", run)

    def complete_so_far(self, remaining: int = 0) -> bool:
        """Whether every test of the suite ran, but the ``remaining`` last ones."""
        return self.whole_suite and self.finished >= self.selected - remaining

    def snapshot(self) -> dict[tuple[str, str], set[str]]:
        return {key: set(codes) for key, codes in self.codes.items() if codes}

    def write(self, botocore_version: str) -> None:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "botocore": botocore_version,
            "reached": {f"{s}.{op}": sorted(codes) for (s, op), codes in sorted(self.snapshot().items())},
        }
        RECORD.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


RECORDER = Recorder()
