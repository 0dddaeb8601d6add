"""A JSON Schema for each operation's output, generated from botocore's output shape.

:func:`check_response` validates a response as botocore parsed it (``ResponseMetadata``
aside): required members present, no member the shape lacks, types, enums, lengths,
sizes and numeric ranges, the way botocore's ``Stubber`` checks canned responses. After
parsing, timestamps are ``datetime`` and blobs ``bytes``; the schema gives them the
types ``timestamp`` and ``blob`` (and ``minBytes``/``maxBytes`` for a blob's size),
which the validator below knows. Patterns are not checked: the issue asks for types,
enums, lengths and ranges, and SES's output patterns are input constraints shared by
the shape.
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import jsonschema
from botocore.model import Shape
from jsonschema import Draft202012Validator

from fakeses._model import service_model

# Members the model marks required that real SES leaves out, recorded. Each entry:
# (service, operation, path of the structure in the output, member) -> the source. A
# path names members from the output's root; "[]" steps into a list's items and "{}"
# into a map's values. Nothing else is exempt (test_response_shapes checks that each
# entry still names a required member of the model).
RECORDED_OMISSIONS: dict[tuple[str, str, str, str], str] = {
    # An identity with no MAIL FROM domain set: MailFromAttributes is
    # {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"} only (real AWS, CLI output quoted in
    # getmoto/moto#9771; docs/_research/foundation.md G24).
    ("sesv2", "GetEmailIdentity", "MailFromAttributes", "MailFromDomain"): "getmoto/moto#9771 (G24)",
    ("sesv2", "GetEmailIdentity", "MailFromAttributes", "MailFromDomainStatus"): "getmoto/moto#9771 (G24)",
    # The same for v1 GetIdentityMailFromDomainAttributes: only BehaviorOnMXFailure without a
    # MAIL FROM domain; recorded for v2 (floci PR #1310, checked against AWS 2026-06-10),
    # taken to hold for v1 (a project's hand-made stub of the v1 answer has the same form).
    ("ses", "GetIdentityMailFromDomainAttributes", "MailFromDomainAttributes{}", "MailFromDomain"): "floci PR #1310 (v2)",
    ("ses", "GetIdentityMailFromDomainAttributes", "MailFromDomainAttributes{}", "MailFromDomainStatus"): "floci PR #1310 (v2)",
    # An identity without a topic of a type: the topic is left out (Ansible community.aws
    # ses_identity integration tests, assert_defaults and "clear notification configuration",
    # run against AWS: "'bounce_topic' not in result.notification_attributes").
    ("ses", "GetIdentityNotificationAttributes", "NotificationAttributes{}", "BounceTopic"): "community.aws ses_identity tests",
    ("ses", "GetIdentityNotificationAttributes", "NotificationAttributes{}", "ComplaintTopic"): "community.aws ses_identity tests",
    ("ses", "GetIdentityNotificationAttributes", "NotificationAttributes{}", "DeliveryTopic"): "community.aws ses_identity tests",
}

_INT_LIMITS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}


def shape_schema(shape: Shape, exempt: frozenset[tuple[str, str]] = frozenset(), where: str = "") -> dict[str, Any]:
    """The JSON Schema of ``shape``; ``exempt`` holds (structure path, member) pairs
    whose ``required`` is waived."""
    kind, meta = shape.type_name, shape.metadata
    if kind == "structure":
        prefix = f"{where}." if where else ""
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {name: shape_schema(member, exempt, prefix + name)
                           for name, member in shape.members.items()},
            "additionalProperties": False,
            "required": [name for name in shape.required_members if (where, name) not in exempt],
        }
        if shape.is_tagged_union:
            schema["maxProperties"] = 1
        return schema
    if kind == "list":
        schema = {"type": "array", "items": shape_schema(shape.member, exempt, f"{where}[]")}
        _bounds(schema, meta, "minItems", "maxItems")
        return schema
    if kind == "map":
        schema = {"type": "object", "propertyNames": shape_schema(shape.key, exempt, f"{where}<key>"),
                  "additionalProperties": shape_schema(shape.value, exempt, f"{where}{{}}")}
        _bounds(schema, meta, "minProperties", "maxProperties")
        return schema
    if kind == "string":
        schema = {"type": "string"}
        if "enum" in meta:
            schema["enum"] = list(meta["enum"])
        _bounds(schema, meta, "minLength", "maxLength")
        return schema
    if kind in ("integer", "long"):
        low, high = _INT_LIMITS[kind]
        return {"type": "integer", "minimum": meta.get("min", low), "maximum": meta.get("max", high)}
    if kind in ("double", "float"):
        schema = {"type": "number"}
        _bounds(schema, meta, "minimum", "maximum")
        return schema
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "timestamp":
        return {"type": "timestamp"}
    if kind == "blob":
        schema = {"type": "blob"}
        _bounds(schema, meta, "minBytes", "maxBytes")
        return schema
    raise AssertionError(f"no schema for shape type {kind}")


def _bounds(schema: dict[str, Any], meta: dict[str, Any], low: str, high: str) -> None:
    if "min" in meta:
        schema[low] = meta["min"]
    if "max" in meta:
        schema[high] = meta["max"]


def _min_bytes(validator: Any, limit: int, instance: Any, schema: Any) -> Any:
    if isinstance(instance, bytes) and len(instance) < limit:
        yield jsonschema.ValidationError(f"{len(instance)} bytes is shorter than {limit}")


def _max_bytes(validator: Any, limit: int, instance: Any, schema: Any) -> Any:
    if isinstance(instance, bytes) and len(instance) > limit:
        yield jsonschema.ValidationError(f"{len(instance)} bytes is longer than {limit}")


def _aware_datetime(checker: Any, instance: Any) -> bool:
    return isinstance(instance, dt.datetime) and instance.tzinfo is not None


Validator = jsonschema.validators.extend(
    Draft202012Validator,
    validators={"minBytes": _min_bytes, "maxBytes": _max_bytes},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many({
        "timestamp": _aware_datetime,
        "blob": lambda checker, instance: isinstance(instance, bytes),
    }),
)


def exemptions(service: str, op: str) -> frozenset[tuple[str, str]]:
    return frozenset((where, member) for (s, o, where, member) in RECORDED_OMISSIONS if (s, o) == (service, op))


@functools.lru_cache(maxsize=None)
def output_schema(service: str, op: str) -> dict[str, Any]:
    """The JSON Schema of the operation's output (an empty object when it has none)."""
    shape = service_model(service).operation_model(op).output_shape
    if shape is None:
        return {"type": "object", "additionalProperties": False}
    return shape_schema(shape, exemptions(service, op))


@functools.lru_cache(maxsize=None)
def validator(service: str, op: str) -> Any:
    return Validator(output_schema(service, op))


def violations(service: str, op: str, parsed: dict[str, Any]) -> list[str]:
    """Where ``parsed`` (botocore's view of a success) breaks the output shape, as sentences."""
    body = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    found = []
    for error in sorted(validator(service, op).iter_errors(body), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "<response>"
        found.append(f"{where}: {error.message}")
    return found


def check_response(service: str, op: str, parsed: dict[str, Any]) -> None:
    """Fail (AssertionError) when ``parsed`` does not fit the operation's output shape."""
    found = violations(service, op, parsed)
    assert not found, f"{service} {op} response does not fit its output shape:\n  " + "\n  ".join(found)
