"""Reputation entities: the tenants' reputation, its findings, policies and statuses.

SES tracks the reputation of each tenant separately ("each tenant can have its own ...
reputation metrics and sending status", CreateTenant's documentation; AWS Messaging blog,
"Improve email deliverability with tenant management in Amazon SES", 2025) as a
*reputation entity* of type RESOURCE whose reference is the tenant's ARN (every public use
found passes the tenant ARN: the blog's implementation guide, part 3, 2025-11-26). fakeses
models each tenant of the region as one entity (?: other resource types are not known to
be entities).

Derived from the record (``world.sent`` and ``world.events``, as fakeses/domain/insights.py),
never set by hand; each tenant keeps a cache of what was read (:class:`_Scan`), brought up
to date incrementally on each use and dropped when the record is cleared:

- Rates: hard bounces (Permanent, SES's own suppression-list bounces excluded) and
  complaints (suppression-list ones excluded) over the recipients sent to through the
  tenant, the mailbox simulator's excluded (its messages "don't count toward your bounce
  and complaint metrics", mailbox simulator docs).
- Findings, by SES's published thresholds for an account's reputation (developer guide,
  "Sending review process FAQs" / reputation metrics): a bounce rate of 5% or a complaint
  rate of 0.1% puts a sender under review (a LOW impact finding (?)), 10% or 0.5% may pause
  it (HIGH (?)). ``ReputationImpact`` is the highest finding active.
- Policies, SES-managed, "none, standard, and strict" (UpdateReputationEntityPolicy's
  documentation), ARNs ``arn:aws:ses:<region>:aws:reputation-policy/<name>`` (public client
  code of the feature, e.g. the ``ses_reputation_policy`` ARN helper of a Terraform
  provider function). Standard "will pause sending if high severity deliverability issues
  show up", strict "if any issues are found", none takes no action (blog.intenics.io,
  "Isolate your Amazon SES environment using the Tenants functionality"). New tenants get
  standard (?).
- ``AwsSesManagedStatus``: DISABLED while the policy pauses for the active finding;
  ``CustomerManagedStatus``: what UpdateReputationEntityCustomerManagedStatus set;
  REINSTATED lets the entity send "even if there are active reputation findings, until the
  findings are resolved or new violations occur" (model): a finding that starts after the
  reinstatement pauses it again. ``SendingStatusAggregate``: DISABLED when either status is
  (model), REINSTATED when the customer reinstated it, else ENABLED. A tenant's
  ``SendingStatus`` is its entity's aggregate.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as _dt
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Optional

from . import events as ev
from .errors import BadRequest, NotFound

if TYPE_CHECKING:
    from .state import Backend
    from .tenants import StatusRecord, Tenant

POLICIES = ("none", "standard", "strict")
DEFAULT_POLICY = "standard"  # (?)
STATUSES = ("ENABLED", "REINSTATED", "DISABLED")  # the model's SendingStatus
#: (bounce rate, complaint rate) at which a finding of each impact starts (see module doc).
THRESHOLDS = {"LOW": (Fraction(5, 100), Fraction(1, 1000)), "HIGH": (Fraction(10, 100), Fraction(5, 1000))}
#: The impacts each policy pauses for.
PAUSES = {"none": (), "standard": ("HIGH",), "strict": ("LOW", "HIGH")}
_SUPPRESSED = ("OnAccountSuppressionList", "OnTenantSuppressionList")  # SES's own, not the recipients'
_SIMULATOR = "@simulator.amazonses.com"


class ReputationEntityNotFound(NotFound):
    # GetReputationEntity of a reference that is no entity. Text not recorded (?).
    fmt = "Reputation entity {reference} does not exist."


class InvalidReputationEntity(BadRequest):
    # The Update* operations model no NotFoundException: an unknown entity or policy is a
    # BadRequestException. Texts not recorded (?).
    pass


def policy_arn(region: str, name: str) -> str:
    """The ARN of SES's managed reputation policy ``name`` in ``region``."""
    return f"arn:aws:ses:{region}:aws:reputation-policy/{name}"


def policy_name(region: str, arn: str) -> Optional[str]:
    """The policy an ARN names in ``region`` ("none", "standard", "strict"), or None."""
    prefix, _, name = arn.rpartition("/")
    return name if prefix == f"arn:aws:ses:{region}:aws:reputation-policy" and name in POLICIES else None


