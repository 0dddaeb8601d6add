"""How a request is judged against resource policies, as IAM judges it.

A statement applies when its principal, action, resource and every condition match.
An applicable Deny decides (explicit deny wins), else an applicable Allow, else nothing
allows the request (implicit deny). Several policies on one identity are read as one:
"Amazon SES applies a logical OR across the policies" (developer guide, sending
authorization policies); a Deny anywhere still wins (IAM policy evaluation logic).

Conditions follow the IAM User Guide (reference_policies_elements_condition_operators,
reference_policies_condition-single-vs-multi-valued-context-keys): the keys of one
operator and the operators of one block must all match (AND); the values of one key
are alternatives (OR); a negated operator ("StringNotEquals") matches when no value
does; a key the request lacks fails every operator except the negated ones, ``...IfExists``
and ``Null``; ``ForAllValues:`` matches when every request value matches (also when
there are none) and ``ForAnyValue:`` when one does. A plain operator on a multivalued
key (ses:Recipients) matches when any value does (a negated one: when none does).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import Callable, Optional

from .documents import Condition, Policy, Statement


@dataclasses.dataclass(frozen=True)
class Request:
    """What is asked: who (an IAM ARN, and its account), which action, on which resource,
    and the condition keys of the request (lower-case names; each a tuple of values)."""

    principal: str
    account: str
    action: str
    resource: str
    context: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The answer: allowed or not, the statement that decided (None: none applied), why."""

    allowed: bool
    statement: Optional[str]
    reason: str


