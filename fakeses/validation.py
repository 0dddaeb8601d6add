"""Input constraints read from the service model, reported as SES words them.

:func:`violations` walks the input shape and collects every broken constraint
(required, length, range, enum, pattern), the way botocore's ``ParamValidator`` builds
its report; :func:`message` renders them in the AWS (Coral) wording, e.g.
``1 validation error detected: Value null at 'destination' failed to satisfy
constraint: Member must not be null`` (the form quoted in the foundation issue).
Member paths use lowerCamelCase names and ``.N.member`` for list items, as AWS does.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator, Optional

from botocore.model import Shape


@functools.lru_cache(maxsize=None)
def _pattern(pattern: str) -> Optional["re.Pattern[str]"]:
    try:
        return re.compile(pattern)
    except re.error:  # a Java-only construct: leave it to the handlers
        return None


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _render(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_render(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bytes):
        return "java.nio.HeapByteBuffer"
    return str(value)


def violations(shape: Optional[Shape], params: Any) -> list[str]:
    """Every constraint of ``shape`` that ``params`` breaks, as AWS phrases each one."""
    if shape is None:
        return []
    return list(_walk(shape, params, ""))


def message(found: list[str]) -> str:
    count = len(found)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(found)


def _fail(value: Any, where: str, constraint: str, show: bool = False) -> str:
    # A missing member reads "Value null at"; SES leaves the offending value out of
    # enum, pattern and (v2) range messages: "Value at 'deliveryOptions.tlsPolicy'
    # failed to satisfy constraint: Member must satisfy enum value set: [...]"
    # (floci, verified against SES; docs/_research/foundation.md G7, G8). Values are
    # shown for length violations, as other Coral services do (G3).
    if value is None:
        shown = "Value null"
    elif show:
        shown = f"Value '{_render(value)}'"
    else:
        shown = "Value"
    return f"{shown} at '{where}' failed to satisfy constraint: Member must {constraint}"


def _walk(shape: Shape, value: Any, where: str) -> Iterator[str]:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return
        prefix = f"{where}." if where else ""
        for name in shape.required_members:
            if value.get(name) is None:
                yield _fail(None, prefix + _camel(name), "not be null")
        for name, item in value.items():
            member = shape.members.get(name)
            if member is not None and item is not None:
                yield from _walk(member, item, prefix + _camel(name))
        return
    meta = shape.metadata
    if kind == "list":
        if not isinstance(value, list):
            return
        yield from _length(meta, value, len(value), where)
        for index, item in enumerate(value, 1):
            if item is not None:
                yield from _walk(shape.member, item, f"{where}.{index}.member")
        return
    if kind == "map":
        if not isinstance(value, dict):
            return
        yield from _length(meta, value, len(value), where)
        for key, item in value.items():
            yield from _walk(shape.key, key, f"{where}.key")
            if item is not None:
                yield from _walk(shape.value, item, f"{where}.{key}")
        return
    if kind == "string":
        if not isinstance(value, str):
            return
        yield from _length(meta, value, len(value), where)
        enum = meta.get("enum")
        if enum and value not in enum:
            yield _fail(value, where, f"satisfy enum value set: [{', '.join(enum)}]")
        pattern = meta.get("pattern")
        if pattern:
            compiled = _pattern(pattern)
            if compiled is not None and compiled.search(value) is None:
                yield _fail(value, where, f"satisfy regular expression pattern: {pattern}")
        return
    if kind == "blob":
        if isinstance(value, (bytes, bytearray)):
            yield from _length(meta, value, len(value), where)
        return
    if kind in ("integer", "long", "double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        if "min" in meta and value < meta["min"]:
            yield _fail(value, where, f"have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            yield _fail(value, where, f"have value less than or equal to {meta['max']}")


def _length(meta: dict[str, Any], value: Any, size: int, where: str) -> Iterator[str]:
    if "min" in meta and size < meta["min"]:
        yield _fail(value, where, f"have length greater than or equal to {meta['min']}", _shown(meta, value))
    if "max" in meta and size > meta["max"]:
        yield _fail(value, where, f"have length less than or equal to {meta['max']}", _shown(meta, value))


def _shown(meta: dict[str, Any], value: Any) -> bool:
    return isinstance(value, str) and not meta.get("sensitive")
