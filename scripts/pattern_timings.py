"""Time every pattern of the installed botocore's ses and sesv2 models on adversarial values.

Run: python scripts/pattern_timings.py          (a few minutes; two cores shared: expect noise)

For each pattern, values are built as ``prefix + unit * n + end`` from the pattern's own
characters, ARN and URL prefixes and awkward endings. The script checks that
fakeses._patterns answers as ``re.fullmatch`` on every such value up to 40 characters,
then reports, for the slowest of them, the time fakeses takes on a 1 MB value and the
time ``re`` takes on 4 kB and 8 kB values: a fourfold rise for twice the size is
quadratic backtracking. The test suite asserts structure, not time
(tests/unit/validation/test_patterns.py); this is where the numbers come from.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from fakeses import _patterns
from fakeses._model import service_model

PREFIXES = ["", "s3://b/", "arn:aws:iam::1:role/", "arn:aws:ses:us-east-1:1:mailmanager-archive/a-",
            "arn:a:b:c:1:certificate/", "arn:aws:connect:us-east-1:1:instance/", "arn:"]
ENDS = ["\n", "//", "/", "@", "\x00", "", "=", "?", "#", ":"]
MB = 1_000_000

Spec = tuple[str, str, str]


def model_patterns() -> dict[str, str]:
    found: dict[str, str] = {}
    for service in ("ses", "sesv2"):
        model = service_model(service)
        for name in model.shape_names:
            pattern = model.shape_for(name).metadata.get("pattern")
            if pattern:
                found.setdefault(pattern, f"{service} {name}")
    return found


def family(pattern: str) -> Iterator[Spec]:
    chars = sorted(set("a@/\n:.-=+ ?#0A_~!\x00\u00e9") | {c for c in pattern if c.isprintable()})
    for prefix in PREFIXES:
        for char in chars:
            for unit in (char, char + "/", char + "@", char + "a"):
                for end in ENDS:
                    yield prefix, unit, end


def make(spec: Spec, n: int) -> str:
    prefix, unit, end = spec
    return prefix + unit * (n // len(unit)) + end


def clock(check: Callable[[str], object], value: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check(value)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    for pattern, where in model_patterns().items():
        linear = _patterns.compile(pattern)
        backtracking = re.compile(pattern)
        if linear is None:
            print(f"{where:36} NOT on the linear engine: {pattern}")
            continue
        specs = list(family(pattern))
        for spec in specs:
            for n in (0, 1, 2, 5, 40):
                value = make(spec, n)
                assert linear.fullmatch(value) == bool(backtracking.fullmatch(value)), (pattern, value)
        slowest = sorted(specs, key=lambda spec: -clock(linear.fullmatch, make(spec, 20_000), 1))[:3]
        worst_for_re = sorted(specs, key=lambda spec: -clock(backtracking.fullmatch, make(spec, 2_000), 1))[:3]
        ours = max(clock(linear.fullmatch, make(spec, MB)) for spec in slowest + worst_for_re)
        re_4k = max(clock(backtracking.fullmatch, make(spec, 4_000)) for spec in worst_for_re)
        re_8k = max(clock(backtracking.fullmatch, make(spec, 8_000)) for spec in worst_for_re)
        print(f"{where:36} fakeses 1 MB: {ours * 1000:5.0f} ms | re 4 kB: {re_4k * 1000:6.1f} ms, "
              f"8 kB: {re_8k * 1000:6.1f} ms", flush=True)


if __name__ == "__main__":
    main()
