"""Email receiving (v1 only; SES v2 has no receiving operations): receipt filters, rule
sets and rules, and SendBounce, on ``backend.receiving`` (fakeses/domain/receiving).

SES answers these operations only in its receiving regions; elsewhere each is
"InvalidAction: Unavailable Operation" (fakeses/domain/receiving/store.py). The order of
the checks of each operation follows the probes cited in fakeses/domain/receiving.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any, Optional

from ..domain.errors import InvalidParameterValue
from ..domain.pages import page
from ..domain.receiving import bounce, targets, validation
from ..domain.receiving.errors import UnavailableOperation
from ..domain.receiving.rules import (
    ACTIONS,
    ReceiptAction,
    ReceiptRule,
    ReceiptRuleSet,
    SNSAction,
    action_from_wire,
    rule_to_wire,
)
from ..domain.receiving.store import receives
from ..domain.state import Backend
from . import operation

MAX_PAGE = 100  # ListReceiptRuleSets: "up to 100 receipt rule sets at a time" (seed 004)


def _receiving(backend: Backend) -> Backend:
    if not receives(backend.region):
        raise UnavailableOperation()
    return backend


def _metadata(rule_set: ReceiptRuleSet) -> dict[str, Any]:
    return {"Name": rule_set.name, "CreatedTimestamp": rule_set.created_at}


def _described(rule_set: ReceiptRuleSet) -> dict[str, Any]:
    return {"Metadata": _metadata(rule_set), "Rules": [rule_to_wire(r) for r in rule_set.rules]}


def _action(structure: dict[str, Any]) -> Optional[ReceiptAction]:
    given = [key for key, body in structure.items() if key in ACTIONS and body]
    if len(given) > 1:
        # An emulator's tests of SES's texts (find_string id 70446550067) (?).
        raise InvalidParameterValue(message="Exactly one action type must be specified for each ReceiptAction")
    action = action_from_wire({key: structure[key] for key in given})
    if isinstance(action, SNSAction) and action.encoding is None:
        # SES stores the default encoding: Describe answers UTF-8 unasked (floci PR #3119, probed).
        action = SNSAction(action.topic_arn, "UTF-8")
    return action


def _rule(Rule: dict[str, Any]) -> ReceiptRule:
    """The rule of a ``ReceiptRule`` structure, its name checked (both layers) and its
    recipients checked and normalised; omitted members take SES's defaults."""
    name = Rule["Name"]
    validation.rule_name(name, "rule.name")
    actions = tuple(a for a in (_action(s) for s in Rule.get("Actions") or []) if a is not None)
    return ReceiptRule(
        name=name, enabled=bool(Rule.get("Enabled", False)), tls_policy=Rule.get("TlsPolicy") or "Optional",
        recipients=validation.recipients(Rule.get("Recipients") or []), actions=actions,
        scan_enabled=bool(Rule.get("ScanEnabled", False)))


def _targets(backend: Backend) -> Callable[[ReceiptRule], None]:
    exists = backend.world.destination_exists

    def check(rule: ReceiptRule) -> None:
        targets.check(rule, lambda kind, value: exists is None or exists(backend, kind, value),
                      backend.identities.covers)

    return check


# -- receipt filters -------------------------------------------------------------------------

@operation("ses", "CreateReceiptFilter")
def create_receipt_filter(backend: Backend, *, Filter: dict[str, Any]) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    name, ip_filter = Filter["Name"], Filter["IpFilter"]
    validation.filter_name(name)
    validation.cidr(ip_filter["Cidr"])
    receiving.create_filter(name, ip_filter["Cidr"], ip_filter["Policy"])
    return {}


@operation("ses", "DeleteReceiptFilter")
def delete_receipt_filter(backend: Backend, *, FilterName: str) -> dict[str, Any]:
    # Deleting an absent or malformed name succeeds (floci PR #3163, probed).
    _receiving(backend).receiving.delete_filter(FilterName)
    return {}


@operation("ses", "ListReceiptFilters")
def list_receipt_filters(backend: Backend) -> dict[str, Any]:
    # Name order (floci PR #3163: creation and name order coincided in the probe (?)).
    filters = sorted(_receiving(backend).receiving.filters, key=lambda f: f.name)
    return {"Filters": [{"Name": f.name, "IpFilter": {"Policy": f.policy, "Cidr": f.cidr}} for f in filters]}


# -- rule sets -------------------------------------------------------------------------------