@dataclasses.dataclass(frozen=True)
class Finding:
    """The reputation finding active now: its impact and when it started."""

    impact: str
    since: _dt.datetime
    bounce_rate: float
    complaint_rate: float


@dataclasses.dataclass(frozen=True)
class Entity:
    """A reputation entity as SES reports it (the model's ReputationEntity)."""

    reference: str
    policy: str
    customer: StatusRecord
    aws: StatusRecord
    aggregate: str
    impact: Optional[str]


def _impact(bounces: int, complaints: int, sent: int) -> tuple[Optional[str], float, float]:
    if not sent:
        return None, 0.0, 0.0
    bounce_rate, complaint_rate = bounces / sent, complaints / sent
    for impact in ("HIGH", "LOW"):
        low_bounce, low_complaint = THRESHOLDS[impact]
        if Fraction(bounces, sent) >= low_bounce or Fraction(complaints, sent) >= low_complaint:
            return impact, bounce_rate, complaint_rate
    return None, bounce_rate, complaint_rate


def _counted(address: str) -> bool:
    return not address.lower().endswith(_SIMULATOR)


_State = tuple[int, int, int, Optional[Finding]]  # sent, hard bounces, complaints, finding
_START: _State = (0, 0, 0, None)


def _advance(state: _State, step: tuple[_dt.datetime, int, int, int]) -> _State:
    """The state after one more step of a tenant's history."""
    at, more_sent, more_bounces, more_complaints = step
    sent, bounces, complaints = state[0] + more_sent, state[1] + more_bounces, state[2] + more_complaints
    current = state[3]
    impact, bounce_rate, complaint_rate = _impact(bounces, complaints, sent)
    if impact is None:
        current = None
    elif current is None or current.impact != impact:
        current = Finding(impact, at, bounce_rate, complaint_rate)
    else:
        current = dataclasses.replace(current, bounce_rate=bounce_rate, complaint_rate=complaint_rate)
    return sent, bounces, complaints, current


def finding(history: Iterable[tuple[_dt.datetime, int, int, int]]) -> Optional[Finding]:
    """The finding active after ``history``: (time, recipients sent, hard bounces,
    complaints) steps in time order, the rates taken over everything so far. A finding
    starts when the rates first reach its impact's threshold, and ends when they fall below."""
    state = _START
    for step in history:
        state = _advance(state, step)
    return state[3]


@dataclasses.dataclass
class _Scan:
    """How far :func:`history` has read the record for one tenant, and what it found there:
    the steps in time order, with the state after each. A tenant sends often and every send
    asks for its reputation, so each call reads only what the record gained since the last
    one (the record is append-only until the test clears it); a rescan of everything per
    send made n sends cost n squared."""

    generation: int
    sent: int = 0  # how many of world.sent were read
    events: int = 0  # how many of world.events were read
    seq: dict[str, int] = dataclasses.field(default_factory=dict)  # message id -> its place
    keys: list[tuple[_dt.datetime, int, int]] = dataclasses.field(default_factory=list)
    steps: list[tuple[_dt.datetime, int, int, int]] = dataclasses.field(default_factory=list)
    states: list[_State] = dataclasses.field(default_factory=list)


def _step_of(event: ev.Event) -> Optional[tuple[int, int]]:
    """(hard bounces, complaints) an event adds to its tenant's history, or None."""
    if event.type == ev.BOUNCE and event.details.get("bounceType") == "Permanent" \
            and event.details.get("bounceSubType") not in _SUPPRESSED:
        named = event.details.get("bouncedRecipients") or []
        return sum(1 for r in named if _counted(r.get("emailAddress", ""))), 0
    if event.type == ev.COMPLAINT and event.details.get("complaintSubType") not in _SUPPRESSED:
        named = event.details.get("complainedRecipients") or []
        return 0, sum(1 for r in named if _counted(r.get("emailAddress", "")))
    return None


