"""Values and Hypothesis strategies built from botocore's shapes, shared by the tests.

Two kinds of builder, both driven by the model only:

- :func:`minimal` gives the smallest value of a shape that satisfies its constraints
  (one deterministic value: routing, reachability and the constraint cases start from it);
- :func:`values_for` (and :func:`inputs_for`, :func:`outputs_for`) give Hypothesis
  strategies for a shape's type, inside its constraints when ``valid``.

Imported as ``from support.shapes import ...`` (``pythonpath = ["tests"]`` in pyproject).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from botocore.model import Shape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

try:
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

from fakeses._model import SERVICES, service_model

UTC = dt.timezone.utc


def operations() -> list[tuple[str, str]]:
    """(service, operation) for every operation the installed botocore models."""
    return [(s, name) for s in SERVICES for name in service_model(s).operation_names]


def budget(examples: int) -> settings:
    """``examples`` examples under the default profile, 20 times more under ``deep``."""
    scale = max(1, settings.default.max_examples // 100)
    return settings(
        max_examples=examples * scale,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- one minimal valid value --------------------------------------------------------------

# Values for the few required members whose pattern "a" does not satisfy.
PATTERN_EXAMPLES = {"S3Url": "s3://bucket/key", "NextTokenV2": "abcd"}


@functools.lru_cache(maxsize=None)
def matching(pattern: str, low: int, high: int) -> str:
    """A string that fully matches ``pattern`` within the length limits (found once, deterministically).

    The shortest match is read off the parsed pattern; when that is too short, one of
    its characters is repeated until it is long enough. Hypothesis searches only if
    both fail (it shrinks its find, which takes seconds per pattern)."""
    compiled = re.compile(pattern)
    try:
        shortest = _shortest(_parser.parse(pattern))
    except ValueError:  # a construct _shortest does not read: Hypothesis searches
        shortest = "\x00"
    if compiled.fullmatch(shortest) and low <= len(shortest) <= high:
        return shortest
    if compiled.fullmatch(shortest) and len(shortest) < low:
        for i in range(len(shortest) + 1):
            for char in dict.fromkeys(shortest[max(0, i - 1):i + 1] + "a0-"):
                value = shortest[:i] + char * (low - len(shortest)) + shortest[i:]
                if compiled.fullmatch(value):
                    return value
    from hypothesis import find

    return find(
        st.from_regex(pattern, fullmatch=True),
        lambda text: low <= len(text) <= high,
        settings=settings(database=None, derandomize=True, suppress_health_check=list(HealthCheck)),
    )


def _shortest(parsed: Any) -> str:
    """The shortest string a parsed regular expression matches (preferring letters)."""
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "ANY":
            out.append("a")
        elif name == "NOT_LITERAL":
            out.append("b" if chr(arg) == "a" else "a")
        elif name == "IN":
            out.append(_one_of(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, item = arg
            out.append(_shortest(item) * low)
        elif name == "SUBPATTERN":
            out.append(_shortest(arg[-1]))
        elif name == "BRANCH":
            out.append(min((_shortest(branch) for branch in arg[1]), key=len))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise ValueError(f"no shortest match for {name}")
    return "".join(out)


def _one_of(items: Any) -> str:
    allowed: list[str] = []
    negated = any(str(op) == "NEGATE" for op, _ in items)
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            continue
        if name == "LITERAL":
            allowed.append(chr(arg))
        elif name == "RANGE":
            allowed += [chr(c) for c in range(arg[0], min(arg[1], arg[0] + 200) + 1)]
        elif name == "CATEGORY":
            allowed += {"CATEGORY_DIGIT": ["0"], "CATEGORY_WORD": ["a"], "CATEGORY_SPACE": [" "]}.get(
                str(arg), [])
    if negated:
        return next(c for c in "a0b_" if c not in allowed)
    for preferred in "a0":
        if preferred in allowed:
            return preferred
    if not allowed:
        raise ValueError("empty class")
    return allowed[0]


def minimal(shape: Shape) -> Any:
    """The smallest value of ``shape`` that satisfies its model constraints."""
    kind, meta = shape.type_name, shape.metadata
    if kind == "structure":
        # A structure with nothing set leaves nothing on a query-protocol wire, so one
        # member stands in when none is required.
        names = shape.required_members or list(shape.members)[:1]
        return {name: minimal(shape.members[name]) for name in names}
    if kind == "list":
        return [minimal(shape.member)] * max(1, meta.get("min", 0))
    if kind == "map":
        keys = shape.key.metadata.get("enum") or [f"k{i}" for i in range(max(1, meta.get("min", 0)))]
        return {key: minimal(shape.value) for key in keys[: max(1, meta.get("min", 0))]}
    if kind == "string":
        if "enum" in meta:
            return meta["enum"][0]
        value = PATTERN_EXAMPLES.get(shape.name, "a" * max(1, meta.get("min", 1)))
        if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
            value = matching(meta["pattern"], meta.get("min", 1), meta.get("max", 256))
        return value
    if kind in ("integer", "long"):
        return max(1, meta.get("min", 1))
    if kind in ("double", "float"):
        return float(max(1, meta.get("min", 1)))
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    if kind == "blob":
        return b"x"
    raise AssertionError(kind)


def minimal_input(service: str, op: str) -> dict[str, Any]:
    """The minimal valid params of ``service``'s operation ``op``."""
    shape = service_model(service).operation_model(op).input_shape
    return minimal(shape) if shape is not None else {}