@functools.lru_cache(maxsize=1024)
def _pattern(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(regex, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def matches(pattern: str, value: str, ignore_case: bool = False) -> bool:
    """IAM's wildcard match: ``*`` any run of characters, ``?`` one character."""
    return _pattern(pattern, ignore_case).fullmatch(value) is not None


def evaluate(policies: Iterable[Policy], request: Request) -> Verdict:
    """Judge ``request`` against every statement of ``policies``."""
    allowed: Optional[str] = None
    misses: list[str] = []
    for policy in policies:
        for statement in policy.statements:
            label = f"policy {policy.name!r} {statement.label}"
            miss = _miss(statement, request)
            if miss is not None:
                misses.append(f"{label}: {miss}")
                continue
            if statement.effect == "Deny":
                return Verdict(False, label, f"{label} denies it explicitly")
            if allowed is None:
                allowed = label
    if allowed is not None:
        return Verdict(True, allowed, f"{allowed} allows it")
    if not misses:
        return Verdict(False, None, "the identity has no policy, so no statement allows it")
    return Verdict(False, None, "no statement allows it (" + "; ".join(misses) + ")")


def _miss(statement: Statement, request: Request) -> Optional[str]:
    """Why ``statement`` does not apply to ``request``, or None if it does."""
    if statement.principal is not None and not any(_principal(p, request) for p in statement.principal):
        return f"principal {request.principal} is not {_shown(statement.principal)}"
    if statement.not_principal is not None and any(_principal(p, request) for p in statement.not_principal):
        return f"principal {request.principal} is excluded by NotPrincipal"
    if statement.action is not None and not any(matches(a, request.action, True) for a in statement.action):
        return f"action {request.action} is not {_shown(statement.action)}"
    if statement.not_action is not None and any(matches(a, request.action, True) for a in statement.not_action):
        return f"action {request.action} is excluded by NotAction"
    if statement.resource is not None and not any(matches(r, request.resource) for r in statement.resource):
        return f"resource {request.resource} is not {_shown(statement.resource)}"
    if statement.not_resource is not None and any(matches(r, request.resource) for r in statement.not_resource):
        return f"resource {request.resource} is excluded by NotResource"
    for condition in statement.conditions:
        if not condition_holds(condition, request.context):
            found = request.context.get(condition.key.lower())
            shown = "absent" if found is None else _shown(found)
            return (f"condition {condition.operator} {condition.key} {_shown(condition.values)} "
                    f"does not hold (request: {shown})")
    return None


def _shown(values: Iterable[str]) -> str:
    listed = list(values)
    return repr(listed[0]) if len(listed) == 1 else repr(listed)


def _principal(entry: str, request: Request) -> bool:
    """Does the policy's principal ``entry`` ("*", "AWS:<id or ARN>", "Service:<name>") name the caller?

    An account id or its root ARN names every principal of the account; a user or role ARN
    names that principal (a role also its assumed-role sessions); a service principal
    never names an account's own call.
    """
    if entry in ("*", "AWS:*"):
        return True
    kind, _, value = entry.partition(":")
    if kind != "AWS":
        return False
    if value.isdigit():
        return value == request.account
    if value.endswith(":root"):
        return value.split(":")[4] == request.account
    if value == request.principal:
        return True
    session = re.fullmatch(r"arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([^/]+)/.+", request.principal)
    if session is not None:
        return value == f"arn:{session.group(1)}:iam::{session.group(2)}:role/{session.group(3)}"
    return False


# -- conditions ----------------------------------------------------------------------------------

_NEGATED = {
    "StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike", "NumericNotEquals": "NumericEquals", "DateNotEquals": "DateEquals",
    "NotIpAddress": "IpAddress", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike",
}


def condition_holds(condition: Condition, context: Mapping[str, tuple[str, ...]]) -> bool:
    """Does ``condition`` hold for a request with ``context`` (lower-case key -> values)?"""
    operator = condition.operator
    qualifier = None
    if operator.startswith(("ForAllValues:", "ForAnyValue:")):
        qualifier, _, operator = operator.partition(":")
    if_exists = operator.endswith("IfExists")
    if if_exists:
        operator = operator[:-len("IfExists")]
    values = context.get(condition.key.lower())
    if operator == "Null":
        wanted = {value.lower() == "true" for value in condition.values}
        return (not values) in wanted
    negated = operator in _NEGATED
    positive = _NEGATED.get(operator, operator)
    if not values:
        if qualifier == "ForAllValues":
            return True
        if qualifier == "ForAnyValue":
            return False
        return if_exists or negated
    compare = _COMPARE[positive]

    def one(value: str) -> bool:
        hit = any(compare(value, wanted) for wanted in condition.values)
        return not hit if negated else hit

    if qualifier == "ForAllValues":
        return all(one(value) for value in values)
    if qualifier == "ForAnyValue" or not negated:
        return any(one(value) for value in values)
    return all(one(value) for value in values)


def _number(value: str) -> Optional[float]:
    try:
        return float(value)
    except ValueError:
        return None


def _date(value: str) -> Optional[_dt.datetime]:
    """An ISO 8601 time or epoch seconds (IAM's date formats)."""
    try:
        return _dt.datetime.fromtimestamp(float(value), _dt.timezone.utc)
    except ValueError:
        pass
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def _numeric(test: Callable[[float, float], bool]) -> Callable[[str, str], bool]:
    def compare(value: str, wanted: str) -> bool:
        a, b = _number(value), _number(wanted)
        return a is not None and b is not None and test(a, b)
    return compare


def _dated(test: Callable[[_dt.datetime, _dt.datetime], bool]) -> Callable[[str, str], bool]:
    def compare(value: str, wanted: str) -> bool:
        a, b = _date(value), _date(wanted)
        return a is not None and b is not None and test(a, b)
    return compare


def _ip(value: str, wanted: str) -> bool:
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(wanted, strict=False)
    except ValueError:
        return False


_COMPARE: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda value, wanted: value == wanted,
    "StringEqualsIgnoreCase": lambda value, wanted: value.lower() == wanted.lower(),
    "StringLike": lambda value, wanted: matches(wanted, value),
    "NumericEquals": _numeric(lambda a, b: a == b),
    "NumericLessThan": _numeric(lambda a, b: a < b),
    "NumericLessThanEquals": _numeric(lambda a, b: a <= b),
    "NumericGreaterThan": _numeric(lambda a, b: a > b),
    "NumericGreaterThanEquals": _numeric(lambda a, b: a >= b),
    "DateEquals": _dated(lambda a, b: a == b),
    "DateLessThan": _dated(lambda a, b: a < b),
    "DateLessThanEquals": _dated(lambda a, b: a <= b),
    "DateGreaterThan": _dated(lambda a, b: a > b),
    "DateGreaterThanEquals": _dated(lambda a, b: a >= b),
    "Bool": lambda value, wanted: value.lower() == wanted.lower(),
    "BinaryEquals": lambda value, wanted: value == wanted,
    "IpAddress": _ip,
    "ArnEquals": lambda value, wanted: matches(wanted, value),
    "ArnLike": lambda value, wanted: matches(wanted, value),
}
