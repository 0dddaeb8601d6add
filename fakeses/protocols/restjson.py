"""SES v2: the rest-json protocol, read from the model.

Requests are routed by HTTP method and the operation's ``requestUri`` template; members
come from the path (URL-decoded, ``{Label+}`` greedy), the query string, headers and the
JSON body, each as the member's ``location`` says. Results are JSON with the model's
member names; errors carry ``x-amzn-ErrorType`` and a ``{"message": ...}`` body.
"""
from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any, Optional
from urllib.parse import parse_qs, unquote

from botocore.model import OperationModel, ServiceModel, Shape

from . import ProtocolError, Request, Response
from ._scalars import (
    BadScalar,
    camel,
    decode_base64,
    epoch_seconds,
    in_range,
    iso8601,
    parse_timestamp,
    text_to_scalar,
)

logger = logging.getLogger("fakeses")

_LABEL = re.compile(r"\{([^}]+)\}")


class _Route:
    __slots__ = ("labels", "literal_length", "operation", "regex")

    def __init__(self, operation: OperationModel) -> None:
        template = operation.http["requestUri"].split("?", 1)[0]
        self.operation = operation
        self.labels: list[tuple[str, bool]] = []
        pattern = ""
        position = 0
        for match in _LABEL.finditer(template):
            pattern += re.escape(template[position : match.start()])
            label = match.group(1)
            greedy = label.endswith("+")
            self.labels.append((label.rstrip("+"), greedy))
            pattern += "(.+)" if greedy else "([^/]+)"
            position = match.end()
        pattern += re.escape(template[position:])
        # The path must match exactly: with a trailing slash allowed, GetEmailIdentity with
        # an empty label ("/v2/email/identities/") would quietly become ListEmailIdentities.
        self.regex = re.compile(pattern + "$")
        self.literal_length = len(_LABEL.sub("", template))


