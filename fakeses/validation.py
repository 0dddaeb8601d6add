"""Input constraints read from the service model, reported as SES words them.

:func:`violations` walks the input shape and collects every broken constraint
(required, length, range, enum, pattern), the way botocore's ``ParamValidator`` builds
its report; :func:`message` renders them in the AWS (Coral) wording, e.g.
``1 validation error detected: Value null at 'destination' failed to satisfy
constraint: Member must not be null`` (docs/_research/foundation.md G1).

Paths use lowerCamelCase member names, dots for nesting and ``.N.member`` (1-based)
for an item of a list of structures (G3, G6b, G8). Constraints of the items of a list
of scalars, and of a map's keys and values, are reported once on the list or map, as
Coral does: ``Value at 'x' failed to satisfy constraint: Member must satisfy
constraint: [Member must have length less than or equal to 254, ...]`` (G4; SES v2
AdditionalContactEmailAddresses in floci, probe-confirmed).

SES leaves the offending value out of its messages: ``Value at 'deliveryOptions.tlsPolicy'
failed to satisfy constraint: Member must satisfy enum value set: [Optional, Require]``
(G7, v1; G8, v2). Only a missing member reads ``Value null at``.

Patterns are matched against the whole value, as Coral's Java validator does
(``Matcher.matches``), not searched for: the model's ``[ -~]*`` for a header value
would otherwise accept anything.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, Optional, Protocol

from botocore.model import Shape

from . import _patterns

_SIZED: dict[str, Any] = {"string": str, "blob": (bytes, bytearray), "list": list, "map": dict}
_SCALARS = frozenset(("string", "integer", "long", "double", "float", "boolean", "timestamp", "blob"))


class _Matcher(Protocol):
    def fullmatch(self, value: str) -> object: ...


@functools.cache
def _pattern(pattern: str) -> Optional[_Matcher]:
    # Linear in the value whatever it is (fakeses/_patterns.py): Python's re takes
    # quadratic time on some model patterns (S3Url, AdditionalContactEmailAddress).
    # Every pattern of today's models compiles (tests/unit/validation/test_patterns.py);
    # one that does not falls back to re.
    try:
        return _patterns.compile(pattern) or re.compile(pattern)
    except re.error:  # a Java-only construct (none in today's models): not checked here
        return None


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def violations(shape: Shape | None, params: Any) -> list[str]:
    """Every constraint of ``shape`` that ``params`` breaks, as AWS phrases each one.

    Returns an empty list when ``params`` satisfies the shape (or there is no shape).
    Values of the wrong type are skipped: the codecs refuse those before validation.
    """
    if shape is None:
        return []
    return list(_walk(shape, params, ""))


def message(found: list[str]) -> str:
    """The error message for ``found`` (from :func:`violations`), counted and joined."""
    count = len(found)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(found)


def _fail(where: str, constraint: str, null: bool = False) -> str:
    shown = "Value null" if null else "Value"
    return f"{shown} at '{where}' failed to satisfy constraint: {constraint}"


def _walk(shape: Shape, value: Any, where: str) -> Iterator[str]:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return
        prefix = f"{where}." if where else ""
        required = set(shape.required_members)
        # One pass in model member order: a member's null and its other violations
        # appear where the member is declared.
        for name, member in shape.members.items():
            item = value.get(name)
            if item is None:
                if name in required:
                    yield _fail(prefix + _camel(name), "Member must not be null", null=True)
                continue
            yield from _walk(member, item, prefix + _camel(name))
        return
    if kind == "list":
        if not isinstance(value, list):
            return
        yield from (_fail(where, c) for c in _own(shape, value))
        member = shape.member
        if member.type_name in _SCALARS:
            phrases = _phrases(member)
            if any(item is None or _breaks(member, item) for item in value):
                if any(item is None for item in value):
                    phrases = phrases + ["Member must not be null"]
                yield _fail(where, f"Member must satisfy constraint: [{', '.join(phrases)}]")
            return
        if any(item is None for item in value):
            # A null item of a list of structures is reported on the list, as for a list
            # of scalars: "Value '[null]' at 'assets' failed to satisfy constraint: Member
            # must satisfy constraint: [Member must not be null]" (Cognito, another Coral
            # service, measured against AWS in floci-io/floci's managed-login tests; E).
            yield _fail(where, "Member must satisfy constraint: [Member must not be null]")
        for index, item in enumerate(value, 1):
            if item is not None:
                yield from _walk(member, item, f"{where}.{index}.member")
        return
    if kind == "map":
        if not isinstance(value, dict):
            return
        yield from (_fail(where, c) for c in _own(shape, value))
        if any(_breaks(shape.key, key) for key in value):
            yield _fail(where, f"Map keys must satisfy constraint: [{', '.join(_phrases(shape.key))}]")
        # A null value is reported as a null list item is (?: no recording for maps).
        nulls = any(item is None for item in value.values())
        if shape.value.type_name in _SCALARS:
            if nulls or any(item is not None and _breaks(shape.value, item) for item in value.values()):
                phrases = _phrases(shape.value) + (["Member must not be null"] if nulls else [])
                yield _fail(where, f"Map value must satisfy constraint: [{', '.join(phrases)}]")
            return
        if nulls:
            yield _fail(where, "Map value must satisfy constraint: [Member must not be null]")
        for key, item in value.items():
            if item is not None:
                yield from _walk(shape.value, item, f"{where}.{key}")
        return
    yield from (_fail(where, c) for c in _own(shape, value))


def _own(shape: Shape, value: Any) -> list[str]:
    """The constraints of ``shape`` itself (not of its members) that ``value`` breaks."""
    meta = shape.metadata
    kind = shape.type_name
    broken: list[str] = []
    if kind in _SIZED:
        if not isinstance(value, _SIZED[kind]):
            return broken
        if kind == "string" and isinstance(value, str):
            pattern = meta.get("pattern")
            compiled = _pattern(pattern) if pattern else None
            if compiled is not None and not compiled.fullmatch(value):
                broken.append(f"Member must satisfy regular expression pattern: {pattern}")
            enum = meta.get("enum")
            if enum and value not in enum:
                broken.append(_enum_phrase(enum))
        size = len(value)
        if "min" in meta and size < meta["min"]:
            broken.append(f"Member must have length greater than or equal to {meta['min']}")
        if "max" in meta and size > meta["max"]:
            broken.append(f"Member must have length less than or equal to {meta['max']}")
    elif kind in ("integer", "long", "double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return broken
        if "min" in meta and value < meta["min"]:
            broken.append(f"Member must have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            broken.append(f"Member must have value less than or equal to {meta['max']}")
    return broken


def _breaks(shape: Shape, value: Any) -> bool:
    """Whether ``value`` breaks any constraint of ``shape``: the cheap checks (length,
    range, enum) first, the pattern only when they all hold. An item of a list of
    scalars (or a map key or value) is reported with every phrase of its shape, so
    which constraint it breaks need not be known."""
    meta = shape.metadata
    if shape.type_name == "string" and isinstance(value, str):
        size = len(value)
        if size < meta.get("min", 0) or ("max" in meta and size > meta["max"]):
            return True
        if meta.get("enum") and value not in meta["enum"]:
            return True
        pattern = meta.get("pattern")
        compiled = _pattern(pattern) if pattern else None
        return compiled is not None and not compiled.fullmatch(value)
    return bool(_own(shape, value))


def _phrases(shape: Shape) -> list[str]:
    """Every constraint of a scalar shape, in the order Coral lists them inside
    ``Member must satisfy constraint: [...]`` (length max, length min, pattern, enum)."""
    meta = shape.metadata
    phrases = []
    if shape.type_name in ("integer", "long", "double", "float"):
        if "max" in meta:
            phrases.append(f"Member must have value less than or equal to {meta['max']}")
        if "min" in meta:
            phrases.append(f"Member must have value greater than or equal to {meta['min']}")
        return phrases
    if "max" in meta:
        phrases.append(f"Member must have length less than or equal to {meta['max']}")
    if "min" in meta:
        phrases.append(f"Member must have length greater than or equal to {meta['min']}")
    if "pattern" in meta:
        phrases.append(f"Member must satisfy regular expression pattern: {meta['pattern']}")
    if "enum" in meta:
        phrases.append(_enum_phrase(meta["enum"]))
    return phrases


def _enum_phrase(values: list[str]) -> str:
    # SES lists the set sorted, not in model order: v1 TlsPolicy [Optional, Require]
    # (model: Require, Optional), v2 httpsPolicy [OPTIONAL, REQUIRE, REQUIRE_OPEN_ONLY],
    # tlsPolicy [OPTIONAL, REQUIRE], mailType, contactLanguage (foundation G7, G8; floci,
    # verified against AWS). One recorded exception, [ENABLED, DISABLED] for VDM
    # engagementMetrics, is unexplained; sorted order matches the rest.
    return f"Member must satisfy enum value set: [{', '.join(sorted(values))}]"