def _scan(backend: Backend, tenant: Tenant) -> _Scan:
    """The tenant's history, brought up to date with the record."""
    world = backend.world
    scan: Optional[_Scan] = tenant._scan
    if scan is None or scan.generation != world.generation:
        scan = _Scan(world.generation)
        tenant._scan = scan
    # Messages of an earlier tenant of the same name do not count; sent_at is to the millisecond.
    created = tenant.created.replace(microsecond=tenant.created.microsecond // 1000 * 1000)
    messages, events = world.since(scan.sent, scan.events)
    scan.sent, scan.events = scan.sent + len(messages), scan.events + len(events)
    first = len(scan.steps)
    # Sorted by time, then as the record has them: each message before its events, events
    # in the order logged (what a stable sort of the whole record gives).
    for message in messages:
        if (message.tenant != tenant.name or message.account_id != backend.account_id
                or message.region != backend.region or message.sent_at < created):
            continue
        scan.seq[message.message_id] = len(scan.seq)
        first = min(first, _insert(scan, (message.sent_at, scan.seq[message.message_id], -1),
                                   (message.sent_at, sum(1 for d in message.destinations if _counted(d)), 0, 0)))
    for index, event in enumerate(events, start=scan.events - len(events)):
        place = scan.seq.get(event.message.message_id)
        found = None if place is None else _step_of(event)
        if place is not None and found is not None:
            first = min(first, _insert(scan, (event.timestamp, place, index), (event.timestamp, 0, *found)))
    state = scan.states[first - 1] if first else _START
    del scan.states[first:]
    for step in scan.steps[first:]:
        state = _advance(state, step)
        scan.states.append(state)
    return scan


def _insert(scan: _Scan, key: tuple[_dt.datetime, int, int], step: tuple[_dt.datetime, int, int, int]) -> int:
    at = bisect.bisect_right(scan.keys, key)
    scan.keys.insert(at, key)
    scan.steps.insert(at, step)
    return at


def history(backend: Backend, tenant: Tenant) -> list[tuple[_dt.datetime, int, int, int]]:
    """The tenant's traffic from the record: sends, hard bounces and complaints, in time order."""
    return list(_scan(backend, tenant).steps)


def entity_of(backend: Backend, tenant: Tenant) -> Entity:
    """The reputation entity of ``tenant``, computed now."""
    from .tenants import StatusRecord

    name = policy_name(backend.region, tenant.policy) or DEFAULT_POLICY
    customer = tenant.customer_status or StatusRecord("ENABLED", tenant.created)
    scan = _scan(backend, tenant)
    active = scan.states[-1][3] if scan.states else None
    reinstated = customer.status == "REINSTATED" and active is not None and customer.at >= active.since
    if active is not None and active.impact in PAUSES[name] and not reinstated:
        aws = StatusRecord("DISABLED", active.since, (
            f"Sending paused by the {name} reputation policy: {active.impact} impact finding "
            f"(bounce rate {active.bounce_rate:.2%}, complaint rate {active.complaint_rate:.2%})"))  # text (?)
    else:
        aws = StatusRecord("ENABLED", active.since if active is not None else tenant.created)
    if "DISABLED" in (customer.status, aws.status):
        aggregate = "DISABLED"
    elif customer.status == "REINSTATED":
        aggregate = "REINSTATED"
    else:
        aggregate = "ENABLED"
    return Entity(tenant.arn, tenant.policy, customer, aws, aggregate, active.impact if active else None)


def entities(backend: Backend) -> list[Entity]:
    """Every reputation entity of the region (one per tenant), in the tenants' order."""
    return [entity_of(backend, tenant) for tenant in backend.tenants]


def require(backend: Backend, entity_type: str, reference: str, *, update: bool = False) -> Tenant:
    """The tenant whose entity ``reference`` names (its ARN)."""
    found = backend.tenants.by_arn(reference) if entity_type == "RESOURCE" else None
    if found is None:
        if update:
            raise InvalidReputationEntity(message=f"Reputation entity {reference} does not exist.")  # (?)
        raise ReputationEntityNotFound(reference=reference)
    return found


def set_customer_status(backend: Backend, entity_type: str, reference: str, status: str) -> None:
    """UpdateReputationEntityCustomerManagedStatus."""
    from . import clock
    from .tenants import StatusRecord

    tenant = require(backend, entity_type, reference, update=True)
    tenant.customer_status = StatusRecord(status, clock.utcnow())


def set_policy(backend: Backend, entity_type: str, reference: str, policy: str) -> None:
    """UpdateReputationEntityPolicy: one of SES's managed policies of the client's region."""
    tenant = require(backend, entity_type, reference, update=True)
    if policy_name(backend.region, policy) is None:
        raise InvalidReputationEntity(message=f"Invalid reputation policy {policy}.")  # (?)
    tenant.policy = policy
