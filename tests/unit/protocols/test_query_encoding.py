"""The v1 response writers, built once per shape, against the plain recursive walk they replace.

``reference`` below is the writer fakeses had before the writers were built from the
model ahead of time (and ``slow_escape`` its escaping): the same bytes must come out for
every output shape of every v1 operation, for text that needs escaping and text that
does not, and for lists of names where the one-join fast path applies.
"""
from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from typing import Any

import pytest
from botocore.model import Shape
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget, outputs_for

from fakeses._dispatch import codec_for
from fakeses._model import service_model
from fakeses.protocols import query
from fakeses.protocols._scalars import iso8601

SES = service_model("ses")
CODEC = codec_for("ses")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTAINERS = ("structure", "list", "map")


def slow_escape(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text.translate(_XML_ESCAPES))


def _members(shape: Shape, value: Mapping[str, Any], parts: list[str]) -> None:
    for name, member in shape.members.items():
        item = value.get(name)
        if item is None:
            continue
        tag = member.serialization.get("name", name)
        parts.append(f"<{tag}>")
        _write(member, item, parts)
        parts.append(f"</{tag}>")


def _write(shape: Shape, value: Any, parts: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        _members(shape, value, parts)
    elif kind == "list":
        tag = shape.member.serialization.get("name", "member")
        for item in value:
            parts.append(f"<{tag}>")
            _write(shape.member, item, parts)
            parts.append(f"</{tag}>")
    elif kind == "map":
        key_tag = shape.key.serialization.get("name", "key")
        value_tag = shape.value.serialization.get("name", "value")
        for key, item in value.items():
            parts.append(f"<entry><{key_tag}>{slow_escape(str(key))}</{key_tag}><{value_tag}>")
            _write(shape.value, item, parts)
            parts.append(f"</{value_tag}></entry>")
    elif kind == "boolean":
        parts.append("true" if value else "false")
    elif kind == "timestamp":
        parts.append(iso8601(value))
    elif kind == "blob":
        parts.append(base64.b64encode(value).decode("ascii"))
    else:
        parts.append(slow_escape(str(value)))


def reference(op_name: str, result: Mapping[str, Any]) -> bytes:
    operation = SES.operation_model(op_name)
    parts = [f'<{op_name}Response xmlns="{CODEC.namespace}">']
    shape = operation.output_shape
    if shape is not None:
        wrapper = shape.serialization.get("resultWrapper", f"{op_name}Result")
        parts.append(f"<{wrapper}>")
        _members(shape, result, parts)
        parts.append(f"</{wrapper}>")
    parts.append(f"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{op_name}Response>")
    return "".join(parts).encode("utf-8")


def encoded(op_name: str, result: Mapping[str, Any]) -> bytes:
    return CODEC.encode(SES.operation_model(op_name), result, "r").body


ANY_TEXT = st.text(st.characters(), max_size=12)  # surrogates, controls, &<>" and \r included


@given(text=ANY_TEXT)
def test_escape_is_the_translation_whether_or_not_the_text_needs_it(text: str) -> None:
    assert query._escape(text) == slow_escape(text)


@pytest.mark.parametrize("op_name", sorted(n for n in SES.operation_names if SES.operation_model(n).output_shape))
@budget(10)
@given(data=st.data())
def test_every_v1_output_is_written_as_the_recursive_walk_writes_it(op_name: str, data: st.DataObject) -> None:
    result = data.draw(outputs_for("ses", op_name), label="result")
    assert encoded(op_name, result) == reference(op_name, result)


NAMES = st.one_of(st.from_regex(r"[a-z0-9.@-]{1,20}", fullmatch=True), ANY_TEXT)


@budget(200)
@given(names=st.lists(NAMES, max_size=30), token=st.one_of(st.none(), ANY_TEXT))
def test_a_list_of_names_is_written_as_one_join_or_name_by_name_alike(names: list[str], token: str | None) -> None:
    result = {"Identities": names, "NextToken": token}
    assert encoded("ListIdentities", result) == reference("ListIdentities", result)


def test_a_list_with_a_value_that_is_not_text_is_written_item_by_item() -> None:
    result = {"Identities": ["a@example.com", 7, None, "b&c"]}
    assert encoded("ListIdentities", result) == reference("ListIdentities", result)
    assert b"<member>7</member><member>None</member><member>b&amp;c</member>" in encoded("ListIdentities", result)


@given(attributes=st.dictionaries(ANY_TEXT, st.fixed_dictionaries(
    {"VerificationStatus": st.sampled_from(["Pending", "Success"])}, optional={"VerificationToken": ANY_TEXT}),
    max_size=4))
def test_a_map_of_structures_is_written_as_the_recursive_walk_writes_it(attributes: dict[str, Any]) -> None:
    result = {"VerificationAttributes": attributes}
    op = "GetIdentityVerificationAttributes"
    assert encoded(op, result) == reference(op, result)


@given(text=ANY_TEXT | st.text(st.characters(max_codepoint=127), max_size=30))
def test_the_ascii_check_for_nothing_to_escape_agrees_with_the_escape(text: str) -> None:
    assert query._nothing_to_escape(text) == (query._escape(text) == text == slow_escape(text))


def test_every_ascii_character_is_checked_as_the_escape_treats_it() -> None:
    for code in range(128):
        text = f"a{chr(code)}b"
        assert query._nothing_to_escape(text) == (slow_escape(text) == text), code
