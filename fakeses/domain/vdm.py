"""Virtual Deliverability Manager: its gate, the DNS a test controls, the Advisor's
recommendations (ListRecommendations) and the address checks (GetEmailAddressInsights).

What VDM counts from traffic lives in fakeses/domain/insights.py; this module decides who
may read it and what SES concludes from an account's identities, its DNS and its traffic.
Sources of each behaviour beside it and in docs/fidelity.md, "Metrics, insights and
recommendations".
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Optional

from . import clock, insights
from .errors import BadRequest, NotFound
from .identities import DOMAIN, SUCCESS

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend


# -- errors -----------------------------------------------------------------------------------

class VdmNotEnabled(NotFound):
    # GetMessageInsights and BatchGetMetricData in an account without VDM, checked before
    # anything in the request (floci's probes of SES, 2026-09-21/23: SesInsightsController,
    # SesMetricsController; alchemy-run's live tests: "SES short-circuits every
    # GetMessageInsights call with NotFoundException ... before it ever looks at the id").
    fmt = "To use this feature you must enable Virtual Deliverability Manager"


class MessageNotFound(NotFound):
    # GetMessageInsights for an id SES never sent from this account (floci's probe, 2026-09-21).
    fmt = "Message <{message_id}> not found for account <{account_id}>"


class InvalidMessageId(BadRequest):
    # A malformed id is a BadRequestException (alchemy-run's live test with VDM on); the
    # text is not recorded (?).
    fmt = "Invalid message id <{message_id}>."


class InvalidMetricQuery(BadRequest):
    """BatchGetMetricData refusals; each text from floci's probes of SES (2026-09-23/24,
    floci-io/floci SesMetricsController.java)."""


class InvalidRecommendationsFilter(BadRequest):
    # ListRecommendations' Filter: "Can eiter be an individual filter, or combinations of
    # STATUS and IMPACT or STATUS and TYPE" (seed 001); the text of the refusal is not recorded (?).
    fmt = "{reason}"


class RecommendationsPageSizeOutOfRange(BadRequest):
    # PageSize "at least 1, and can be no more than 100" (seed 001); text as SES's other v2
    # lists word it (floci's probes, SesListPaging.java) (?).
    fmt = "The page size must be between 1 and 100"


# -- the gate ---------------------------------------------------------------------------------

def require_enabled(backend: Backend) -> None:
    """Raise VdmNotEnabled unless PutAccountVdmAttributes turned VDM on in this region."""
    if backend.account.vdm is None or backend.account.vdm[0] != "ENABLED":
        raise VdmNotEnabled()


def engagement_tracked(backend: Backend) -> Callable[[SentMessage], bool]:
    """Whether VDM tracked the opens and clicks of a message: its configuration set's
    DashboardOptions EngagementMetrics when set, else the account's DashboardAttributes
    EngagementMetrics ("configuration set settings override the account's", developer guide
    vdm-settings; CDK's VdmOptions: "not configured at the configuration set level ... use
    account level settings")."""
    account = backend.account.vdm[1] if backend.account.vdm is not None else "DISABLED"

    def tracked(message: SentMessage) -> bool:
        found = backend.configuration_sets.get(message.configuration_set) if message.configuration_set else None
        own = found.vdm.engagement_metrics if found is not None and found.vdm is not None else None
        return (own or account) == "ENABLED"
    return tracked


# -- BatchGetMetricData -----------------------------------------------------------------------

MAX_INTERVAL = _dt.timedelta(days=60)  # floci's probe: "can request at most 60 days"
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def _identity_ok(value: str) -> bool:
    # Accepted: a bare label, a domain, local@domain; refused: blank, a missing half, a
    # space, a star (floci's probe, 2026-09-24).
    if not value or "*" in value or any(c.isspace() for c in value):
        return False
    local, at, domain = value.partition("@")
    return not at or (bool(local) and bool(domain) and "@" not in domain)


def check_queries(queries: Sequence[Mapping[str, object]]) -> None:
    """SES's checks of a batch, in SES's order: unique ids, then each query's dimension
    values (request-wide), then each query's dates. Raises InvalidMetricQuery."""
    ids = [q["Id"] for q in queries]
    if len(set(ids)) != len(ids):
        raise InvalidMetricQuery(message="All queries must have a unique identifier.")
    for query in queries:
        dims = query.get("Dimensions") or {}
        assert isinstance(dims, Mapping)
        identity = dims.get("EMAIL_IDENTITY")
        if identity is not None and not _identity_ok(identity):
            raise InvalidMetricQuery(message="Invalid email identity provided.")
        isp = dims.get("ISP")
        if isp is not None and not _NAME.fullmatch(isp):
            raise InvalidMetricQuery(message="Invalid ISP name provided.")
        for key, noun, blank in (("CONFIGURATION_SET", "configuration set name",
                                  "The configuration set name must be specified."),
                                 ("TENANT_NAME", "tenant name", "TenantName cannot be empty")):
            value = dims.get(key)
            if value is None:
                continue
            if value == "":
                raise InvalidMetricQuery(message=blank)
            if not _NAME.fullmatch(value):
                raise InvalidMetricQuery(message=f"Invalid {noun} <{value}>: only alphanumeric ASCII "
                                                 "characters, '_', and '-' are allowed.")
    for query in queries:
        start, end = query["StartDate"], query["EndDate"]
        assert isinstance(start, _dt.datetime) and isinstance(end, _dt.datetime)
        if start >= end:
            raise InvalidMetricQuery(message="Expected start date to be before the end date.")
        if end - start > MAX_INTERVAL:
            raise InvalidMetricQuery(message="Invalid interval, can request at most 60 days. "
                                             "Please partition your requested interval.")


# -- the DNS a test controls ----------------------------------------------------------------

@dataclasses.dataclass
class DnsRecords:
    """What the public DNS holds for one domain, as far as SES looks (``FakeSES.set_dns``)."""

    #: The TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=reject"; None: none published.
    dmarc: Optional[str] = None
    #: The SPF TXT record of the domain (for a custom MAIL FROM domain: the one SES asks
    #: for); None: none published.
    spf: Optional[str] = None
    #: The TXT record at default._bimi.<domain>; None: none published.
    bimi: Optional[str] = None
    #: Whether the domain has MX records (receives mail).
    mx: bool = True


class Dns:
    """The DNS of the whole fake (DNS is global: every account and region sees the same)."""

    def __init__(self) -> None:
        self._records: dict[str, DnsRecords] = {}
        self._lock = threading.Lock()

    def records(self, domain: str) -> Optional[DnsRecords]:
        """What a test set for ``domain`` (lower-cased), or None."""
        return self._records.get(domain.lower().rstrip("."))

    def set(self, domain: str, **changes: object) -> DnsRecords:
        """Replace the named records of ``domain``, keeping the others."""
        with self._lock:
            key = domain.lower().rstrip(".")
            current = self._records.get(key) or DnsRecords()
            self._records[key] = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
            return self._records[key]


def dns_of(backend: Backend) -> Dns:
    """The fake's DNS (one per world)."""
    return backend.world.dns


def _dmarc(dns: Dns, domain: str) -> Optional[str]:
    # A subdomain without its own record takes its organizational domain's (RFC 7489 §6.6.3);
    # fakeses takes the parent domains in turn (?).
    labels = domain.lower().split(".")
    for i in range(len(labels) - 1):
        records = dns.records(".".join(labels[i:]))
        if records is not None and records.dmarc:
            return records.dmarc
    return None


def _policy(record: str) -> str:
    found = re.search(r"(?:^|;)\s*p\s*=\s*([a-zA-Z]+)", record)
    return found.group(1).lower() if found else "none"


# -- ListRecommendations ----------------------------------------------------------------------

#: SES's sending-review thresholds: a bounce rate of 5% and a complaint rate of 0.1% put an
#: account under watch (developer guide, "Sending review process FAQs", reputation metrics);
#: VDM's Advisor is taken to recommend at the same rates (?).
BOUNCE_THRESHOLD = 0.05
COMPLAINT_THRESHOLD = 0.001


@dataclasses.dataclass(frozen=True)
class Finding:
    """One thing VDM's Advisor finds wrong with a resource now."""

    resource_arn: str
    type: str
    description: str
    impact: str
    #: What tells two findings of one type about one resource apart ("DKIM1 and DKIM2 are
    #: different recommendations", Recommendation.Description, seed 001).
    key: str = ""


@dataclasses.dataclass
class Recommendation:
    """A finding as ListRecommendations lists it: OPEN while found, FIXED once no longer."""

    finding: Finding
    status: str
    created_at: _dt.datetime
    updated_at: _dt.datetime


def rates(sent: Iterable[SentMessage], events: Iterable[Event], domain: str) -> tuple[int, int, int]:
    """(sends, permanent bounces, complaints) VDM counts for messages from ``domain`` (the
    From address's domain): the metric definitions of fakeses/domain/insights.py."""
    grouped = insights.by_message(events)
    counts = {"SEND": 0, "PERMANENT_BOUNCE": 0, "COMPLAINT": 0}
    for message in sent:
        if domain.lower() not in (v.lower() for v in insights.dimension_values(message, "EMAIL_IDENTITY")[1:]):
            continue
        for name, _ in insights.metric_events(message, grouped.get(message.message_id, ())):
            if name in counts:
                counts[name] += 1
    return counts["SEND"], counts["PERMANENT_BOUNCE"], counts["COMPLAINT"]


def findings(backend: Backend) -> list[Finding]:
    """What the Advisor finds now for each verified domain identity of ``backend``: DKIM not
    signing, no SPF-aligned custom MAIL FROM domain, no DMARC record or a policy of none,
    no BIMI record, bounce or complaint rates over the thresholds. FEEDBACK_3P and
    IP_LISTING need third-party data SES does not expose; fakeses never finds them."""
    dns = dns_of(backend)
    sent = insights.sent_by(backend)
    events = list(backend.world.events)
    found: list[Finding] = []
    for identity in list(backend.identities.listing()):
        if identity.kind != DOMAIN or identity.status != SUCCESS:
            continue
        arn = backend.arn("identity", identity.name)
        if not (identity.dkim_enabled and identity.dkim_status == SUCCESS):
            found.append(Finding(arn, "DKIM", "DKIM is not set up for this domain, or its DNS records "
                                 "are not found. Sign its messages with Easy DKIM or BYODKIM.", "HIGH"))
        mail_from = identity.mail_from_domain
        spf = dns.records(mail_from) if mail_from else None
        if mail_from is None or identity.mail_from_status != SUCCESS:
            found.append(Finding(arn, "SPF", "The domain does not use a custom MAIL FROM domain, so SPF "
                                 "does not align with it. Set up a custom MAIL FROM domain.", "HIGH"))
        elif spf is not None and (not spf.spf or "include:amazonses.com" not in spf.spf):
            found.append(Finding(arn, "SPF", "The SPF record of the custom MAIL FROM domain does not "
                                 "include amazonses.com.", "HIGH", "SPF2"))
        dmarc = _dmarc(dns, identity.name)
        if dmarc is None:
            found.append(Finding(arn, "DMARC", "No DMARC record was found for this domain. Publish a "
                                 "DMARC record at _dmarc." + identity.name + ".", "HIGH"))
        elif _policy(dmarc) == "none":
            found.append(Finding(arn, "DMARC", "The DMARC policy of this domain is none. Use quarantine "
                                 "or reject once your mail authenticates.", "LOW", "DMARC2"))
        records = dns.records(identity.name)
        if records is None or not records.bimi:
            found.append(Finding(arn, "BIMI", "No BIMI record was found for this domain. Publish one at "
                                 "default._bimi." + identity.name + " to show your logo.", "LOW"))
        sends, bounces, complaints = rates(sent, events, identity.name)
        if sends and bounces / sends > BOUNCE_THRESHOLD:
            found.append(Finding(arn, "BOUNCE", f"The bounce rate of this domain ({bounces / sends:.2%}) "
                                 f"is over {BOUNCE_THRESHOLD:.0%}.", "HIGH"))
        if sends and complaints / sends > COMPLAINT_THRESHOLD:
            found.append(Finding(arn, "COMPLAINT", f"The complaint rate of this domain "
                                 f"({complaints / sends:.2%}) is over {COMPLAINT_THRESHOLD:.1%}.", "HIGH"))
    return found


class Recommendations:
    """The recommendations of one (account, region): what the Advisor found, kept so that
    a finding no longer found is FIXED (with when) rather than gone."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, str], Recommendation] = {}

    def refresh(self, now_found: Iterable[Finding]) -> list[Recommendation]:
        """Fold ``now_found`` in; every recommendation, oldest first. SES evaluates
        periodically; fakeses evaluates when asked (?)."""
        now = clock.utcnow()
        seen = set()
        for finding in now_found:
            key = (finding.resource_arn, finding.type, finding.key)
            seen.add(key)
            held = self._known.get(key)
            if held is None:
                self._known[key] = Recommendation(finding, "OPEN", now, now)
            elif held.status != "OPEN" or held.finding != finding:
                held.finding, held.status, held.updated_at = finding, "OPEN", now
        for key, held in self._known.items():
            if key not in seen and held.status == "OPEN":
                held.status, held.updated_at = "FIXED", now
        return list(self._known.values())


_FILTER_PAIRS = ({"STATUS", "IMPACT"}, {"STATUS", "TYPE"})
_VALUES = {"STATUS": ("OPEN", "FIXED"), "IMPACT": ("LOW", "HIGH"),
           "TYPE": ("DKIM", "DMARC", "SPF", "BIMI", "COMPLAINT", "BOUNCE", "FEEDBACK_3P", "IP_LISTING")}


def filtered(found: Sequence[Recommendation], given: Mapping[str, str]) -> list[Recommendation]:
    """The recommendations ``given`` (ListRecommendations' Filter) keeps."""
    if len(given) == 2 and set(given) not in _FILTER_PAIRS:
        raise InvalidRecommendationsFilter(reason="Filter can be an individual filter, or combinations of "
                                                  "STATUS and IMPACT or STATUS and TYPE.")
    for key, value in given.items():
        if key in _VALUES and value not in _VALUES[key]:
            raise InvalidRecommendationsFilter(reason=f"Invalid {key} filter value <{value}>.")

    def keeps(r: Recommendation) -> bool:
        fields = {"STATUS": r.status, "IMPACT": r.finding.impact, "TYPE": r.finding.type,
                  "RESOURCE_ARN": r.finding.resource_arn}
        return all(fields.get(k) == v for k, v in given.items())
    return [r for r in found if keeps(r)]


# -- GetEmailAddressInsights ------------------------------------------------------------------

#: Role local parts ("such as admin@, support@, or info@": developer guide, email-validation-api);
#: the rest of the list is fakeses' (?).
ROLE_LOCAL_PARTS = frozenset({
    "abuse", "admin", "administrator", "billing", "contact", "help", "hello", "hostmaster", "info",
    "mail", "marketing", "noc", "no-reply", "noreply", "office", "postmaster", "root", "sales",
    "security", "support", "team", "webmaster"})
#: Throwaway-mailbox domains fakeses knows (?); SES's list is not published.
DISPOSABLE_DOMAINS = frozenset({
    "10minutemail.com", "discard.email", "dispostable.com", "guerrillamail.com", "maildrop.cc",
    "mailinator.com", "sharklasers.com", "temp-mail.org", "tempmail.com", "throwawaymail.com",
    "trashmail.com", "yopmail.com"})
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                      r"[A-Za-z]{2,63}")
_SIMULATOR_BOUNCES = {"bounce", "suppressionlist"}


def _random(local: str) -> bool:
    # Keyboard mash: six consonants in a row, or eight characters or more without a vowel (?).
    letters = re.sub(r"[^a-z]", "", local.lower())
    return bool(re.search(r"[bcdfghjklmnpqrstvwxz]{6,}", letters)) or (len(letters) >= 8 and not
                                                                       re.search(r"[aeiouy]", letters))


def address_insights(backend: Backend, address: str) -> dict[str, str]:
    """GetEmailAddressInsights' verdicts for ``address``: the confidence (LOW, MEDIUM, HIGH)
    that each check's statement holds, and ``IsValid`` over them. Syntax by RFC 5321's
    shape; DNS records from the fake's DNS (``set_dns(domain, mx=False)``: none); whether
    the mailbox exists from what the account's traffic showed (a permanent bounce or the
    suppression list for a bounce: LOW; a delivery: HIGH; nothing yet: MEDIUM) (?)."""
    address = address.strip()
    local, _, domain = address.rpartition("@")
    syntax = bool(_ADDRESS.fullmatch(address)) and len(address) <= 320 and len(local) <= 64
    if not syntax:
        return {"IsValid": "LOW", "HasValidSyntax": "LOW", "HasValidDnsRecords": "LOW", "MailboxExists": "LOW",
                "IsRoleAddress": "LOW", "IsDisposable": "LOW", "IsRandomInput": "HIGH" if _random(address) else "LOW"}
    records = dns_of(backend).records(domain)
    dns_ok = records is None or records.mx
    exists = "MEDIUM"
    simulator = domain.lower() == "simulator.amazonses.com"
    if simulator:
        exists = "LOW" if local.lower().split("+")[0] in _SIMULATOR_BOUNCES else "HIGH"
    suppressed = backend.suppression.get(address)
    if suppressed is not None and suppressed.reason == "BOUNCE":
        exists = "LOW"
    for event in list(backend.world.events):
        message = event.message
        if message.account_id != backend.account_id or message.region != backend.region:
            continue
        if event.type == "Bounce" and event.details.get("bounceType") == "Permanent" and any(
                r.get("emailAddress", "").lower() == address.lower() for r in event.details.get("bouncedRecipients") or []):
            exists = "LOW"
        elif event.type == "Delivery" and exists == "MEDIUM" and address.lower() in (
                r.lower() for r in event.details.get("recipients") or message.destinations):
            exists = "HIGH"
    role = local.lower().split("+")[0] in ROLE_LOCAL_PARTS
    disposable = domain.lower() in DISPOSABLE_DOMAINS
    random_input = _random(local)
    if not dns_ok or exists == "LOW" or disposable:
        valid = "LOW"
    elif exists == "HIGH" and not random_input:
        valid = "HIGH"
    else:
        valid = "MEDIUM"
    return {"IsValid": valid, "HasValidSyntax": "HIGH", "HasValidDnsRecords": "HIGH" if dns_ok else "LOW",
            "MailboxExists": exists, "IsRoleAddress": "HIGH" if role else "LOW",
            "IsDisposable": "HIGH" if disposable else "LOW", "IsRandomInput": "HIGH" if random_input else "LOW"}
