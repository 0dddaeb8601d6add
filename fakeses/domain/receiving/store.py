"""The receiving store of one backend: filters, rule sets and their rules, received mail.

Behaviour probed against SES (floci-io/floci PRs #2128, #3119, #3163; F28):

- A rule created without ``After`` goes to the front; ``After`` puts it right behind the
  named rule. ``UpdateReceiptRule`` replaces the rule where it is. Deleting an absent rule
  (in a set that exists) or an absent rule set or filter succeeds. Deleting the active set
  is ``CannotDelete``. ``SetReceiptRulePosition`` without ``After`` moves to the front; a
  rule placed after itself stays.
- Limits: 200 rules per set ("Too many rules"), 10 actions per rule ("Too many actions"),
  100 filters per account and region ("Too many filters"), 40 rule sets (developer guide,
  receiving quotas; text "Too many rule sets" by analogy (?)).
- A clone gets its own creation time and is inactive; an existing target name is refused
  before a missing source is.
- ``ReorderReceiptRuleSet``: a name given twice, then rules of the set left out, then names
  not in the set, each with its text.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Callable, Sequence
from typing import Optional

from .. import clock
from ..errors import InvalidParameterValue
from .errors import (
    CannotDelete,
    FilterAlreadyExists,
    ReceivingLimitExceeded,
    RuleAlreadyExists,
    RuleDoesNotExist,
    RuleSetAlreadyExists,
    RuleSetDoesNotExist,
)
from .filters import Policy, ReceiptFilter
from .rules import ReceiptRule, ReceiptRuleSet

MAX_RULES = 200
MAX_ACTIONS = 10
MAX_FILTERS = 100
MAX_RULE_SETS = 40


@dataclasses.dataclass(frozen=True, slots=True)
class ReceivedMessage:
    """A message SES accepted for receiving: what SendBounce and the receipt actions read.

    ``raw`` is the message as received (before any AddHeader action); ``sender`` the
    envelope MAIL FROM (where a bounce goes); ``recipients`` the envelope recipients SES
    accepted; ``received_at`` when it arrived (the clock's time).
    """

    message_id: str
    raw: bytes
    recipients: tuple[str, ...]
    sender: str
    received_at: _dt.datetime
    source_ip: Optional[str] = None


class Receiving:
    """The receiving state of one backend: filters, rule sets, the active set, received mail.

    Callers hold the backend's lock while changing it (the API layer does). Rule sets are
    frozen: a change replaces the set, so one read from :meth:`active` stays as it was.
    """

    def __init__(self) -> None:
        #: The IP address filters, in creation order.
        self.filters: list[ReceiptFilter] = []
        #: The rule sets by name, in creation order.
        self.rule_sets: dict[str, ReceiptRuleSet] = {}
        #: The name of the active rule set, or None when no set is active.
        self.active_rule_set: Optional[str] = None
        self._received: dict[str, ReceivedMessage] = {}

    # -- what the receiving engine reads -------------------------------------------------

    def active(self) -> Optional[ReceiptRuleSet]:
        """The active rule set (a snapshot), or None when none is active."""
        if self.active_rule_set is None:
            return None
        return self.rule_sets.get(self.active_rule_set)

    def remember(self, message_id: str, raw: bytes, recipients: Sequence[str], sender: str,
                 received_at: Optional[_dt.datetime] = None, source_ip: Optional[str] = None) -> ReceivedMessage:
        """Keep a message received as ``message_id`` (so SendBounce can answer it); returns
        its record. ``received_at`` defaults to now (the clock's)."""
        record = ReceivedMessage(message_id, bytes(raw), tuple(recipients), sender,
                                 received_at or clock.utcnow(), source_ip)
        self._received[message_id] = record
        return record

    def received(self, message_id: str) -> Optional[ReceivedMessage]:
        """The message received as ``message_id``, or None."""
        return self._received.get(message_id)

    # -- filters ---------------------------------------------------------------------------

    def create_filter(self, name: str, cidr: str, policy: Policy) -> ReceiptFilter:
        """Add a filter; ``AlreadyExists`` for a name in use, ``LimitExceeded`` past 100."""
        if any(f.name == name for f in self.filters):
            raise FilterAlreadyExists(name=name)
        if len(self.filters) >= MAX_FILTERS:
            raise ReceivingLimitExceeded(message="Too many filters")
        made = ReceiptFilter(name, cidr, policy)
        self.filters.append(made)
        return made

    def delete_filter(self, name: str) -> None:
        """Remove the filter ``name`` (nothing if there is none)."""
        self.filters = [f for f in self.filters if f.name != name]

    # -- rule sets -------------------------------------------------------------------------

    def require(self, name: str) -> ReceiptRuleSet:
        """The rule set ``name``; ``RuleSetDoesNotExist`` if there is none."""
        found = self.rule_sets.get(name)
        if found is None:
            raise RuleSetDoesNotExist(name=name)
        return found

    def listed(self) -> list[ReceiptRuleSet]:
        """Every rule set, oldest first (then by name)."""
        return sorted(self.rule_sets.values(), key=lambda s: (s.created_at, s.name))

    def create_rule_set(self, name: str) -> ReceiptRuleSet:
        if name in self.rule_sets:
            raise RuleSetAlreadyExists(name=name)
        if len(self.rule_sets) >= MAX_RULE_SETS:
            raise ReceivingLimitExceeded(message="Too many rule sets")
        made = ReceiptRuleSet(name, clock.utcnow())
        self.rule_sets[name] = made
        return made

    def clone_rule_set(self, name: str, original: str) -> ReceiptRuleSet:
        if name in self.rule_sets:
            raise RuleSetAlreadyExists(name=name)
        source = self.require(original)
        if len(self.rule_sets) >= MAX_RULE_SETS:
            raise ReceivingLimitExceeded(message="Too many rule sets")
        made = ReceiptRuleSet(name, clock.utcnow(), source.rules)
        self.rule_sets[name] = made
        return made

    def delete_rule_set(self, name: str) -> None:
        if name == self.active_rule_set and name in self.rule_sets:
            raise CannotDelete(name=name)
        self.rule_sets.pop(name, None)

    def set_active(self, name: Optional[str]) -> None:
        """Make ``name`` the active set, or none active when ``name`` is None."""
        if name is not None:
            self.require(name)
        self.active_rule_set = name

    def _replace(self, rule_set: ReceiptRuleSet, rules: Sequence[ReceiptRule]) -> None:
        self.rule_sets[rule_set.name] = dataclasses.replace(rule_set, rules=tuple(rules))

    def reorder(self, set_name: str, names: Sequence[str]) -> None:
        """Put the set's rules in the order of ``names``, which must name each exactly once."""
        rule_set = self.require(set_name)
        positions: dict[str, int] = {}
        for index, name in enumerate(names):
            if name in positions:
                raise InvalidParameterValue(message=f"Multiple positions found for rule: {name}")
            positions[name] = index
        missing = [r.name for r in rule_set.rules if r.name not in positions]
        if missing:
            raise InvalidParameterValue(message="Positions for rules not found: " + ", ".join(missing))
        for name in names:
            if rule_set.rule(name) is None:
                raise RuleDoesNotExist(name=name)
        self._replace(rule_set, sorted(rule_set.rules, key=lambda r: positions[r.name]))

    # -- rules -----------------------------------------------------------------------------

    @staticmethod
    def _index(rule_set: ReceiptRuleSet, name: str) -> int:
        for index, rule in enumerate(rule_set.rules):
            if rule.name == name:
                return index
        raise RuleDoesNotExist(name=name)

    def rule(self, set_name: str, rule_name: str) -> ReceiptRule:
        rule_set = self.require(set_name)
        return rule_set.rules[self._index(rule_set, rule_name)]

    def create_rule(self, set_name: str, rule: ReceiptRule, after: Optional[str] = None,
                    check: Optional[Callable[[ReceiptRule], None]] = None) -> None:
        """Add ``rule`` at the front of the set, or right after the rule ``after``.

        ``check`` (the checks of the rule's actions and targets) runs once the set, the
        name and the position are known to be good, as SES orders its checks.
        """
        rule_set = self.require(set_name)
        if rule_set.rule(rule.name) is not None:
            raise RuleAlreadyExists(name=rule.name)
        if len(rule_set.rules) >= MAX_RULES:
            raise ReceivingLimitExceeded(message="Too many rules")
        index = 0 if after is None else self._index(rule_set, after) + 1
        if check is not None:
            check(rule)
        rules = list(rule_set.rules)
        rules.insert(index, rule)
        self._replace(rule_set, rules)

    def update_rule(self, set_name: str, rule: ReceiptRule,
                    check: Optional[Callable[[ReceiptRule], None]] = None) -> None:
        """Replace the rule of ``rule``'s name, where it stands."""
        rule_set = self.require(set_name)
        index = self._index(rule_set, rule.name)
        if check is not None:
            check(rule)
        rules = list(rule_set.rules)
        rules[index] = rule
        self._replace(rule_set, rules)

    def delete_rule(self, set_name: str, rule_name: str) -> None:
        rule_set = self.require(set_name)
        if rule_set.rule(rule_name) is not None:
            self._replace(rule_set, [r for r in rule_set.rules if r.name != rule_name])

    def set_rule_position(self, set_name: str, rule_name: str, after: Optional[str] = None) -> None:
        rule_set = self.require(set_name)
        index = self._index(rule_set, rule_name)
        if after == rule_name:
            return
        if after is not None:
            self._index(rule_set, after)
        rules = list(rule_set.rules)
        moved = rules.pop(index)
        target = 0 if after is None else next(i for i, r in enumerate(rules) if r.name == after) + 1
        rules.insert(target, moved)
        self._replace(rule_set, rules)


#: The regions where SES receives mail (AWS General Reference, "Email receiving endpoints":
#: the eleven listed in January 2024 by a course's table, find_string id 26863946455, and
#: eu-north-1, whose inbound-smtp endpoint is in use in 2026 (?)). Elsewhere every
#: receiving operation is "InvalidAction: Unavailable Operation" (errors.UnavailableOperation).
RECEIVING_REGIONS = frozenset((
    "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2",
    "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-northeast-1",
))


def receives(region: str) -> bool:
    """Whether SES receives mail in ``region`` (and answers its receiving operations)."""
    return region in RECEIVING_REGIONS
