"""The v2 body readers, built once per shape, against the recursive walk they replace.

``reference`` is the walk fakeses had before (``RestJsonCodec._value``): for JSON bodies
Hypothesis builds from every v2 input shape, values of the right type and, anywhere in
the tree, of a wrong one, both must read the same params or fail at the same member path
(the ``where`` SES's error would name) with the same text and kind.
"""
from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.model import Shape
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses._dispatch import codec_for
from fakeses._model import service_model
from fakeses.protocols import ProtocolError, Request
from fakeses.protocols._scalars import (
    BadScalar,
    camel,
    decode_base64,
    in_range,
    parse_timestamp,
)

V2 = service_model("sesv2")
CODEC = codec_for("sesv2")


def _shown(value: Any) -> str:
    return json.dumps(value)[:100]


def reference(shape: Shape, value: Any, where: str) -> Any:
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise BadScalar(where, _shown(value), kind)
        out = {}
        for name, member in shape.members.items():
            key = member.serialization.get("name", name)
            if value.get(key) is not None:
                out[name] = reference(member, value[key], f"{where}.{camel(name)}")
        return out
    if kind == "list":
        if not isinstance(value, list):
            raise BadScalar(where, _shown(value), kind)
        return [reference(shape.member, item, f"{where}.{i}.member") for i, item in enumerate(value, 1)]
    if kind == "map":
        if not isinstance(value, dict):
            raise BadScalar(where, _shown(value), kind)
        return {k: reference(shape.value, v, f"{where}.{k}") for k, v in value.items()}
    if kind == "string":
        if not isinstance(value, str):
            raise BadScalar(where, _shown(value), kind)
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise BadScalar(where, _shown(value), kind)
        return value
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int) or not in_range(kind, value):
            raise BadScalar(where, _shown(value), kind)
        return value
    if kind in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadScalar(where, _shown(value), kind)
        return float(value)
    if kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise BadScalar(where, _shown(value), kind)
        return parse_timestamp(str(value), where)
    if kind == "blob":
        if not isinstance(value, str):
            raise BadScalar(where, _shown(value), kind)
        return decode_base64(value, where)
    return value


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=6,
)
SCALARS = {
    "string": st.text(max_size=8), "boolean": st.booleans(),
    "integer": st.integers(-(2**32), 2**32), "long": st.integers(-(2**64), 2**64),
    "double": st.floats(allow_nan=False) | st.integers(-5, 5), "float": st.floats(allow_nan=False),
    "timestamp": st.integers(0, 2**34) | st.floats(0, 2e9) | st.sampled_from(
        ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123+02:00", "1700000000", "soon", " 12 "]),
    "blob": st.binary(max_size=6).map(lambda b: base64.b64encode(b).decode()) | st.sampled_from(["@@", "YQ"]),
}


def wild(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of ``shape``'s type, and now and then (at any depth) of some other JSON type."""
    kind = shape.type_name
    if kind == "structure":
        if depth > 5:
            return st.just({})
        fitting: st.SearchStrategy[Any] = st.fixed_dictionaries({}, optional={
            member.serialization.get("name", name): wild(member, depth + 1) for name, member in shape.members.items()})
    elif kind == "list":
        fitting = st.lists(st.none() | wild(shape.member, depth + 1), max_size=3)
    elif kind == "map":
        fitting = st.dictionaries(st.text(max_size=3), st.none() | wild(shape.value, depth + 1), max_size=2)
    else:
        fitting = SCALARS[kind]
    return st.one_of(fitting, fitting, fitting, ANY_JSON)


def outcome(read: Any) -> Any:
    try:
        return "ok", read()
    except BadScalar as bad:
        return "bad", bad.where, bad.text, bad.kind, str(bad)


BODY_OPERATIONS = sorted(
    name for name in V2.operation_names
    if V2.operation_model(name).input_shape is not None
    and any(m.serialization.get("location") is None for m in V2.operation_model(name).input_shape.members.values())
)


@pytest.mark.parametrize("op_name", BODY_OPERATIONS)
@budget(15)
@given(data=st.data())
def test_every_v2_body_is_read_as_the_recursive_walk_reads_it(op_name: str, data: st.DataObject) -> None:
    shape = V2.operation_model(op_name).input_shape
    for name, member in shape.members.items():
        if member.serialization.get("location") is not None:
            continue
        value = data.draw(wild(member), label=name)
        if value is None:
            continue
        ours, theirs = outcome(lambda: _top(name, member, value)), outcome(lambda: reference(member, value, camel(name)))
        # repr: 1 and 1.0 are equal, but not the same answer; a structure's keys in any order
        # (a value already read is taken as the client ordered it).
        assert repr(_keys_sorted(ours)) == repr(_keys_sorted(theirs))


def _keys_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((key, _keys_sorted(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return type(value)(_keys_sorted(item) for item in value)
    return value


def _top(name: str, member: Shape, value: Any) -> Any:
    """A body member read as the codec reads it: its own name goes in front of a failure's path."""
    try:
        return CODEC._reader(member)(value)
    except BadScalar as bad:
        raise BadScalar(camel(name) + bad.where, bad.text, bad.kind) from None


def test_a_bad_value_deep_in_a_bulk_entry_is_a_serialization_exception_naming_nothing() -> None:
    body = json.dumps({"FromEmailAddress": "a@example.com", "DefaultContent": {"Template": {"TemplateName": "t"}},
                       "BulkEmailEntries": [{"Destination": {"ToAddresses": ["b@example.org"]}},
                                            {"Destination": {"ToAddresses": ["c@example.org", 7]}}]}).encode()
    request = Request("POST", "/v2/email/outbound-bulk-emails", {}, {}, body)
    with pytest.raises(ProtocolError) as error:
        CODEC.decode(request)
    assert (error.value.code, error.value.message) == ("SerializationException", "")
