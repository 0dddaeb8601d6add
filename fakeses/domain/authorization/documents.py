"""Policy documents: what SES accepts, read into statements the evaluation walks.

SES checks a sending authorization policy when it is attached (PutIdentityPolicy,
Create/UpdateEmailIdentityPolicy), not when a delegate sends. The structure is checked
with jsonschema against :data:`SCHEMA` (the IAM policy grammar as the SES developer
guide narrows it, policy-anatomy.html); the values are checked after it: principals,
actions, the resource (the identity's own ARN) and condition operators.

jsonschema is imported on the first check, so ``import fakeses`` stays cheap.
"""
from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Optional

from .errors import InvalidPolicy

#: "Policies can't exceed 4 kilobytes (KB) in size" (policy-anatomy, "Policy requirements";
#: seed 004 PutIdentityPolicy Policy: "The policy cannot exceed 4 KB").
MAX_POLICY_BYTES = 4096

_STRINGS: dict[str, Any] = {"oneOf": [{"type": "string"},
                                      {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
_PRINCIPAL: dict[str, Any] = {"oneOf": [
    {"const": "*"},
    {"type": "object", "minProperties": 1, "additionalProperties": False,
     "properties": {"AWS": _STRINGS, "Service": _STRINGS}},
]}
_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_CONDITION: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {
        "type": "object", "minProperties": 1,
        "additionalProperties": {"oneOf": [_SCALAR, {"type": "array", "items": _SCALAR}]},
    },
}
_STATEMENT: dict[str, Any] = {
    "type": "object",
    "required": ["Effect"],
    "additionalProperties": False,
    "properties": {
        "Sid": {"type": "string"},
        "Effect": {"enum": ["Allow", "Deny"]},
        "Principal": _PRINCIPAL, "NotPrincipal": _PRINCIPAL,
        "Action": _STRINGS, "NotAction": _STRINGS,
        "Resource": _STRINGS, "NotResource": _STRINGS,
        "Condition": _CONDITION,
    },
}
#: What SES accepts as a policy document (developer guide, policy-anatomy.html: Id and
#: Version any string and optional; at least one statement; each statement an Effect of
#: "Allow" or "Deny", a principal, an action, a resource, optional Sid and Condition),
#: with the IAM grammar's object-or-list Statement and Not* elements.
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["Statement"],
    "additionalProperties": False,
    "properties": {
        "Version": {"type": "string"},
        "Id": {"type": "string"},
        "Statement": {"oneOf": [_STATEMENT, {"type": "array", "minItems": 1, "items": _STATEMENT}]},
    },
}

# IAM's condition operators (IAM User Guide, reference_policies_elements_condition_operators).
OPERATORS = frozenset((
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
    "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
    "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
    "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals",
    "ArnNotLike", "Null",
))

_ACCOUNT = re.compile(r"\d{12}")
_IAM_PRINCIPAL = re.compile(r"arn:aws[a-z-]*:(iam::\d{12}:(root|user/.+|role/.+)|sts::\d{12}:assumed-role/.+/.+)")
_SERVICE = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")
_ACTION = re.compile(r"\*|ses:[A-Za-z*?]+", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Condition:
    """One test of a statement: ``operator`` (e.g. "ForAllValues:StringLike") on ``key``."""

    operator: str
    key: str
    values: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Statement:
    """One statement, its elements as lists (None: the element is absent)."""

    index: int
    sid: Optional[str]
    effect: str
    principal: Optional[tuple[str, ...]]
    not_principal: Optional[tuple[str, ...]]
    action: Optional[tuple[str, ...]]
    not_action: Optional[tuple[str, ...]]
    resource: Optional[tuple[str, ...]]
    not_resource: Optional[tuple[str, ...]]
    conditions: tuple[Condition, ...]

    @property
    def label(self) -> str:
        """How a decision names it: its Sid, else its position."""
        return f"statement {self.sid!r}" if self.sid else f"statement #{self.index + 1}"


@dataclasses.dataclass(frozen=True)
class Policy:
    """A policy SES accepted: its name, its text as SES returns it, its statements."""

    name: str
    text: str
    statements: tuple[Statement, ...]


_validator: list[Any] = []


def _schema_validator() -> Any:
    if not _validator:
        import jsonschema  # runtime dependency, imported on first use

        cls = jsonschema.validators.validator_for(SCHEMA)
        _validator.append(cls(SCHEMA))
    return _validator[0]


def parse(name: str, text: str, identity_arn: str) -> Policy:
    """The policy ``text`` attached as ``name`` to the identity ``identity_arn``.

    Raises :class:`InvalidPolicy` with the reason SES gives (see its docstring).
    """
    if len(text.encode("utf-8")) > MAX_POLICY_BYTES:
        raise InvalidPolicy(reason=f"Policy exceeds the maximum size of {MAX_POLICY_BYTES} bytes.")  # (?)
    try:
        document = json.loads(text)
    except ValueError:
        raise InvalidPolicy(reason="Syntax errors in policy.") from None  # IAM's words (?)
    import jsonschema

    error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(document))
    if error is not None:
        raise InvalidPolicy(reason=_reason(error))
    raw = document["Statement"]
    statements = tuple(_statement(index, item, identity_arn)
                       for index, item in enumerate(raw if isinstance(raw, list) else [raw]))
    # SES returns the document without insignificant whitespace (floci-io/floci#1750,
    # probed against AWS).
    return Policy(name, json.dumps(document, separators=(",", ":"), ensure_ascii=False), statements)


def _reason(error: Any) -> str:
    """SES's words for the first thing jsonschema found wrong (?)."""
    if any(part in ("Principal", "NotPrincipal") for part in error.absolute_path):
        return "Invalid principal in policy"  # e.g. {"Federated": ...}: SES takes AWS and Service only
    if error.validator == "required":
        missing = [field for field in error.validator_value if field not in error.instance]
        return f"Missing required field {missing[0]}"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"Has prohibited field {extra[0] if extra else ''}".rstrip()
    if error.absolute_path and error.absolute_path[-1] == "Effect":
        return f"Invalid effect: {error.instance}"
    return "Syntax errors in policy."


def _listed(value: Any) -> Optional[tuple[str, ...]]:
    if value is None:
        return None
    return tuple(value) if isinstance(value, list) else (value,)


def _principals(value: Any) -> Optional[tuple[str, ...]]:
    """A Principal as "kind:value" strings ("*", "AWS:123456789012", "Service:ses.amazonaws.com")."""
    if value is None:
        return None
    if value == "*":
        return ("*",)
    found: list[str] = []
    for kind, entries in value.items():
        for entry in _listed(entries) or ():
            if entry == "*":
                ok = True
            elif kind == "AWS":
                ok = bool(_ACCOUNT.fullmatch(entry) or _IAM_PRINCIPAL.fullmatch(entry))
            else:
                ok = bool(_SERVICE.fullmatch(entry))
            if not ok:
                # "invalid principal" (hashicorp/terraform-provider-aws#22549); S3's words (?).
                raise InvalidPolicy(reason="Invalid principal in policy")
            found.append(f"{kind}:{entry}")
    return tuple(found)


def _statement(index: int, item: dict[str, Any], identity_arn: str) -> Statement:
    from .evaluation import matches

    if "Principal" not in item and "NotPrincipal" not in item:
        raise InvalidPolicy(reason="Missing required field Principal")
    if "Action" not in item and "NotAction" not in item:
        raise InvalidPolicy(reason="Missing required field Action")
    if "Resource" not in item and "NotResource" not in item:
        raise InvalidPolicy(reason="Missing required field Resource")
    actions = _listed(item.get("Action")) or _listed(item.get("NotAction")) or ()
    if not all(_ACTION.fullmatch(action) for action in actions):
        raise InvalidPolicy(reason="Policy has invalid action")
    # "that resource has to be the ARN of the identity that the policy is attached to"
    # (policy-anatomy, "Policy requirements"); a wildcard that matches it is taken as it.
    resources = _listed(item.get("Resource"))
    if resources is not None and not all(matches(pattern, identity_arn) for pattern in resources):
        raise InvalidPolicy(reason="Policy has invalid resource")
    conditions = []
    for operator, block in (item.get("Condition") or {}).items():
        base = operator.split(":", 1)[1] if operator.startswith(("ForAllValues:", "ForAnyValue:")) else operator
        base = base[:-len("IfExists")] if base.endswith("IfExists") and base != "IfExists" else base
        if base not in OPERATORS:
            raise InvalidPolicy(reason=f"Invalid Condition type : {operator}")  # (?)
        for key, values in block.items():
            listed = values if isinstance(values, list) else [values]
            conditions.append(Condition(operator, key, tuple(_text(value) for value in listed)))
    return Statement(
        index=index, sid=item.get("Sid"), effect=item["Effect"],
        principal=_principals(item.get("Principal")), not_principal=_principals(item.get("NotPrincipal")),
        action=_listed(item.get("Action")), not_action=_listed(item.get("NotAction")),
        resource=resources, not_resource=_listed(item.get("NotResource")),
        conditions=tuple(conditions),
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
