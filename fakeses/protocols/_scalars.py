"""Scalar conversions shared by both codecs (text on the wire <-> Python values).

A value that cannot be read as its shape's type raises :class:`BadScalar`; each codec
turns that into its own service's error (v1 ``ValidationError``, v2
``SerializationException``).
"""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
import re
from typing import Any

UTC = _dt.timezone.utc

# ISO 8601 date-time as AWS accepts it: 2024-01-02T03:04:05Z, with optional fraction
# (any number of digits) and a Z or +hh:mm offset (a missing zone means UTC).
_ISO8601 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|z|[+-]\d\d:?\d\d)?"
)
_INTEGER = re.compile(r"[+-]?\d+")
# Written so that no two parts can match the same digits: "\d+\.?\d*", the same
# language, backtracked in cubic time on a long run of digits that is not a number
# (20,000 digits and a letter: 8 s).
_FLOAT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:Infinity|NaN)")

_KIND = {"integer": "integer", "long": "long", "double": "double", "float": "float",
         "boolean": "boolean", "timestamp": "timestamp", "blob": "blob"}


class BadScalar(ValueError):
    """``text`` at ``where`` (a Coral member path) is not a valid ``kind``.

    ``text`` is None for a value that has no text to show.
    """

    def __init__(self, where: str, text: str | None, kind: str) -> None:
        super().__init__(f"{text!r} at {where!r} is not a valid {kind}")
        self.where = where
        self.text = text
        self.kind = kind


def camel(name: str) -> str:
    """A member name as AWS writes it in error paths: lowerCamelCase."""
    return name[:1].lower() + name[1:]


def parse_timestamp(text: str, where: str = "") -> _dt.datetime:
    """ISO 8601 or epoch seconds, as AWS accepts either for timestamps (always aware)."""
    text = text.strip()
    try:
        if _FLOAT.fullmatch(text) and "N" not in text and "I" not in text:
            return _dt.datetime(1970, 1, 1, tzinfo=UTC) + _dt.timedelta(seconds=float(text))
        match = _ISO8601.fullmatch(text)
        if match is None:
            raise ValueError(text)
        year, month, day, hour, minute, second, fraction, zone = match.groups()
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        tz = UTC
        if zone and zone not in "Zz":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = _dt.timezone(sign * _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return _dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz)
    except (ValueError, OverflowError, OSError):
        raise BadScalar(where, text, "timestamp") from None


_LIMITS = {"integer": 2**31, "long": 2**63}


def in_range(type_name: str, value: int) -> bool:
    """Whether ``value`` fits the shape's type (Java int or long on the server)."""
    limit = _LIMITS[type_name]
    return -limit <= value < limit


def text_to_scalar(type_name: str, text: str, where: str) -> Any:
    """Convert one query-string, path or form value to the shape's Python type."""
    if type_name == "string":
        return text
    if type_name in ("integer", "long"):
        if len(text) > 24 or not _INTEGER.fullmatch(text) or not in_range(type_name, int(text)):
            raise BadScalar(where, text, _KIND[type_name])
        return int(text)
    if type_name in ("double", "float"):
        if not _FLOAT.fullmatch(text):
            raise BadScalar(where, text, _KIND[type_name])
        return float(text)
    if type_name == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise BadScalar(where, text, "boolean")
    if type_name == "timestamp":
        return parse_timestamp(text, where)
    if type_name == "blob":
        return decode_base64(text, where)
    return text


def decode_base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BadScalar(where, text, "blob") from None


def _aware(value: Any) -> _dt.datetime:
    """A handler's timestamp (datetime or epoch seconds) as an aware UTC datetime."""
    if isinstance(value, (int, float)):
        return _dt.datetime(1970, 1, 1, tzinfo=UTC) + _dt.timedelta(seconds=value)
    moment: _dt.datetime = value
    if moment.tzinfo is None:  # a naive datetime from a handler means UTC, not the host's zone
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso8601(value: Any) -> str:
    """Timestamp as the query protocol writes it: 2024-01-02T03:04:05.678Z."""
    moment = _aware(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def epoch_seconds(value: Any) -> float | int:
    """Timestamp as rest-json writes it by default: epoch seconds, to the millisecond."""
    delta = _aware(value) - _dt.datetime(1970, 1, 1, tzinfo=UTC)
    millis = (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    return millis // 1000 if millis % 1000 == 0 else millis / 1000
