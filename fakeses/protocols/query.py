"""SES v1: the AWS query protocol (form-encoded in, XML out), read from the model.

Lists arrive as ``Name.member.N``, maps as ``Name.entry.N.key`` / ``.value``, nested
structures as dotted paths; the result is written as
``<OpResponse><OpResult>...</OpResult><ResponseMetadata>...`` and errors as
``<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>``.
"""
from __future__ import annotations

import base64
from typing import Any, Mapping
from urllib.parse import parse_qsl

from botocore.model import OperationModel, ServiceModel, Shape

from . import ProtocolError, Request, Response
from ._scalars import iso8601, text_to_scalar

_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


def _escape(text: str) -> str:
    return text.translate(_XML_ESCAPES)


class QueryCodec:
    """Decode form requests and encode XML responses for one query service model."""

    content_type = "text/xml"

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.version = model.api_version
        self.namespace = model.metadata.get("xmlNamespace", "")
        self._operations = {name: model.operation_model(name) for name in model.operation_names}

    # -- requests ---------------------------------------------------------------------
    def decode(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        form = self._form(request)
        action = form.get("Action")
        if not action:
            raise ProtocolError("MissingAction", "Request is missing Action parameter.")
        operation = self._operations.get(action)
        if operation is None:
            # Common error InvalidAction, 400 (SES v1 API reference, Common Errors).
            raise ProtocolError(
                "InvalidAction", f"Could not find operation {action} for version {self.version}"
            )
        if operation.input_shape is None:
            return operation, {}
        tree = _tree(form)
        return operation, self._structure(operation.input_shape, tree, "")

    def _form(self, request: Request) -> dict[str, Any]:
        form: dict[str, Any] = {}
        for key, value in request.query.items():
            form[key] = value[-1] if isinstance(value, list) else value
        body = request.body
        if isinstance(body, Mapping):
            form.update(body)
        elif body:
            try:
                text = body.decode("utf-8")
                pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
            except (UnicodeDecodeError, ValueError):
                raise ProtocolError(
                    "MalformedQueryString", "The query string is malformed.", 400
                ) from None
            form.update(pairs)
        return form

    def _value(self, shape: Shape, node: Any, where: str) -> Any:
        kind = shape.type_name
        if kind == "structure":
            if isinstance(node, str):
                return {}
            return self._structure(shape, node, where)
        if kind == "list":
            return self._list(shape, node, where)
        if kind == "map":
            return self._map(shape, node, where)
        if not isinstance(node, str):
            raise ProtocolError("InvalidParameterValue", f"Invalid value for parameter {where}")
        return text_to_scalar(kind, node, where)

    def _structure(self, shape: Shape, node: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        prefix = f"{where}." if where else ""
        for name, member in shape.members.items():
            key = member.serialization.get("name", name)
            if key in node:
                out[name] = self._value(member, node[key], prefix + key)
        return out

    def _list(self, shape: Shape, node: Any, where: str) -> list[Any]:
        if isinstance(node, str):
            return []  # "Name=" is how botocore sends an empty list
        if not shape.serialization.get("flattened"):
            node = node.get(shape.member.serialization.get("name", "member"), {})
            if isinstance(node, str):
                return []
        return [self._value(shape.member, item, f"{where}.member.{i}") for i, item in _indexed(node, where)]

    def _map(self, shape: Shape, node: Any, where: str) -> dict[str, Any]:
        if isinstance(node, str):
            return {}
        entries = node if shape.serialization.get("flattened") else node.get("entry", {})
        if isinstance(entries, str):
            return {}
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        out: dict[str, Any] = {}
        for i, entry in _indexed(entries, where):
            if isinstance(entry, str) or key_name not in entry:
                raise ProtocolError("InvalidParameterValue", f"Invalid map entry {where}.entry.{i}")
            key = self._value(shape.key, entry[key_name], f"{where}.entry.{i}.{key_name}")
            out[key] = self._value(shape.value, entry.get(value_name, ""), f"{where}.entry.{i}.{value_name}")
        return out

    # -- responses --------------------------------------------------------------------
    def encode(self, operation: OperationModel, result: Mapping[str, Any], request_id: str) -> Response:
        name = operation.name
        parts = [f'<{name}Response xmlns="{self.namespace}">']
        shape = operation.output_shape
        if shape is not None:
            wrapper = shape.serialization.get("resultWrapper", f"{name}Result")
            parts.append(f"<{wrapper}>")
            self._write_members(shape, result, parts)
            parts.append(f"</{wrapper}>")
        parts.append(f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{name}Response>")
        return self._response(200, "".join(parts), request_id)

    def encode_error(self, code: str, message: str, status: int, request_id: str) -> Response:
        kind = "Sender" if status < 500 else "Receiver"
        body = (
            f'<ErrorResponse xmlns="{self.namespace}"><Error><Type>{kind}</Type>'
            f"<Code>{_escape(code)}</Code><Message>{_escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        return self._response(status, body, request_id)

    def _response(self, status: int, body: str, request_id: str) -> Response:
        data = body.encode("utf-8")
        headers = {
            "x-amzn-RequestId": request_id,
            "Content-Type": self.content_type,
            "Content-Length": str(len(data)),
        }
        return Response(status, headers, data)

    def _write_members(self, shape: Shape, value: Mapping[str, Any], parts: list[str]) -> None:
        for name, member in shape.members.items():
            item = value.get(name)
            if item is None:
                continue
            tag = member.serialization.get("name", name)
            parts.append(f"<{tag}>")
            self._write(member, item, parts)
            parts.append(f"</{tag}>")

    def _write(self, shape: Shape, value: Any, parts: list[str]) -> None:
        kind = shape.type_name
        if kind == "structure":
            self._write_members(shape, value, parts)
        elif kind == "list":
            tag = shape.member.serialization.get("name", "member")
            for item in value:
                parts.append(f"<{tag}>")
                self._write(shape.member, item, parts)
                parts.append(f"</{tag}>")
        elif kind == "map":
            key_tag = shape.key.serialization.get("name", "key")
            value_tag = shape.value.serialization.get("name", "value")
            for key, item in value.items():
                parts.append(f"<entry><{key_tag}>{_escape(str(key))}</{key_tag}><{value_tag}>")
                self._write(shape.value, item, parts)
                parts.append(f"</{value_tag}></entry>")
        elif kind == "boolean":
            parts.append("true" if value else "false")
        elif kind == "timestamp":
            parts.append(iso8601(value))
        elif kind == "blob":
            parts.append(base64.b64encode(value).decode("ascii"))
        else:
            parts.append(_escape(str(value)))


def _tree(form: Mapping[str, Any]) -> dict[str, Any]:
    """Group ``A.b.member.1=x`` pairs into nested dicts; leaves stay strings."""
    root: dict[str, Any] = {}
    for key, value in form.items():
        if key in ("Action", "Version"):
            continue
        *path, last = key.split(".")
        node = root
        for part in path:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        if not isinstance(node.get(last), dict):
            node[last] = value if isinstance(value, str) else str(value)
    return root


def _indexed(node: Mapping[str, Any], where: str) -> list[tuple[int, Any]]:
    items = []
    for index, item in node.items():
        if not index.isdigit() or int(index) < 1:
            raise ProtocolError("InvalidParameterValue", f"Invalid list index {where}.{index}")
        items.append((int(index), item))
    items.sort(key=lambda pair: pair[0])
    return items