@operation("ses", "CreateReceiptRuleSet")
def create_receipt_rule_set(backend: Backend, *, RuleSetName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    receiving.create_rule_set(RuleSetName)
    return {}


@operation("ses", "DeleteReceiptRuleSet")
def delete_receipt_rule_set(backend: Backend, *, RuleSetName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    receiving.delete_rule_set(RuleSetName)
    return {}


@operation("ses", "DescribeReceiptRuleSet")
def describe_receipt_rule_set(backend: Backend, *, RuleSetName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    return _described(receiving.require(RuleSetName))


@operation("ses", "ListReceiptRuleSets")
def list_receipt_rule_sets(backend: Backend, *, NextToken: Optional[str] = None) -> dict[str, Any]:
    sets = _receiving(backend).receiving.listed()
    items, following = page(sets, NextToken, MAX_PAGE)
    return {"RuleSets": [_metadata(s) for s in items], "NextToken": following}


@operation("ses", "CloneReceiptRuleSet")
def clone_receipt_rule_set(backend: Backend, *, RuleSetName: str, OriginalRuleSetName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    # With both malformed, the source's violations come first; the service layer then
    # checks the target first (floci PR #3119, probed).
    validation.shaped((OriginalRuleSetName, "originalRuleSetName"), (RuleSetName, "ruleSetName"))
    validation.service_name(RuleSetName, "ruleSetName")
    validation.service_name(OriginalRuleSetName, "ruleSetName")
    receiving.clone_rule_set(RuleSetName, OriginalRuleSetName)
    return {}


@operation("ses", "SetActiveReceiptRuleSet")
def set_active_receipt_rule_set(backend: Backend, *, RuleSetName: Optional[str] = None) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    if RuleSetName is None or not RuleSetName.strip():
        receiving.set_active(None)  # no name: no set is active (seed 004)
        return {}
    validation.rule_set_name(RuleSetName)
    receiving.set_active(RuleSetName)
    return {}


@operation("ses", "DescribeActiveReceiptRuleSet")
def describe_active_receipt_rule_set(backend: Backend) -> dict[str, Any]:
    active = _receiving(backend).receiving.active()
    return {} if active is None else _described(active)  # no active set: an empty answer


@operation("ses", "ReorderReceiptRuleSet")
def reorder_receipt_rule_set(backend: Backend, *, RuleSetName: str, RuleNames: list[str]) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    found = validation.reorder_violations(RuleSetName, RuleNames)
    validation.raise_violations(found)
    validation.service_name(RuleSetName, "ruleSetName")
    receiving.reorder(RuleSetName, RuleNames)
    return {}


# -- rules -----------------------------------------------------------------------------------

@operation("ses", "CreateReceiptRule")
def create_receipt_rule(backend: Backend, *, RuleSetName: str, Rule: dict[str, Any],
                        After: Optional[str] = None) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    validation.shaped((After, "after"), (Rule["Name"], "rule.name"))
    rule = _rule(Rule)
    receiving.create_rule(RuleSetName, rule, After, check=_targets(backend))
    return {}


@operation("ses", "UpdateReceiptRule")
def update_receipt_rule(backend: Backend, *, RuleSetName: str, Rule: dict[str, Any]) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    rule = _rule(Rule)
    # The whole rule is replaced: omitted members return to their defaults (floci PR #3119).
    receiving.update_rule(RuleSetName, rule, check=_targets(backend))
    return {}


@operation("ses", "DeleteReceiptRule")
def delete_receipt_rule(backend: Backend, *, RuleSetName: str, RuleName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    validation.rule_name(RuleName)
    receiving.delete_rule(RuleSetName, RuleName)  # an absent rule: nothing to do (F28)
    return {}


@operation("ses", "DescribeReceiptRule")
def describe_receipt_rule(backend: Backend, *, RuleSetName: str, RuleName: str) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    validation.rule_name(RuleName)
    return {"Rule": rule_to_wire(receiving.rule(RuleSetName, RuleName))}


@operation("ses", "SetReceiptRulePosition")
def set_receipt_rule_position(backend: Backend, *, RuleSetName: str, RuleName: str,
                              After: Optional[str] = None) -> dict[str, Any]:
    receiving = _receiving(backend).receiving
    validation.rule_set_name(RuleSetName)
    validation.shaped((RuleName, "ruleName"), (After, "after"))
    validation.service_name(RuleName, "ruleName")
    receiving.set_rule_position(RuleSetName, RuleName, After)
    return {}


# -- SendBounce ------------------------------------------------------------------------------

@operation("ses", "SendBounce")
def send_bounce(
    backend: Backend, *, OriginalMessageId: str, BounceSender: str,
    BouncedRecipientInfoList: list[dict[str, Any]], Explanation: Optional[str] = None,
    MessageDsn: Optional[dict[str, Any]] = None, BounceSenderArn: Optional[str] = None,
) -> dict[str, Any]:
    _receiving(backend)
    dsn = MessageDsn or {}
    message = bounce.send_bounce(
        backend, original_message_id=OriginalMessageId, sender=BounceSender,
        recipients=[bounce.BouncedRecipient.from_wire(info) for info in BouncedRecipientInfoList],
        explanation=Explanation, reporting_mta=dsn.get("ReportingMta"),
        arrival_date=_dt_or_none(dsn.get("ArrivalDate")),
        extension_fields=bounce.fields(dsn.get("ExtensionFields")), sender_arn=BounceSenderArn)
    return {"MessageId": message.message_id}


def _dt_or_none(value: Any) -> Optional[_dt.datetime]:
    return value if isinstance(value, _dt.datetime) else None
