"""One request per input member with a value of the wrong type, generated from the models.

For every member reachable from each operation's input (list items included), the
minimal valid request with that member present is serialized by botocore, then the
member's value on the wire is swapped for one of another type:

- v2 JSON body: a number for a string or blob, text for a number or boolean, ``true`` for
  a timestamp, an array for a structure or map, an object for a list. SES answers
  ``SerializationException`` (400) for a body it cannot read into the shape (G9).
- v2 query string: text that is no number, boolean or timestamp, same answer.
- v1 form: text that is no number, boolean, timestamp or base64 for those types: SES's
  ``ValidationError`` (400) naming the member. A form value is text, so a string cannot
  be of the wrong type, and text where a structure or list belongs only leaves that
  structure or list empty: those requests must get an answer SES gives, nothing more.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any, Callable
from urllib.parse import urlencode

from botocore.model import Shape
from botocore.serialize import create_serializer
from support.shapes import minimal, operations

from fakeses._model import service_model
from fakeses.protocols import Request

FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}

# The wrong value each type gets: in a JSON body, and as text (form, query string).
WRONG_JSON: dict[str, Any] = {
    "string": 5, "blob": 5, "boolean": "yes", "integer": "one", "long": "one", "double": "one",
    "float": "one", "timestamp": True, "structure": [], "map": [], "list": {},
}
WRONG_TEXT = {"boolean": "yes", "integer": "one", "long": "one", "double": "one", "float": "one",
              "timestamp": "yesterday", "blob": "!not base64!"}

Step = tuple[str, Any]  # ("member", wire name) | ("item", index) | ("value", key)


@dataclasses.dataclass(frozen=True)
class WrongType:
    service: str
    op: str
    member: str            # readable path of model names
    kind: str              # the member's shape type
    where: str             # the member path SES names in its messages
    expect: str            # "SerializationException" | "ValidationError" | "any SES answer"
    request: Request | None = None
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"{self.service}.{self.op}:{self.member}:{self.kind}"


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _walk(shape: Shape, value: Any, place: Callable[[Any], Any], steps: list[Step], member: str, where: str,
          location: str | None, out: list[tuple[list[Step], Shape, str, str, str | None, Any]]) -> None:
    kind = shape.type_name
    if kind == "structure":
        for name, child in shape.members.items():
            child_location = child.serialization.get("location") if not steps else None
            current = value.get(name, minimal(child))
            def child_place(v: Any, name: str = name) -> Any:
                return place({**value, name: v})

            path = f"{member}.{name}" if member else name
            child_where = f"{where}.{_camel(name)}" if where else _camel(name)
            wire = child.serialization.get("name", name)
            record = [*steps, ("member", wire)]
            out.append((record, child, path, child_where, child_location, child_place(current)))
            _walk(child, current, child_place, record, path, child_where, child_location, out)
    elif kind == "list":
        item = value[0]
        def item_place(v: Any) -> Any:
            return place([v, *value[1:]])

        scalar = shape.member.type_name not in ("structure", "list", "map")
        item_where = where if scalar else f"{where}.1.member"
        record = [*steps, ("item", 0)]
        out.append((record, shape.member, f"{member}[]", item_where, location, item_place(item)))
        _walk(shape.member, item, item_place, record, f"{member}[]", item_where, location, out)
    elif kind == "map":
        key = next(iter(value))
        def value_place(v: Any) -> Any:
            return place({**value, key: v})

        scalar = shape.value.type_name not in ("structure", "list", "map")
        value_where = where if scalar else f"{where}.{key}"
        record = [*steps, ("value", key)]
        out.append((record, shape.value, f"{member}{{}}", value_where, location, value_place(value[key])))
        _walk(shape.value, value[key], value_place, record, f"{member}{{}}", value_where, location, out)


def _form_key(shape: Shape, steps: list[Step]) -> str:
    parts = []
    for kind, key in steps:
        if kind == "member":
            parts.append(key)
        elif kind == "item":
            parts += ["member", str(key + 1)]
        else:
            parts += ["entry", "1", "value"]
    return ".".join(parts)


@functools.lru_cache(maxsize=None)
def wrong_types_for(service: str, op: str) -> tuple[WrongType, ...]:
    """One wrong-typed request per member of the operation's input."""
    model = service_model(service)
    operation = model.operation_model(op)
    shape = operation.input_shape
    if shape is None:
        return ()
    found: list[tuple[list[Step], Shape, str, str, str | None, Any]] = []
    _walk(shape, minimal(shape), lambda v: v, [], "", "", None, found)
    serializer = create_serializer(model.protocol, include_validation=False)
    out = []
    for steps, member, path, where, location, params in found:
        wire = serializer.serialize_to_request(params, operation)
        if service == "ses":
            out.append(_v1(service, op, wire, steps, member, path, where))
        else:
            out.append(_v2(service, op, wire, steps, member, path, where, location))
    return tuple(out)


def _v1(service: str, op: str, wire: dict[str, Any], steps: list[Step], member: Shape, path: str,
        where: str) -> WrongType:
    kind = member.type_name
    if kind == "string":
        return WrongType(service, op, path, kind, where, "", skip="a form value is text: a string cannot be of the wrong type")
    key = _form_key(member, steps)
    form = {k: v for k, v in wire["body"].items() if k != key and not k.startswith(key + ".")}
    text = WRONG_TEXT.get(kind, "text")
    form[key] = text
    request = Request("POST", "/", {}, FORM, urlencode(form).encode())
    expect = "ValidationError" if kind in WRONG_TEXT else "any SES answer"
    return WrongType(service, op, path, kind, where, expect, request)


def _v2(service: str, op: str, wire: dict[str, Any], steps: list[Step], member: Shape, path: str, where: str,
        location: str | None) -> WrongType:
    kind = member.type_name
    query = dict(wire["query_string"] or {})
    body = wire["body"]
    if location in ("uri", "header", "querystring"):
        if kind not in WRONG_TEXT:
            return WrongType(service, op, path, kind, where, "",
                             skip=f"a {location} value is text: a {kind} there cannot be of the wrong type")
        if location != "querystring":
            return WrongType(service, op, path, kind, where, "", skip=f"no {kind} member in a {location} (none modeled)")
        query[steps[0][1]] = WRONG_TEXT[kind]
    else:
        document = json.loads(body) if body else {}
        node = document
        for _, key in steps[:-1]:
            node = node[key]
        node[steps[-1][1]] = WRONG_JSON[kind]
        body = json.dumps(document).encode()
    headers = {k: v for k, v in wire["headers"].items()}
    request = Request(wire["method"], wire["url_path"], query, headers, body)
    return WrongType(service, op, path, kind, where, "SerializationException", request)


@functools.lru_cache(maxsize=None)
def all_wrong_types() -> tuple[WrongType, ...]:
    return tuple(case for service, op in operations() for case in wrong_types_for(service, op))