class RestJsonCodec:
    """Route, decode and encode rest-json requests for one service model."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self._routes: dict[str, list[_Route]] = {}
        for name in model.operation_names:
            operation = model.operation_model(name)
            self._routes.setdefault(operation.http["method"], []).append(_Route(operation))
        for routes in self._routes.values():
            # Most literal text first, so /a/{x}/b is tried before /a/{x}.
            routes.sort(key=lambda route: -route.literal_length)
        self._members_by_location: dict[str, dict[str, list[tuple[str, Shape]]]] = {}
        self._readers: dict[str, Reader] = {}
        self._writers: dict[str, Optional[Writer]] = {}
        self._results: dict[str, list[tuple[str, Optional[str], str, Optional[Writer]]]] = {}

    # -- requests ---------------------------------------------------------------------
    def decode(self, request: Request) -> tuple[OperationModel, dict[str, Any]]:
        path, _, query_text = request.path.partition("?")
        operation = labels = None
        for route in self._routes.get(request.method.upper(), ()):
            match = route.regex.match(path)
            if match:
                operation, labels = route.operation, zip(route.labels, match.groups())
                break
        if operation is None:
            # Common error UnknownOperationException, 404 (SES v2 API reference, Common Errors).
            raise ProtocolError("UnknownOperationException", "", 404)
        params: dict[str, Any] = {}
        shape = operation.input_shape
        if shape is None:
            return operation, params
        try:
            self._decode_members(operation, labels, request, query_text, params)
        except BadScalar as bad:
            # A value of the wrong type: the request cannot be deserialized, so SES answers
            # SerializationException, with no message (G9; floci, verified against AWS).
            logger.debug("fakeses: %s %s: %s", request.method, path, bad)
            raise ProtocolError("SerializationException", "") from None
        return operation, params

    def _decode_members(
        self, operation: OperationModel, labels: Any, request: Request, query_text: str, params: dict[str, Any]
    ) -> None:
        by_location = self._locations(operation)
        # A label names the member's serialization name: {IP} is the member Ip.
        by_label = {member.serialization.get("name", name): (name, member)
                    for name, member in by_location.get("uri", ())}
        for (label, _greedy), raw in labels:
            name, member = by_label[label]
            try:
                text = unquote(raw, errors="strict")
            except UnicodeDecodeError:
                raise ProtocolError("BadRequestException", "Invalid URL encoding in the request path.") from None
            params[name] = text_to_scalar(member.type_name, text, camel(name))
        query = _query(request.query if request.query or not query_text else query_text)
        for name, member in by_location.get("querystring", ()):
            key = member.serialization.get("name", name)
            if member.type_name == "map":
                named = self._query_keys(operation)
                extra = {k: v[-1] for k, v in query.items() if k not in named}
                if extra:
                    params[name] = extra
            elif key in query:
                values = query[key]
                if member.type_name == "list":
                    params[name] = [text_to_scalar(member.member.type_name, v, camel(name)) for v in values]
                else:
                    params[name] = text_to_scalar(member.type_name, values[-1], camel(name))
        headers = {k.lower(): v for k, v in request.headers.items()}
        for name, member in by_location.get("header", ()):
            key = member.serialization.get("name", name).lower()
            if key in headers:
                params[name] = text_to_scalar(member.type_name, headers[key], camel(name))
        body_members = by_location.get("", ())
        if body_members and request.body:
            document = self._json(request.body)
            for name, member in body_members:
                key = member.serialization.get("name", name)
                value = document.get(key)
                if value is not None:
                    try:
                        params[name] = self._reader(member)(value)
                    except BadScalar as bad:
                        raise BadScalar(camel(name) + bad.where, bad.text, bad.kind) from None

    def _locations(self, operation: OperationModel) -> dict[str, list[tuple[str, Shape]]]:
        cached = self._members_by_location.get(operation.name)
        if cached is None:
            cached = {}
            for name, member in operation.input_shape.members.items():
                cached.setdefault(member.serialization.get("location", ""), []).append((name, member))
            self._members_by_location[operation.name] = cached
        return cached

    def _query_keys(self, operation: OperationModel) -> set[str]:
        return {
            member.serialization.get("name", name)
            for name, member in self._locations(operation).get("querystring", ())
            if member.type_name != "map"
        }

    @staticmethod
    def _json(body: Any) -> dict[str, Any]:
        if isinstance(body, Mapping):  # already a document (not what botocore sends)
            return dict(body)
        try:
            document = json.loads(body)
        except (ValueError, TypeError, RecursionError):
            # Unreadable JSON (or not UTF-8): SerializationException, no message (G9).
            raise ProtocolError("SerializationException", "") from None
        if not isinstance(document, dict):
            raise ProtocolError("SerializationException", "")
        return document

    # Readers of JSON body values, built once per shape from the model: a reader returns the
    # value as the handler gets it, or raises BadScalar. ``where`` (the member's path as AWS
    # writes it in errors: lowerCamel, .N.member) is put together only on that error, each
    # level adding its part on the way out.
    def _reader(self, shape: Shape) -> Reader:
        """The reader of ``shape``, built on first use and kept by shape name (unique in a
        model); a shape that contains itself reads through the cell while it is built."""
        found = self._readers.get(shape.name)
        if found is None:
            cell: list[Reader] = []
            self._readers[shape.name] = lambda value: cell[0](value)
            found = self._build_reader(shape)
            ready = self._ready(shape)
            if ready is not None and shape.type_name in ("structure", "list"):
                found = _unless_ready(ready, found)
            cell.append(found)
            self._readers[shape.name] = found
        return found

    def _ready(self, shape: Shape, seen: frozenset[str] = frozenset()) -> Optional[Check]:
        """For a shape of strings and booleans only (in structures and lists, named on the wire
        as in the model), whether a JSON value already is what the reader makes of it: every
        key a member, no null, every scalar of its type. None for any other shape."""
        kind = shape.type_name
        if kind == "string":
            return _is_str
        if kind == "boolean":
            return _is_bool
        if shape.name in seen:
            return None  # a shape that contains itself is read
        seen = seen | {shape.name}
        if kind == "list":
            item = self._ready(shape.member, seen)
            if item is None:
                return None

            def ready_list(value: Any) -> bool:
                if type(value) is not list:
                    return False
                for element in value:
                    if not item(element):  # a null is no str, bool, list or dict
                        return False
                return True

            return ready_list
        if kind != "structure":
            return None
        checks = {}
        for name, member in shape.members.items():
            check = self._ready(member, seen)
            if check is None or member.serialization.get("name", name) != name:
                return None
            checks[name] = check

        def ready_structure(value: Any) -> bool:
            if type(value) is not dict:
                return False
            for key, element in value.items():
                check = checks.get(key)
                if check is None or not check(element):
                    return False
            return True

        return ready_structure

    def _build_reader(self, shape: Shape) -> Reader:
        kind = shape.type_name
        if kind == "structure":
            members = [(member.serialization.get("name", name), name, f".{camel(name)}", self._reader(member))
                       for name, member in shape.members.items()]

            def read_structure(value: Any) -> Any:
                if not isinstance(value, dict):
                    raise BadScalar("", _shown(value), "structure")
                out = {}
                for key, name, part, read in members:
                    item = value.get(key)
                    if item is not None:
                        try:
                            out[name] = read(item)
                        except BadScalar as bad:
                            raise BadScalar(part + bad.where, bad.text, bad.kind) from None
                return out

            return read_structure
        if kind == "list":
            read_item = self._reader(shape.member)

            def read_list(value: Any) -> Any:
                if not isinstance(value, list):
                    raise BadScalar("", _shown(value), "list")
                out = []
                for index, item in enumerate(value, 1):
                    try:
                        out.append(None if item is None else read_item(item))
                    except BadScalar as bad:
                        raise BadScalar(f".{index}.member" + bad.where, bad.text, bad.kind) from None
                return out

            return read_list
        if kind == "map":
            read_value = self._reader(shape.value)

            def read_map(value: Any) -> Any:
                if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                    raise BadScalar("", _shown(value), "map")
                out = {}
                for key, item in value.items():
                    try:
                        out[key] = None if item is None else read_value(item)
                    except BadScalar as bad:
                        raise BadScalar(f".{key}" + bad.where, bad.text, bad.kind) from None
                return out

            return read_map
        return _SCALAR_READERS.get(kind, _as_is)

    # -- responses --------------------------------------------------------------------
    def encode(self, operation: OperationModel, result: Mapping[str, Any], request_id: str) -> Response:
        status = int(operation.http.get("responseCode", 200))
        headers = {"x-amzn-RequestId": request_id, "Content-Type": "application/json"}
        document: dict[str, Any] = {}
        for name, location, key, write in self._result_members(operation):
            value = result.get(name)
            if value is None:
                continue
            if location == "header":
                headers[key] = str(value)
            elif location == "statusCode":
                status = int(value)
            else:
                document[key] = value if write is None else write(value)
        body = json.dumps(document, separators=(",", ":")).encode("utf-8")
        headers["Content-Length"] = str(len(body))
        return Response(status, headers, body)

    def encode_error(self, code: str, message: str, status: int, request_id: str) -> Response:
        # Some SES errors carry no message at all (ConflictException on
        # PutAccountDetails: aws/aws-cli#6652); the body is then an empty object.
        body = json.dumps({"message": message} if message else {}).encode("utf-8")
        headers = {
            "x-amzn-RequestId": request_id,
            "x-amzn-ErrorType": code,
            "Content-Type": "application/json",
            "Content-Length": str(len(body)),
        }
        return Response(status, headers, body)

    def _result_members(self, operation: OperationModel) -> list[tuple[str, Optional[str], str, Optional[Writer]]]:
        """The output members of ``operation``: name, location, wire name and writer."""
        found = self._results.get(operation.name)
        if found is None:
            shape = operation.output_shape
            found = [] if shape is None else [
                (name, member.serialization.get("location"), member.serialization.get("name", name),
                 self._writer(member))
                for name, member in shape.members.items()
            ]
            self._results[operation.name] = found
        return found

    # Writers of JSON result values, built once per shape from the model, as the readers
    # are: a bulk send's 50 results were walked shape by shape for each value. None means
    # the value is written as it is (strings, numbers, booleans).
    def _writer(self, shape: Shape) -> Optional[Writer]:
        """The writer of ``shape``, built on first use and kept by shape name; a shape that
        contains itself writes through the cell while it is built."""
        if shape.name in self._writers:
            return self._writers[shape.name]
        cell: list[Writer] = []
        self._writers[shape.name] = lambda value: cell[0](value) if cell else value
        found = self._build_writer(shape)
        if found is not None:
            cell.append(found)
        self._writers[shape.name] = found
        return found

    def _build_writer(self, shape: Shape) -> Optional[Writer]:
        kind = shape.type_name
        if kind == "structure":
            members = [(name, member.serialization.get("name", name), self._writer(member))
                       for name, member in shape.members.items()]

            def write_structure(value: Any) -> Any:
                out = {}
                for name, key, write in members:
                    item = value.get(name)
                    if item is not None:
                        out[key] = item if write is None else write(item)
                return out

            if any(write is not None or key != name for name, key, write in members):
                return write_structure
            names = frozenset(name for name, _, _ in members)

            def write_plain_structure(value: Any) -> Any:
                # Members of scalars written as they are: a result of members only and no
                # null is written as it is (a bulk send's 50 results).
                if type(value) is dict and value.keys() <= names and None not in value.values():
                    return value
                return write_structure(value)

            return write_plain_structure
        if kind == "list":
            write_item = self._writer(shape.member)
            if write_item is None:
                return list
            return lambda value: [write_item(item) for item in value]
        if kind == "map":
            write_value = self._writer(shape.value)
            if write_value is None:
                return lambda value: {key: item for key, item in value.items()}
            return lambda value: {key: write_value(item) for key, item in value.items()}
        if kind == "timestamp":
            return iso8601 if shape.serialization.get("timestampFormat") == "iso8601" else epoch_seconds
        if kind == "blob":
            return lambda value: base64.b64encode(value).decode("ascii")
        return None


def _query(query: Mapping[str, Any] | str) -> dict[str, list[str]]:
    if isinstance(query, str):
        return parse_qs(query, keep_blank_values=True)
    out: dict[str, list[str]] = {}
    for key, value in query.items():
        if isinstance(value, list):
            # botocore hands over an empty list, which the url-encoded wire cannot carry:
            # SES would see no such parameter at all.
            if value:
                out[key] = [_text(v) for v in value]
        else:
            out[key] = [_text(value)]
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        return str(value)
    except Exception:  # no text (a failing __str__, too many digits): cannot be read
        raise BadScalar("", None, "string") from None


def _shown(value: Any) -> str:
    """The start of ``value`` for the debug log; never raises.

    A decoded body (a mapping, not bytes) may hold what JSON has no form for: objects,
    sets, bytes, ints of more digits than Python writes, lists nested past the
    recursion limit.
    """
    try:
        return json.dumps(value)[:100]
    except (TypeError, ValueError, RecursionError):
        return f"<{type(value).__name__}>"


Reader = Callable[[Any], Any]
Check = Callable[[Any], bool]
Writer = Callable[[Any], Any]


def _as_is(value: Any) -> Any:
    return value


def _is_str(value: Any) -> bool:
    return type(value) is str


def _is_bool(value: Any) -> bool:
    return type(value) is bool


def _unless_ready(ready: Check, read: Reader) -> Reader:
    """``read``, except that a value ``ready`` finds already read is taken as it is (most of
    a request: a bulk send's entries are dicts and lists of strings)."""
    def read_unless_ready(value: Any) -> Any:
        return value if ready(value) else read(value)

    return read_unless_ready


def _read_string(value: Any) -> Any:
    if not isinstance(value, str):
        raise BadScalar("", _shown(value), "string")
    return value


def _read_boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise BadScalar("", _shown(value), "boolean")
    return value


def _read_integer(kind: str) -> Reader:
    def read(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not in_range(kind, value):
            raise BadScalar("", _shown(value), kind)
        return value

    return read


def _read_float(kind: str) -> Reader:
    def read(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadScalar("", _shown(value), kind)
        return float(value)

    return read


def _read_timestamp(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BadScalar("", _shown(value), "timestamp")
    return parse_timestamp(str(value), "")


def _read_blob(value: Any) -> Any:
    if not isinstance(value, str):
        raise BadScalar("", _shown(value), "blob")
    return decode_base64(value, "")


_SCALAR_READERS: dict[str, Reader] = {
    "string": _read_string, "boolean": _read_boolean, "integer": _read_integer("integer"),
    "long": _read_integer("long"), "double": _read_float("double"), "float": _read_float("float"),
    "timestamp": _read_timestamp, "blob": _read_blob,
}
