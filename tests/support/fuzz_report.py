"""What a fuzz run found, told so that each failure can be reproduced in one step.

- :class:`Summary` counts outcomes (by level, operation, error code) and keeps one
  failure per distinct bug (exception type and location, see ``Failure.key``);
- :func:`shrink` makes a failing case smaller while it still fails the same way;
- :func:`reproducer` writes a standalone snippet for a case, with its params as short
  Python literals (``"@" * 40000 + "\\n"``, ``nest(3000)``), and :func:`replay_command`
  the command that replays the exact case.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, Optional

from botocore import xform_name
from support.fuzz_inputs import CONFIGURATION_SET, SENDER_DOMAIN, TEMPLATE, Case, Opaque
from support.fuzz_oracle import (
    FOUND_HERE,
    KINDS,
    Failure,
    Harness,
    Outcome,
    setup_calls,
)

# -- short literals ------------------------------------------------------------------------


def _repeats(text: Any) -> Optional[tuple[Any, int, Any]]:
    """(unit, count, rest) when ``text`` starts with a short unit repeated many times."""
    for size in range(1, 17):
        unit = text[:size]
        if not unit:
            return None
        count = 1
        while text[count * size:(count + 1) * size] == unit:
            count += 1
        if count >= 8 and count * size >= 40:
            return unit, count, text[count * size:]
    return None


def _sequence(text: Any, limit: int = 400) -> str:
    """A str or bytes as a short expression: runs written as ``unit * n``, joined by ``+``."""
    pieces: list[str] = []
    plain = text[:0]
    rest = text
    while rest:
        found = _repeats(rest)
        if found is None:
            plain += rest[:1]
            rest = rest[1:]
            continue
        if plain:
            pieces.append(repr(plain))
            plain = text[:0]
        unit, count, rest = found
        pieces.append(f"{unit!r} * {count}")
        if sum(map(len, pieces)) > limit:
            break
    if plain:
        pieces.append(repr(plain))
    out = " + ".join(pieces) or repr(text)
    if len(out) > limit * 4:
        return f"{out[:limit * 4]}...  # cut: {len(text)} long"
    return out


def _chain(value: Any) -> tuple[int, Any, str]:
    """How many single-item lists or ``{"a": ...}`` dicts wrap ``value`` (depth, leaf, kind)."""
    depth, kind = 0, "list"
    while True:
        if isinstance(value, list) and len(value) == 1:
            value, kind = value[0], "list"
        elif isinstance(value, dict) and list(value) == ["a"]:
            value, kind = value["a"], "dict"
        else:
            return depth, value, kind
        depth += 1


def literal(value: Any, depth: int = 0) -> str:
    """Python source for ``value``, short even when it is huge or deep."""
    if isinstance(value, (str, bytes)) and len(value) > 60:
        return _sequence(value)
    if isinstance(value, bytearray):
        return f"bytearray({literal(bytes(value))})"
    if isinstance(value, bool) or value is None or isinstance(value, (str, bytes)):
        return repr(value)
    if isinstance(value, int):
        if abs(value) < 10**30:
            return repr(value)
        sign = "-" if value < 0 else ""
        try:
            digits = str(abs(value))
        except ValueError:  # more digits than int -> str allows: hexadecimal has no limit
            return f"{sign}int({_sequence(format(abs(value), 'x'))}, 16)"
        if digits.strip("0") == "1":
            return f"{sign}10**{len(digits) - 1}"
        if abs(value) & (abs(value) - 1) == 0:
            return f"{sign}2**{abs(value).bit_length() - 1}"
        return f"{sign}int({_sequence(digits)})"
    if isinstance(value, float):
        return f"float({str(value)!r})" if math.isnan(value) or math.isinf(value) else repr(value)
    if isinstance(value, (list, dict)):
        chain, leaf, kind = _chain(value)
        if chain > 8:
            return f"nest({chain}, {literal(leaf, depth + 1)}, {kind!r})"
        if depth > 30:
            return "...  # cut: deeper than 30"
    if isinstance(value, list):
        items = [literal(v, depth + 1) for v in value[:20]]
        more = [f"...  # cut: {len(value)} items"] if len(value) > 20 else []
        return "[" + ", ".join(items + more) + "]"
    if isinstance(value, tuple):
        return "(" + "".join(literal(v, depth + 1) + ", " for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k, depth + 1)}: {literal(v, depth + 1)}" for k, v in value.items()) + "}"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({literal(sorted(value, key=repr), depth + 1)})"
    if isinstance(value, decimal.Decimal):
        return f"decimal.Decimal({str(value)!r})"
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return "datetime." + repr(value).removeprefix("datetime.")
    if isinstance(value, Opaque):
        return "Opaque()"
    return repr(value)


# -- reproducers ---------------------------------------------------------------------------

def replay_command(case: Case) -> str:
    return f"python scripts/fuzz.py --replay {case.id}"


def reproducer(case: Case, failure: Failure) -> str:
    """A standalone snippet that sends ``case`` and reads what ``failure`` says broke.

    It sets up what the case refers to (the template, the configuration set) and, for a
    message whose events could not be read, the event destinations and notifications.
    """
    body = literal(case.params) if case.request is None else literal(case.request.body)
    lines = ["import datetime, decimal, json", "import boto3", "from botocore.config import Config",
             "from fakeses import fakeses"]
    if case.request is not None:
        lines += ["from fakeses._dispatch import handle", "from fakeses.protocols import Request"]
    if "nest(" in body:
        lines += ["def nest(depth, leaf=None, kind='list'):", "    for _ in range(depth):",
                  "        leaf = [leaf] if kind == 'list' else {'a': leaf}", "    return leaf"]
    if "Opaque()" in body:
        lines += ["class Opaque:", "    def __repr__(self):", "        return 'Opaque()'"]
    lines += ["", "config = Config(parameter_validation=False, retries={'total_max_attempts': 1})",
              "with fakeses() as fake:", f"    fake.verify_identity({SENDER_DOMAIN!r})",
              "    v1, v2 = boto3.client('ses', config=config), boto3.client('sesv2', config=config)"]
    text = body + ("" if case.request is None else case.request.path)
    events = failure.kind == "unreadable" and "events" in failure.view
    groups = {group for group, needed in (("template", TEMPLATE in text),
                                          ("configuration set", CONFIGURATION_SET in text or events),
                                          ("notifications", events)) if needed}
    for group, service, method, params in setup_calls():
        if group in groups:
            lines.append(f"    {'v1' if service == 'ses' else 'v2'}.{method}(**{literal(params)})")
    if case.request is None:
        client = "v1" if case.service == "ses" else "v2"
        lines.append(f"    params = {body}")
        lines.append(f"    answer = {client}.{xform_name(case.op or '')}(**params)")
    else:
        request = case.request
        lines.append(f"    request = Request({request.method!r}, {literal(request.path)}, {literal(dict(request.query))}, "
                     f"{literal(dict(request.headers))}, {body})")
        lines.append(f"    response = handle(fake._world, {case.service!r}, fake.account_id, fake.region, request)")
        lines.append("    print(response.status, response.body[:300])")
    if failure.kind == "misrecorded":
        lines.append("    print(len(fake.sent_messages), 'recorded')")
    if failure.kind == "unreadable":
        lines += [f"    for message in fake.sent_messages:  # fails reading: {failure.view}",
                  "        message.raw, message.text, message.html, repr(message)",
                  "        for part in [*message.mime.walk(), *message.attachments]:",
                  "            [str(value) for value in part.values()]",
                  "            if not part.is_multipart():",
                  "                part.get_content()",
                  "        for event in fake.events_of(message):  # each route's document, or the one a "
                  "destination would get",
                  "            for document in [route.document for route in event.routes] or [",
                  f"                    event_json.event_publishing(event, configuration_set={CONFIGURATION_SET!r})]:",
                  "                json.dumps(document)"]
        lines.insert(4, "from fakeses.domain import event_json")
    return "\n".join(lines)


# -- shrinking -------------------------------------------------------------------------------

def _smaller(value: Any, depth: int = 0) -> list[Any]:
    """Candidates smaller than ``value``, most promising first."""
    out: list[Any] = []
    if depth > 20:
        return out
    if isinstance(value, (list, dict)):
        chain, leaf, kind = _chain(value)
        if chain > 8:  # a deep chain: halve it, or drop it for its leaf
            from support.fuzz_inputs import nest

            return [nest(chain // 2, leaf, kind), leaf]
    if isinstance(value, dict):
        for key in list(value):
            out.append({k: v for k, v in value.items() if k != key})
        for key in list(value):
            for candidate in _smaller(value[key], depth + 1)[:6]:
                out.append({**value, key: candidate})
    elif isinstance(value, list):
        for i in range(len(value)):
            out.append(value[:i] + value[i + 1:])
        if len(value) > 1:
            out.append(value[:1])
        for i, item in enumerate(value[:5]):
            for candidate in _smaller(item, depth + 1)[:4]:
                out.append(value[:i] + [candidate] + value[i + 1:])
    elif isinstance(value, (str, bytes)) and len(value) > 1:
        found = _repeats(value)
        if found is not None:
            unit, count, rest = found
            out.append(unit * (count // 2) + rest)
        if isinstance(value, bytes) and b"\r\n" in value:
            lines = value.split(b"\r\n")
            out += [b"\r\n".join(lines[:i] + lines[i + 1:]) for i in range(len(lines))]
        out += [value[: len(value) // 2], value[len(value) // 2:]]
    return out


def _size(value: Any) -> int:
    try:
        return len(literal(value))
    except RecursionError:
        return 10**9


def fails_alike(case: Case, key: tuple[str, str, str], hang_after: float) -> Optional[int]:
    """How many other failures ``case`` has when, alone in a fresh harness, it fails with
    ``key``; None when it does not."""
    with Harness(hang_after=hang_after, quiet=True) as harness:
        outcome = harness.run(case)
    if not any(f.key == key for f in outcome.failures):
        return None
    return sum(f.key != key for f in outcome.failures)


def shrink(case: Case, key: tuple[str, str, str], *, hang_after: float, budget: float = 30.0,
           attempts: int = 300) -> tuple[Case, bool]:
    """A smaller case failing with ``key``, and whether ``case`` fails alone at all.

    A case that fails only after the requests before it (state they left) is returned as is.
    """
    others = fails_alike(case, key, hang_after)
    if others is None:
        return case, False
    rebuild: Optional[Callable[[Any], Case]]
    if case.params is not None:
        value, rebuild = case.params, (lambda params: dataclasses.replace(case, params=params))
    else:
        value, rebuild = _wire_value(case)
        if rebuild is None:
            return case, True  # bytes that are neither JSON nor a form: kept whole
    started, tried = time.monotonic(), 0
    best = value
    improved = True
    while improved and tried < attempts and time.monotonic() - started < budget:
        improved = False
        for candidate in _smaller(best):
            if tried >= attempts or time.monotonic() - started > budget:
                break
            if _size(candidate) >= _size(best) or not isinstance(candidate, type(value)):
                continue
            tried += 1
            found = fails_alike(rebuild(candidate), key, hang_after)
            if found is not None and found <= others:  # smaller, and no more entangled
                best, others, improved = candidate, found, True
                break
    return rebuild(best), True


def _wire_value(case: Case) -> tuple[Any, Optional[Callable[[Any], Case]]]:
    """A wire body as a value :func:`_smaller` can shrink (a JSON document, or the list
    of a form's fields), and the function that puts a smaller one back into the case."""
    request = case.request
    assert request is not None and isinstance(request.body, bytes)
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        document = None
    if isinstance(document, dict):
        return document, lambda value: dataclasses.replace(
            case, request=dataclasses.replace(request, body=json.dumps(value).encode()))
    if b"=" in request.body and b"{" not in request.body[:1]:
        fields = request.body.split(b"&")
        return fields, lambda value: dataclasses.replace(
            case, request=dataclasses.replace(request, body=b"&".join(value)))
    return None, None


# -- the summary --------------------------------------------------------------------------------

@dataclasses.dataclass
class Found:
    """One distinct failure: the first case it was seen in, and how often."""

    failure: Failure
    count: int = 0
    reproducer: str = ""
    alone: Optional[bool] = None


@dataclasses.dataclass
class Summary:
    """Counts over a run, and the distinct failures."""

    seed: int = 0
    requests: int = 0
    seconds: float = 0.0
    by_level: Counter[str] = dataclasses.field(default_factory=Counter)
    by_operation: Counter[str] = dataclasses.field(default_factory=Counter)
    codes: Counter[str] = dataclasses.field(default_factory=Counter)
    refused: Counter[str] = dataclasses.field(default_factory=Counter)
    accepted: int = 0
    failures: Counter[str] = dataclasses.field(default_factory=Counter)
    failed_requests: Counter[str] = dataclasses.field(default_factory=Counter)
    known: Counter[str] = dataclasses.field(default_factory=Counter)
    found: dict[tuple[str, str, str], Found] = dataclasses.field(default_factory=dict)
    harness_errors: list[str] = dataclasses.field(default_factory=list)  # bugs of the fuzz, not of fakeses

    def add(self, outcome: Outcome) -> None:
        case = outcome.case
        self.requests += 1
        self.by_level[case.level] += 1
        self.by_operation[f"{case.service}.{case.op}"] += 1
        if outcome.refused:
            self.refused[outcome.refused] += 1
            self.codes["(refused by botocore)"] += 1
        elif outcome.code:
            self.codes[outcome.code] += 1
        elif outcome.status is not None:
            self.codes[f"HTTP {outcome.status}"] += 1
        self.accepted += outcome.accepted
        for kind in {f.kind for f in outcome.failures}:
            self.failed_requests[kind] += 1
        for failure in outcome.failures:
            self.failures[failure.kind] += 1
            if failure.known:
                self.known[failure.known] += 1
            found = self.found.setdefault(failure.key, Found(failure))
            found.count += 1

    def text(self, *, botocore_version: str, date: str) -> str:
        """The summary as Markdown."""
        lines = [f"# fakeses fuzz run, seed {self.seed}", "",
                 f"- date: {date}; botocore {botocore_version}",
                 f"- requests: {self.requests} in {self.seconds:.0f} s",
                 f"- accepted messages (each read through every view): {self.accepted}",
                 "- requests failing, by kind: " + ", ".join(
                     f"{kind} {self.failed_requests.get(kind, 0)}" for kind in KINDS),
                 "", "## Requests by level", ""]
        lines += [f"- {level}: {n}" for level, n in sorted(self.by_level.items())]
        lines += ["", "## Answers by error code", ""]
        lines += [f"- {code}: {n}" for code, n in self.codes.most_common()]
        if self.refused:
            lines += ["", "botocore refused to serialize (fakeses not reached): " + ", ".join(
                f"{name} {n}" for name, n in self.refused.most_common())]
        lines += ["", "## Distinct failures", ""]
        if not self.found:
            lines.append("None.")
        order: dict[Optional[str], int] = {None: 0}
        for found in sorted(self.found.values(),
                            key=lambda f: (order.get(f.failure.known, 1 + (f.failure.known not in FOUND_HERE)), -f.count)):
            failure = found.failure
            if failure.known in FOUND_HERE:
                status = f"found by the fuzz, reported: {failure.known}"
            elif failure.known:
                status = f"known: {failure.known}"
            else:
                status = "NEW: matches no known issue"
            lines += [f"### {failure.kind}: {failure.exc_type} at {failure.where}", "",
                      f"- {found.count} time(s); {status}",
                      f"- first: {failure.case.service} {failure.case.op}, level {failure.case.level}, "
                      f"case {failure.case.id} ({failure.case.note})" + (f"; view {failure.view}" if failure.view else ""),
                      f"- detail: {failure.detail[:300]}",
                      f"- replay: `{replay_command(failure.case)}`"]
            if found.alone is False:
                lines.append("- fails only after the requests before it in its batch (state)")
            if found.reproducer:
                lines += ["", "```python", found.reproducer, "```"]
            lines.append("")
        if self.harness_errors:
            lines += ["## Errors of the fuzz itself (not fakeses')", ""]
            lines += [f"- {error}" for error in self.harness_errors[:20]]
            lines.append("")
        lines += ["## Requests by operation", ""]
        lines += [f"- {op}: {n}" for op, n in sorted(self.by_operation.items())]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed, "requests": self.requests, "seconds": round(self.seconds, 1),
            "accepted": self.accepted, "by_level": dict(self.by_level), "by_operation": dict(self.by_operation),
            "codes": dict(self.codes), "refused": dict(self.refused), "failures": dict(self.failures),
            "failed_requests": dict(self.failed_requests), "known": dict(self.known),
            "harness_errors": self.harness_errors,
            "distinct": [{"kind": f.failure.kind, "exc_type": f.failure.exc_type, "where": f.failure.where,
                          "count": f.count, "known": f.failure.known, "case": f.failure.case.id,
                          "detail": f.failure.detail[:500], "view": f.failure.view} for f in self.found.values()],
        }


def dumps(summary: Summary) -> str:
    return json.dumps(summary.as_json(), indent=1, sort_keys=True, default=str)

