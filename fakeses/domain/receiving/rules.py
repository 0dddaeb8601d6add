"""Receipt rule sets, receipt rules and their actions, as SES stores them.

Records only: frozen dataclasses in snake_case, one per action type, with the members of
botocore's ``ses`` model (``ReceiptRule``, ``ReceiptAction``). The store that creates,
orders and checks them is :class:`fakeses.domain.receiving.Receiving`. ``to_wire`` /
``from_wire`` translate to and from the model's member names (the API layer uses them).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, ClassVar, Literal, Optional, Union

TlsPolicy = Literal["Require", "Optional"]


@dataclasses.dataclass(frozen=True, slots=True)
class S3Action:
    """Store the message in ``bucket_name`` under ``object_key_prefix``, optionally KMS-encrypted."""

    WIRE: ClassVar[str] = "S3Action"
    bucket_name: str
    object_key_prefix: Optional[str] = None
    kms_key_arn: Optional[str] = None
    topic_arn: Optional[str] = None
    iam_role_arn: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class SNSAction:
    """Publish the message (up to 150 KB) to ``topic_arn`` in ``encoding`` ("UTF-8" or "Base64")."""

    WIRE: ClassVar[str] = "SNSAction"
    topic_arn: str
    encoding: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class LambdaAction:
    """Invoke ``function_arn``; ``invocation_type`` "Event" (default) or "RequestResponse"."""

    WIRE: ClassVar[str] = "LambdaAction"
    function_arn: str
    invocation_type: Optional[str] = None
    topic_arn: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class BounceAction:
    """Reject the message, returning a bounce from ``sender`` to the message's sender."""

    WIRE: ClassVar[str] = "BounceAction"
    smtp_reply_code: str
    message: str
    sender: str
    status_code: Optional[str] = None
    topic_arn: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class AddHeaderAction:
    """Add the header ``header_name: header_value`` to the message for the following actions."""

    WIRE: ClassVar[str] = "AddHeaderAction"
    header_name: str
    header_value: str


@dataclasses.dataclass(frozen=True, slots=True)
class StopAction:
    """Stop evaluating the rule set (``scope`` "RuleSet") after this rule."""

    WIRE: ClassVar[str] = "StopAction"
    scope: str
    topic_arn: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class WorkmailAction:
    """Hand the message to the WorkMail organization ``organization_arn``."""

    WIRE: ClassVar[str] = "WorkmailAction"
    organization_arn: str
    topic_arn: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class ConnectAction:
    """Hand the message to the Amazon Connect instance ``instance_arn`` (model: InstanceARN, IAMRoleARN)."""

    WIRE: ClassVar[str] = "ConnectAction"
    instance_arn: str
    iam_role_arn: str


ReceiptAction = Union[S3Action, SNSAction, LambdaAction, BounceAction, AddHeaderAction, StopAction,
                      WorkmailAction, ConnectAction]

#: Action classes by their model name (the key of a ``ReceiptAction`` structure).
ACTIONS: dict[str, type[Any]] = {cls.WIRE: cls for cls in (
    S3Action, SNSAction, LambdaAction, BounceAction, AddHeaderAction, StopAction, WorkmailAction, ConnectAction)}

# Member names that are not the CamelCase of the field (ConnectAction's, in the model).
_ODD_NAMES = {("ConnectAction", "instance_arn"): "InstanceARN", ("ConnectAction", "iam_role_arn"): "IAMRoleARN"}


def _wire_name(action: str, field: str) -> str:
    odd = _ODD_NAMES.get((action, field))
    if odd is not None:
        return odd
    return "".join(part.capitalize() for part in field.split("_"))


@dataclasses.dataclass(frozen=True, slots=True)
class ReceiptRule:
    """One rule: for mail to ``recipients`` (all of the domain's verified addresses when empty),
    run ``actions`` in order, if ``enabled``. ``tls_policy`` "Require" refuses mail not sent over TLS."""

    name: str
    enabled: bool = False
    tls_policy: TlsPolicy = "Optional"
    recipients: tuple[str, ...] = ()
    actions: tuple[ReceiptAction, ...] = ()
    scan_enabled: bool = False

    def matches(self, recipient: str) -> bool:
        """Whether this rule applies to ``recipient`` (an address) as SES matches recipients.

        An empty list matches every recipient. A full address matches itself (case-blind);
        a domain ``example.com`` matches every address at that domain (not subdomains);
        ``.example.com`` matches every address at any subdomain of example.com (developer
        guide, receiving-email-receipt-rules-console-walkthrough: "Recipient condition").
        """
        if not self.recipients:
            return True
        address = recipient.strip().lower()
        domain = address.rpartition("@")[2]
        for condition in self.recipients:
            c = condition.strip().lower()
            if "@" in c:
                if c == address:
                    return True
            elif c.startswith("."):
                if domain.endswith(c):
                    return True
            elif domain == c:
                return True
        return False


@dataclasses.dataclass(frozen=True, slots=True)
class ReceiptRuleSet:
    """A named, ordered list of rules; ``created_at`` is the set's CreatedTimestamp."""

    name: str
    created_at: _dt.datetime
    rules: tuple[ReceiptRule, ...] = ()

    def rule(self, name: str) -> Optional[ReceiptRule]:
        """The rule called ``name``, or None."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        return None

    def enabled_rules(self) -> tuple[ReceiptRule, ...]:
        """The enabled rules, in the set's order (what SES runs for incoming mail)."""
        return tuple(r for r in self.rules if r.enabled)


def action_to_wire(action: ReceiptAction) -> dict[str, Any]:
    """``action`` as a ``ReceiptAction`` structure (``{"S3Action": {"BucketName": ...}}``)."""
    body = {_wire_name(action.WIRE, f.name): getattr(action, f.name)
            for f in dataclasses.fields(action) if getattr(action, f.name) is not None}
    return {action.WIRE: body}


def action_from_wire(structure: dict[str, Any]) -> Optional[ReceiptAction]:
    """The action of a ``ReceiptAction`` structure (its first member set), or None if it has none."""
    for key, body in structure.items():
        cls = ACTIONS.get(key)
        if cls is None or body is None:
            continue
        kwargs = {f.name: body.get(_wire_name(key, f.name)) for f in dataclasses.fields(cls)}
        return cls(**kwargs)  # type: ignore[no-any-return]
    return None


def rule_to_wire(rule: ReceiptRule) -> dict[str, Any]:
    """``rule`` as a ``ReceiptRule`` structure."""
    wire: dict[str, Any] = {"Name": rule.name, "Enabled": rule.enabled, "TlsPolicy": rule.tls_policy,
                            "Actions": [action_to_wire(a) for a in rule.actions], "ScanEnabled": rule.scan_enabled}
    if rule.recipients:  # a rule without recipients is described without the member (?)
        wire["Recipients"] = list(rule.recipients)
    return wire
