"""Conformance: every operation botocore models, generated from its shapes at test time.

A newer botocore brings its new operations and constraints in by itself. The terminal
summary states plain numbers: operations implemented, reached, constraints checked and
skipped (with each reason).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

import pytest
from support.clients import unchecked_client

from fakeses import fakeses
from fakeses._model import SERVICES, service_model
from fakeses.api import handlers


@pytest.fixture(scope="session")
def clients() -> dict[str, Any]:
    """One unchecked client per service, created once (fakeses serves clients whenever created)."""
    return {service: unchecked_client(service) for service in SERVICES}


@pytest.fixture
def fake() -> Iterator[Any]:
    with fakeses() as handle:
        yield handle


def _outcomes(reporter: Any, fragment: str) -> Counter[str]:
    """Outcomes of the tests whose node id contains ``fragment`` (skips count at setup)."""
    counts: Counter[str] = Counter()
    for outcome, reports in reporter.stats.items():
        for report in reports:
            when = getattr(report, "when", None)
            if fragment in getattr(report, "nodeid", "") and (when == "call" or (when == "setup" and outcome == "skipped")):
                counts[outcome] += 1
    return counts


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    reporter = terminalreporter
    ran = [r for key in ("passed", "failed", "skipped", "xfailed") for r in reporter.stats.get(key, [])
           if "tests/conformance/" in getattr(r, "nodeid", "")]
    if not ran:
        return
    from support.constraints import all_cases

    registry = handlers()
    reporter.write_sep("-", "fakeses conformance")
    for service in SERVICES:
        names = service_model(service).operation_names
        done = sum((service, name) in registry for name in names)
        reporter.write_line(f"{service}: implemented {done}/{len(names)} operations")
    reach = _outcomes(reporter, "test_reachability.py::test_a_minimal_request")
    if reach:
        reporter.write_line(
            f"reachability: {reach['passed']} answered, {reach['xfailed']} not implemented (xfail), "
            f"{reach['failed']} failed")
    cases = all_cases()
    checked = [case for case in cases if not case.skip]
    broken = sum(not case.inside for case in checked)
    reporter.write_line(
        f"input constraints: {len(cases)} cases, {len(checked)} checked ({broken} broken, "
        f"{len(checked) - broken} just inside a limit), {len(cases) - len(checked)} skipped:")
    for reason, count in sorted(Counter(case.skip for case in cases if case.skip).items(), key=lambda x: -x[1]):
        reporter.write_line(f"  {count:4d}  {reason}")
    result = _outcomes(reporter, "test_input_constraints.py::test_a_")
    if result:
        reporter.write_line(f"  this run: {result['passed']} passed, {result['failed']} failed, "
                            f"{result['skipped']} skipped")
    from support.wrong_types import all_wrong_types

    wrong = all_wrong_types()
    skipped = Counter(case.skip for case in wrong if case.skip)
    reporter.write_line(f"wrong member types: {len(wrong)} members, {len(wrong) - sum(skipped.values())} checked, "
                        f"{sum(skipped.values())} skipped:")
    for reason, count in sorted(skipped.items(), key=lambda x: -x[1]):
        reporter.write_line(f"  {count:4d}  {reason}")
