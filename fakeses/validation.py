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

Almost every request is valid, so :func:`violations` first asks a checker built once per
shape (:func:`_checker`) whether anything is broken at all; only when something is does
the walk run, building member paths and phrases. A bulk send of 50 entries walked
generically cost about a quarter of fakeses' own time (issue 11).
"""
from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
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
    check = _checker(shape)
    if check is None or check(params):
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


# -- the fast path: one checker per shape -------------------------------------------------
#
# A checker answers True when ``value`` breaks no constraint of its shape, exactly when
# ``_walk`` would yield nothing; a checker of None means the shape can break nothing (no
# required member, no constraint anywhere inside). They follow ``_walk`` rule by rule:
# a value of the wrong type is skipped, a null item of a list or map is a violation, a
# structure's unknown keys are ignored. tests/unit/validation/test_validation.py checks
# that both agree on every constraint of both models.

Check = Callable[[Any], bool]


def _checker(shape: Shape) -> Optional[Check]:
    """The checker of ``shape``, built on first use and kept with the shape (a model's
    shapes live as long as the model; the entry holds the shape, so its id stays its own)."""
    found = _checkers.get(id(shape))
    if found is None or found[0] is not shape:
        with _building:
            found = _checkers.get(id(shape))
            if found is None or found[0] is not shape:
                # A shape that contains itself checks through the cell while it is built.
                cell: list[Check] = []
                _checkers[id(shape)] = (shape, lambda value: cell[0](value) if cell else True)
                built = _build_checker(shape)
                if built is not None:
                    cell.append(built)
                found = _checkers[id(shape)] = (shape, built)
    return found[1]


_checkers: dict[int, tuple[Shape, Optional[Check]]] = {}
_building = threading.RLock()  # one builder at a time: no thread sees a cell still empty


def _build_checker(shape: Shape) -> Optional[Check]:
    kind = shape.type_name
    if kind == "structure":
        return _structure_checker(shape)
    if kind == "list":
        return _list_checker(shape)
    if kind == "map":
        return _map_checker(shape)
    return _scalar_checker(shape)


def _structure_checker(shape: Shape) -> Optional[Check]:
    required = tuple(shape.required_members)
    checks = {name: check for name, member in shape.members.items()
              if (check := _checker(member)) is not None}
    if not required and not checks:
        return None

    def check_structure(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name in required:
            if value.get(name) is None:
                return False
        # The value's own keys, usually fewer than the shape's members; a key that is no
        # member has no checker, as _walk never looks at it.
        for name, item in value.items():
            check = checks.get(name)
            if check is not None and item is not None and not check(item):
                return False
        return True

    return check_structure


def _list_checker(shape: Shape) -> Optional[Check]:
    own = _scalar_checker(shape)
    item_check = _checker(shape.member)

    def check_list(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if own is not None and not own(value):
            return False
        for item in value:
            if item is None or (item_check is not None and not item_check(item)):
                return False
        return True

    return check_list


def _map_checker(shape: Shape) -> Optional[Check]:
    own = _scalar_checker(shape)
    key_check = _scalar_checker(shape.key)
    value_check = _checker(shape.value)

    def check_map(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        if own is not None and not own(value):
            return False
        if key_check is not None and not all(map(key_check, value)):
            return False
        for item in value.values():
            if item is None or (value_check is not None and not value_check(item)):
                return False
        return True

    return check_map


def _scalar_checker(shape: Shape) -> Optional[Check]:
    """The checker of ``shape``'s own constraints (of a list or map: its size), as
    :func:`_own` reads them; None when it has none."""
    meta = shape.metadata
    kind = shape.type_name
    low, high = meta.get("min"), meta.get("max")
    if kind in _SIZED:
        sized = _SIZED[kind]
        pattern = meta.get("pattern") if kind == "string" else None
        compiled = _pattern(pattern) if pattern else None
        enum = frozenset(meta["enum"]) if kind == "string" and meta.get("enum") else None
        if low is None and high is None and compiled is None and enum is None:
            return None
        shortest = low if low is not None else 0
        longest = high if high is not None else float("inf")

        def check_sized(value: Any) -> bool:
            if not isinstance(value, sized):
                return True
            if not shortest <= len(value) <= longest:
                return False
            if enum is not None and value not in enum:
                return False
            return compiled is None or bool(compiled.fullmatch(value))

        return check_sized
    if kind in ("integer", "long", "double", "float"):
        if low is None and high is None:
            return None
        smallest = low if low is not None else float("-inf")
        largest = high if high is not None else float("inf")

        def check_number(value: Any) -> bool:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return True
            return not (value < smallest or value > largest)  # as _own compares (NaN passes)

        return check_number
    return None


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
