"""SES v1: the AWS query protocol (form-encoded in, XML out), read from the model.

Lists arrive as ``Name.member.N``, maps as ``Name.entry.N.key`` / ``.value``, nested
structures as dotted paths; the result is written as
``<OpResponse><OpResult>...</OpResult><ResponseMetadata>...`` and errors as
``<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>``.
"""
from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping
from typing import Any, Optional
from urllib.parse import parse_qsl

from botocore.model import OperationModel, ServiceModel, Shape

from . import ProtocolError, Request, Response
from ._scalars import BadScalar, camel, iso8601, text_to_scalar

_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTAINERS = frozenset(("structure", "list", "map"))
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


# Characters XML 1.0 cannot carry at all (https://www.w3.org/TR/xml/#charsets), even as
# references; written as U+FFFD so botocore's parser still reads the rest of the answer.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Any character _escape changes: most values have none and are returned as they are.
_TO_ESCAPE = re.compile('[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _escape(text: str) -> str:
    if _TO_ESCAPE.search(text) is None:
        return text
    return _NOT_XML.sub("\ufffd", text.translate(_XML_ESCAPES))


# The ASCII characters _escape leaves as they are.
_SAFE_ASCII = bytes(c for c in range(128) if not _TO_ESCAPE.match(chr(c)))


def _nothing_to_escape(text: str) -> bool:
    """Whether ``text`` holds no character _escape changes. For ASCII text (a flag read),
    deleting the safe bytes leaves nothing: a C loop, several times faster than the regex
    on the long text of a list of names."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _SAFE_ASCII)
    return _TO_ESCAPE.search(text) is None


# Writers of a response, built once per shape from the model: a writer appends the XML of
# one value (without the element around it) to a list of parts; a scalar's is its text.
Writer = Callable[[Any, list[str]], None]
Text = Callable[[Any], str]


def _bool_text(value: Any) -> str:
    return "true" if value else "false"


def _blob_text(value: Any) -> str:
    return base64.b64encode(value).decode("ascii")


def _plain_text(value: Any) -> str:
    return _escape(str(value))


_TEXTS: dict[str, Text] = {"boolean": _bool_text, "timestamp": iso8601, "blob": _blob_text}


class QueryCodec:
    """Decode form requests and encode XML responses for one query service model."""

    content_type = "text/xml"

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self.version = model.api_version
        self.namespace = model.metadata.get("xmlNamespace", "")
        self._operations = {name: model.operation_model(name) for name in model.operation_names}
        self._writers: dict[str, Writer] = {}

    # -- requests ---------------------------------------------------------------------
    def decode(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        form = self._form(request)
        action = form.get("Action")
        if not isinstance(action, str) or not action:
            # Common error MissingAction, 400 (SES v1 API reference, Common Errors).
            raise ProtocolError("MissingAction", "The request is missing an action or a required parameter.")
        version = form.get("Version")
        if not isinstance(version, str) or not version:
            version = self.version
        operation = self._operations.get(action) if version == self.version else None
        if operation is None:
            # Common error InvalidAction, 400; the wording is recorded for an unknown action
            # and for a known one under another version (foundation G11).
            raise ProtocolError("InvalidAction", f"Could not find operation {action} for version {version}")
        if operation.input_shape is None:
            return operation, {}
        tree = _tree(form)
        try:
            return operation, self._structure(operation.input_shape, tree, "")
        except BadScalar as bad:
            # Coral's wording for a value of the wrong type (?: no SES recording; the
            # form other Coral query services use, e.g. STS durationSeconds). A value with
            # no text (see _form_value) is left out, as SES leaves values out (G7).
            shown = "Value" if bad.text is None else f"Value '{bad.text}'"
            raise ProtocolError(
                "ValidationError",
                f"1 validation error detected: {shown} at '{bad.where}' failed to "
                f"satisfy constraint: Member must be a valid {bad.kind}",
            ) from None

    def _form(self, request: Request) -> dict[str, Any]:
        """Query string and body as one name -> value mapping (the body wins).

        Values are text, or :data:`_NO_TEXT` for an in-process value that has none.
        """
        form: dict[str, Any] = {}
        query: Any = request.query
        path_query = request.path.partition("?")[2]
        if isinstance(query, (str, bytes)) or (not query and path_query):
            form.update(_parse_form(query or path_query))
        else:
            for key, value in query.items():
                text = _form_value(value)
                if text is not None:
                    form[str(key)] = text
        body = request.body
        if isinstance(body, Mapping):
            for key, value in body.items():
                text = _form_value(value)
                if text is not None:
                    form[str(key)] = text
        elif body:
            form.update(_parse_form(body))
        return form

    # ``where`` is the member's path as AWS writes it in errors: lowerCamel names,
    # ``.N.member`` for list items (docs/_research/foundation.md G3, G8).
    def _value(self, shape: Shape, node: Any, where: str) -> Any:
        kind = shape.type_name
        if kind == "structure":
            if not isinstance(node, dict):
                return {}
            return self._structure(shape, node, where)
        if kind == "list":
            return self._list(shape, node, where)
        if kind == "map":
            return self._map(shape, node, where)
        if node is _NO_TEXT:
            raise BadScalar(where, None, kind)
        return text_to_scalar(kind, node, where)

    def _structure(self, shape: Shape, node: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        prefix = f"{where}." if where else ""
        for name, member in shape.members.items():
            item = node.get(member.serialization.get("name", name))
            if item is None:
                continue
            if isinstance(item, dict) and member.type_name not in _CONTAINERS:
                continue  # only "Name.x=..." keys for a scalar: unknown parameters, ignored (G15)
            out[name] = self._value(member, item, prefix + camel(name))
        return out

    def _list(self, shape: Shape, node: Any, where: str) -> list[Any]:
        if not isinstance(node, dict):
            return []  # "Name=" is how botocore sends an empty list
        if not shape.serialization.get("flattened"):
            node = node.get(shape.member.serialization.get("name", "member"), {})
            if not isinstance(node, dict):
                return []
        scalar = shape.member.type_name not in _CONTAINERS
        return [
            self._value(shape.member, item, f"{where}.{i}.member")
            for i, item in _indexed(node, where)
            if not (scalar and isinstance(item, dict))  # "L.member.1.x=": not an item, ignored
        ]

    def _map(self, shape: Shape, node: Any, where: str) -> dict[str, Any]:
        if not isinstance(node, dict):
            return {}
        entries = node if shape.serialization.get("flattened") else node.get("entry", {})
        if not isinstance(entries, dict):
            return {}
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        out: dict[str, Any] = {}
        for i, entry in _indexed(entries, where):
            if not isinstance(entry, dict) or key_name not in entry:
                raise ProtocolError("InvalidParameterValue", f"Invalid map entry {where}.entry.{i}")
            if isinstance(entry[key_name], dict):
                raise ProtocolError("InvalidParameterValue", f"Invalid map entry {where}.entry.{i}")
            key = self._value(shape.key, entry[key_name], f"{where}.key")
            default = "" if shape.value.type_name in ("string", "structure", "list", "map") else None
            raw = entry.get(value_name, default)
            if isinstance(raw, dict) and shape.value.type_name not in _CONTAINERS:
                raw = default
            out[key] = None if raw is None else self._value(shape.value, raw, f"{where}.{key}")
        return out

    # -- responses --------------------------------------------------------------------
    def encode(self, operation: OperationModel, result: Mapping[str, Any], request_id: str) -> Response:
        name = operation.name
        parts = [f'<{name}Response xmlns="{self.namespace}">']
        shape = operation.output_shape
        if shape is not None:
            wrapper = shape.serialization.get("resultWrapper", f"{name}Result")
            parts.append(f"<{wrapper}>")
            self._writer(shape)(result, parts)
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

    def _writer(self, shape: Shape) -> Writer:
        """The writer of a structure, list or map shape, built on first use.

        Shape names are unique in a model, so the writer is kept by name; a shape that
        contains itself finds its own writer through the cell while it is being built.
        """
        found = self._writers.get(shape.name)
        if found is None:
            cell: list[Writer] = []
            self._writers[shape.name] = lambda value, parts: cell[0](value, parts)
            found = self._build(shape)
            cell.append(found)
            self._writers[shape.name] = found
        return found

    def _build(self, shape: Shape) -> Writer:
        kind = shape.type_name
        if kind == "structure":
            return self._structure_writer(shape)
        if kind == "list":
            return self._list_writer(shape)
        return self._map_writer(shape)

    @staticmethod
    def _text(shape: Shape) -> Text:
        return _TEXTS.get(shape.type_name, _plain_text)

    def _structure_writer(self, shape: Shape) -> Writer:
        members: list[tuple[str, str, str, Optional[Text], Optional[Writer]]] = []
        for name, member in shape.members.items():
            tag = member.serialization.get("name", name)
            if member.type_name in _CONTAINERS:
                members.append((name, f"<{tag}>", f"</{tag}>", None, self._writer(member)))
            else:
                members.append((name, f"<{tag}>", f"</{tag}>", self._text(member), None))

        def write(value: Mapping[str, Any], parts: list[str]) -> None:
            for name, open_, close, text, writer in members:
                item = value.get(name)
                if item is None:
                    continue
                if text is not None:
                    parts.append(open_ + text(item) + close)
                else:
                    parts.append(open_)
                    writer(item, parts)  # type: ignore[misc]
                    parts.append(close)

        return write

    def _list_writer(self, shape: Shape) -> Writer:
        tag = shape.member.serialization.get("name", "member")
        open_, close = f"<{tag}>", f"</{tag}>"
        if shape.member.type_name in _CONTAINERS:
            writer = self._writer(shape.member)

            def write_items(values: list[Any], parts: list[str]) -> None:
                for item in values:
                    parts.append(open_)
                    writer(item, parts)
                    parts.append(close)

            return write_items
        text = self._text(shape.member)
        between = close + open_

        def write_scalars(values: list[Any], parts: list[str]) -> None:
            if text is _plain_text and values:
                # A list of names (ListIdentities: up to 1,000): when no value needs
                # escaping, as most do not, one join writes them all.
                try:
                    joined = "".join(values)
                except TypeError:  # not all str: each is written below
                    pass
                else:
                    if _nothing_to_escape(joined):
                        parts.append(open_ + between.join(values) + close)
                        return
            for item in values:
                parts.append(open_ + text(item) + close)

        return write_scalars

    def _map_writer(self, shape: Shape) -> Writer:
        key_tag = shape.key.serialization.get("name", "key")
        value_tag = shape.value.serialization.get("name", "value")
        open_key, between, close = f"<entry><{key_tag}>", f"</{key_tag}><{value_tag}>", f"</{value_tag}></entry>"
        if shape.value.type_name in _CONTAINERS:
            writer = self._writer(shape.value)

            def write_entries(value: Mapping[Any, Any], parts: list[str]) -> None:
                for key, item in value.items():
                    parts.append(open_key + _escape(str(key)) + between)
                    writer(item, parts)
                    parts.append(close)

            return write_entries
        text = self._text(shape.value)

        def write_scalar_entries(value: Mapping[Any, Any], parts: list[str]) -> None:
            for key, item in value.items():
                parts.append(open_key + _escape(str(key)) + between + text(item) + close)

        return write_scalar_entries


def _parse_form(data: str | bytes) -> dict[str, str]:
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if _BAD_ESCAPE.search(text):
            raise ValueError(text)
        return dict(parse_qsl(text, keep_blank_values=True, errors="strict"))
    except (UnicodeDecodeError, ValueError):
        # Common error MalformedQueryString: "The query string contains a syntax error",
        # HTTP 404 (SES v1 API reference, Common Errors).
        raise ProtocolError("MalformedQueryString", "The query string contains a syntax error.", 404) from None


class _NoText:
    """An in-process form value that has no text: ``str()`` of it raises."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<no text>"


_NO_TEXT: Any = _NoText()


def _form_value(value: Any) -> Any:
    """An in-process form value as the url-encoded form would carry it, or None if absent.

    botocore url-encodes the form with ``urlencode(body, doseq=True)``
    (``botocore.awsrequest``): bytes are sent as they are, a sequence (anything with a
    length: list, tuple, dict, set) becomes one pair per item, of which a form reader keeps
    the last (none when it is empty), anything else ``str(value)``. Where ``str()``
    raises (an int of more digits than Python writes, a list nested past the recursion
    limit, an object whose ``__str__`` fails) botocore itself would raise while encoding;
    the value is then :data:`_NO_TEXT`, which the decoder answers as a value of the wrong
    type. A bool keeps fakeses' ``true``/``false``.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray)):
        return _utf8(bytes(value))
    if not isinstance(value, (int, float)) and hasattr(value, "__len__"):
        try:
            items = list(value)
        except Exception:
            return _NO_TEXT
        if not items:
            return None
        value = items[-1]
        if isinstance(value, (bytes, bytearray)):
            return _utf8(bytes(value))
    try:
        return str(value)
    except Exception:  # RecursionError, ValueError (int digits), a failing __str__
        return _NO_TEXT


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # On the wire, bytes that are not UTF-8 make the form unreadable (_parse_form).
        raise ProtocolError("MalformedQueryString", "The query string contains a syntax error.", 404) from None


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
            node[last] = value
    return root


_MAX_INDEX = 2**31 - 1  # a Java int, as Coral reads the index (?)


def _indexed(node: Mapping[str, Any], where: str) -> list[tuple[int, Any]]:
    items = []
    for index, item in node.items():
        number = _index(index)
        if number is None:
            raise ProtocolError("InvalidParameterValue", f"Invalid list index {where}.{index}")
        items.append((number, item))
    items.sort(key=lambda pair: pair[0])
    return items


def _index(text: str) -> int | None:
    """A 1-based list index written in ASCII digits, or None.

    ``str.isdigit`` alone also takes "²" and other Unicode digits, which ``int()`` then
    refuses, and ``int()`` of more than 4300 digits raises: both are checked first.
    """
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0")
    if not digits or len(digits) > len(str(_MAX_INDEX)):
        return None
    number = int(digits)
    return number if number <= _MAX_INDEX else None
