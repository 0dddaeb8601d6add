"""Scalar conversions shared by both codecs (text on the wire <-> Python values)."""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
from typing import Any

from . import ProtocolError

UTC = _dt.timezone.utc


def parse_timestamp(text: str) -> _dt.datetime:
    """ISO 8601 or epoch seconds, as AWS accepts either for timestamps."""
    try:
        return _dt.datetime.fromtimestamp(float(text), UTC)
    except ValueError:
        pass
    try:
        value = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ProtocolError("InvalidParameterValue", f"Invalid timestamp: {text}") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def text_to_scalar(type_name: str, text: str, where: str) -> Any:
    """Convert one query-string or form value to the shape's Python type."""
    if type_name == "string":
        return text
    if type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise _bad(where, text, "integer") from None
    if type_name in ("double", "float"):
        try:
            return float(text)
        except ValueError:
            raise _bad(where, text, "number") from None
    if type_name == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise _bad(where, text, "boolean")
    if type_name == "timestamp":
        return parse_timestamp(text)
    if type_name == "blob":
        return decode_base64(text, where)
    return text


def decode_base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError(
            "InvalidParameterValue", f"Invalid base64 value for parameter {where}"
        ) from None


def _bad(where: str, text: str, kind: str) -> ProtocolError:
    # Coral-style wording for a value of the wrong type.
    return ProtocolError(
        "ValidationError",
        f"1 validation error detected: Value '{text}' at '{where}' failed to satisfy "
        f"constraint: Member must be a valid {kind}",
    )


def iso8601(value: Any) -> str:
    """Timestamp as the query protocol writes it: 2024-01-02T03:04:05.678Z."""
    if isinstance(value, (int, float)):
        value = _dt.datetime.fromtimestamp(value, UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def epoch_seconds(value: Any) -> float:
    """Timestamp as rest-json writes it by default: epoch seconds."""
    if isinstance(value, (int, float)):
        return float(value)
    return round(value.timestamp(), 3)