# -- strategies ------------------------------------------------------------------------------

# Characters XML 1.0 can carry (https://www.w3.org/TR/xml/#charsets); SES answers in XML
# for v1, so output strings are drawn from these. Inputs may be any text.
XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)) + "\ufffe\uffff",
)

OFFSETS = st.sampled_from(
    [UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-8))]
)


def _timestamps(precision: str) -> st.SearchStrategy[dt.datetime]:
    values = st.datetimes(
        min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2200, 1, 1), timezones=OFFSETS
    )
    if precision == "ms":
        return values.map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
    return values


ADDRESSES = st.sampled_from(["me@example.com", "ann@example.org", "example.com", "Ann <ann@example.org>",
                             "success@simulator.amazonses.com", "bad", ""])


def values_for(shape: Shape, *, direction: str, protocol: str, label: bool = False, depth: int = 0,
               valid: bool = False) -> st.SearchStrategy[Any]:
    """Values of ``shape``'s type; model constraints (length, enum, ...) are ignored
    unless ``valid``, which also always sets required members."""
    kind = shape.type_name
    meta = shape.metadata if valid else {}
    sub = {"direction": direction, "protocol": protocol, "depth": depth + 1, "valid": valid}
    if kind == "structure":
        if depth > 6:  # no SES shape is recursive; this only guards against a future one
            return st.just({})
        members = {name: values_for(m, **sub, label=m.serialization.get("location") == "uri")
                   for name, m in shape.members.items()}
        if direction == "output" and shape.is_tagged_union:
            return st.one_of([st.fixed_dictionaries({n: s}) for n, s in members.items()])
        always = {n for n, m in shape.members.items() if m.serialization.get("location") == "uri"}
        if valid:
            always |= set(shape.required_members)
        return st.fixed_dictionaries(
            {n: s for n, s in members.items() if n in always},
            optional={n: s for n, s in members.items() if n not in always},
        )
    if kind == "list":
        low = meta.get("min", 0)
        return st.lists(values_for(shape.member, **sub), min_size=low, max_size=max(low, min(3, meta.get("max", 3))))
    if kind == "map":
        low = meta.get("min", 0)
        return st.dictionaries(values_for(shape.key, **sub), values_for(shape.value, **sub),
                               min_size=low, max_size=max(low, min(3, meta.get("max", 3))))
    if kind == "string":
        if "enum" in meta:
            return st.sampled_from(meta["enum"])
        if "pattern" in meta:
            return st.from_regex(meta["pattern"], fullmatch=True).filter(
                lambda v: meta.get("min", 0) <= len(v) <= meta.get("max", len(v)))
        alphabet = XML_CHARS if protocol == "query" and direction == "output" else st.characters(blacklist_categories=("Cs",))
        low = max(meta.get("min", 0), 1 if label else 0)
        text = st.text(alphabet, min_size=low, max_size=max(low, min(12, meta.get("max", 12))))
        return st.one_of(text, ADDRESSES.filter(lambda v: len(v) >= low)) if valid else text
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":  # a Java int on the server
        return st.integers(meta.get("min", -(2**31)), meta.get("max", 2**31 - 1))
    if kind == "long":
        return st.integers(meta.get("min", -(2**63)), meta.get("max", 2**63 - 1))
    if kind in ("double", "float"):
        return st.floats(meta.get("min"), meta.get("max"), allow_nan=False, allow_infinity=False)
    if kind == "timestamp":
        return _timestamps("ms" if direction == "output" else "us")
    if kind == "blob":
        if valid:
            return st.one_of(st.binary(max_size=24), st.sampled_from([
                b"From: me@example.com\r\nTo: ann@example.org\r\nSubject: hi\r\n\r\nbody",
                b"To: ann@example.org\r\n\r\nno sender"]))
        return st.binary(max_size=24)
    raise AssertionError(f"no strategy for shape type {kind}")


def inputs_for(service: str, op: str, valid: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Params for ``service``'s operation ``op``, shaped as its input shape says
    (and, if ``valid``, within its constraints)."""
    model = service_model(service)
    shape = model.operation_model(op).input_shape
    if shape is None:
        return st.just({})
    return values_for(shape, direction="input", protocol=model.protocol, valid=valid)


def outputs_for(service: str, op: str) -> st.SearchStrategy[dict[str, Any]]:
    """A handler's result for ``service``'s operation ``op``, shaped as its output shape."""
    model = service_model(service)
    shape = model.operation_model(op).output_shape
    if shape is None:
        return st.just({})
    return values_for(shape, direction="output", protocol=model.protocol)
