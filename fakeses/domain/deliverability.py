"""The Deliverability dashboard subscription of one (account, region).

PutDeliverabilityDashboardOption turns the dashboard on for a list of verified domains or
off; GetDeliverabilityDashboardOptions reports it. The subscription is monthly (model
documentation of both operations, seed 001): a domain dropped from the list, and the whole
subscription when the dashboard is turned off, stays subscribed until the end of the
current calendar month (``PENDING_EXPIRATION``, with ``SubscriptionExpiryDate``); from the
first instant of the next month (UTC, by fakeses' clock) it is gone and the account is
``DISABLED``. No recorded response exists: the expiry instant, the DashboardEnabled value
while pending and the refusals below are taken from the documentation (?).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Callable, Sequence
from typing import Optional

from . import clock, ids
from .errors import BadRequest, NotFound

ACTIVE, PENDING_EXPIRATION, DISABLED = "ACTIVE", "PENDING_EXPIRATION", "DISABLED"


class DashboardDomainNotVerified(NotFound):
    # SubscribedDomains are "verified domain[s] that you use to send email" (the model's
    # documentation); an unknown or unverified one is taken to be NotFoundException (?).
    fmt = "Domain {domain} is not a verified domain identity in this account."


class DashboardNotFound(NotFound):
    # Recorded: GetDomainStatisticsReport on an account without the dashboard answers
    # NotFoundException "Unable to find a dashboard account for <775006283147>." (aws/aws-cli#5210).
    # Taken to be the answer of every operation of the dashboard's data (?).
    fmt = "Unable to find a dashboard account for <{account_id}>."


class DomainNotSubscribed(NotFound):
    # The data of a domain is "available ... only if the campaign sent email by using a domain
    # that the Deliverability dashboard is enabled for" (DomainDeliverabilityCampaign, seed 001).
    # The text of the refusal is not recorded (?).
    fmt = "Domain {domain} is not subscribed to the Deliverability dashboard."


class TestReportNotFound(NotFound):
    # Not recorded (?): worded as the other NotFoundException texts of v2.
    fmt = "Deliverability test report {report_id} does not exist."


class CampaignNotFound(NotFound):
    fmt = "Campaign {campaign_id} does not exist."  # not recorded (?)


class BadDateRange(BadRequest):
    # "EndDate ... has to be less than or equal to 30 days after the StartDate" (seed 001,
    # GetDomainStatisticsReport and ListDomainDeliverabilityCampaigns). Text not recorded (?).
    fmt = "{message}"


#: The longest StartDate..EndDate range of the domain reports (seed 001).
MAX_RANGE = _dt.timedelta(days=30)


def check_range(start: _dt.datetime, end: _dt.datetime) -> None:
    """Raise :class:`BadDateRange` unless ``start <= end <= start + 30 days``."""
    if end < start:
        raise BadDateRange(message="EndDate must be after StartDate.")
    if end - start > MAX_RANGE:
        raise BadDateRange(message="EndDate must be less than or equal to 30 days after StartDate.")


class DashboardDomainMissing(BadRequest):
    # The model leaves Domain optional in DomainDeliverabilityTrackingOption; a tracking
    # option without one names nothing (?).
    fmt = "Domain must be specified for each subscribed domain."


@dataclasses.dataclass(frozen=True, slots=True)
class Subscription:
    """One domain subscribed to the dashboard."""

    domain: str
    start: _dt.datetime
    #: InboxPlacementTrackingOption as given (Global, TrackedIsps), or None.
    inbox_placement: Optional[dict[str, object]] = None
    #: When the subscription ends (the first instant of the next month), or None if it runs on.
    expires: Optional[_dt.datetime] = None


def end_of_month(when: _dt.datetime) -> _dt.datetime:
    """The first instant (UTC) of the month after ``when``'s."""
    year, month = (when.year + 1, 1) if when.month == 12 else (when.year, when.month + 1)
    return _dt.datetime(year, month, 1, tzinfo=_dt.timezone.utc)


class Dashboard:
    """The dashboard switch and the subscribed domains, active and expiring."""

    def __init__(self) -> None:
        self.enabled = False
        self._domains: dict[str, Subscription] = {}
        #: When the whole subscription ends after the dashboard was turned off, or None.
        self._expires: Optional[_dt.datetime] = None
        #: Predictive inbox placement tests, kept when the subscription ends (?).
        self.reports: TestReports = TestReports()
        #: Placement and blocklist listings a test set through the handle.
        self.observations = Observations()

    def _expire(self, now: _dt.datetime) -> None:
        self._domains = {k: s for k, s in self._domains.items() if s.expires is None or s.expires > now}
        if self._expires is not None and self._expires <= now:
            self._expires = None
            self._domains.clear()

    def put(self, enabled: bool, domains: Sequence[dict[str, object]],
            verified: Callable[[str], bool]) -> None:
        """PutDeliverabilityDashboardOption. Raises :class:`DashboardDomainMissing` or
        :class:`DashboardDomainNotVerified`; a failure changes nothing."""
        now = clock.utcnow()
        self._expire(now)
        if not enabled:
            if self.enabled:
                # Turned off: everything runs to the end of the month.
                self._expires = end_of_month(now)
                self._domains = {k: dataclasses.replace(s, expires=s.expires or self._expires)
                                 for k, s in self._domains.items()}
            self.enabled = False
            return
        wanted: dict[str, Subscription] = {}
        for given in domains:
            domain = given.get("Domain")
            if not isinstance(domain, str) or not domain:
                raise DashboardDomainMissing()
            if not verified(domain):
                raise DashboardDomainNotVerified(domain=domain)
            key = domain.lower()
            old = self._domains.get(key)
            start = given.get("SubscriptionStartDate")
            placement = given.get("InboxPlacementTrackingOption")
            wanted[key] = Subscription(
                domain,
                start if isinstance(start, _dt.datetime) else (old.start if old is not None else now),
                dict(placement) if isinstance(placement, dict) else None)
        for key, old in self._domains.items():
            if key not in wanted:  # dropped: subscribed until the end of the month
                wanted[key] = dataclasses.replace(old, expires=old.expires or end_of_month(now))
        self._domains = wanted
        self._expires = None
        self.enabled = True

    def status(self) -> str:
        """ACTIVE, PENDING_EXPIRATION or DISABLED, by the clock."""
        self._expire(clock.utcnow())
        if self.enabled:
            return ACTIVE
        return PENDING_EXPIRATION if self._expires is not None else DISABLED

    @property
    def expires(self) -> Optional[_dt.datetime]:
        """SubscriptionExpiryDate: set only while the whole subscription is expiring."""
        return self._expires if self.status() == PENDING_EXPIRATION else None

    def active(self) -> list[Subscription]:
        """Subscribed domains not due to expire, in the order given."""
        self._expire(clock.utcnow())
        return [s for s in self._domains.values() if s.expires is None]

    def require(self, account_id: str) -> None:
        """Raise :class:`DashboardNotFound` unless the subscription runs (ACTIVE, or
        PENDING_EXPIRATION until the end of the month: it is paid for until then (?))."""
        if self.status() == DISABLED:
            raise DashboardNotFound(account_id=account_id)

    def require_domain(self, account_id: str, domain: str) -> Subscription:
        """The running subscription of ``domain`` (active or expiring); raises
        :class:`DashboardNotFound` or :class:`DomainNotSubscribed`."""
        self.require(account_id)
        for subscription in self.active() + self.expiring():
            if subscription.domain.lower() == domain.lower():
                return subscription
        raise DomainNotSubscribed(domain=domain)

    def expiring(self) -> list[Subscription]:
        """Subscribed domains that expire at the end of the month."""
        self._expire(clock.utcnow())
        return [s for s in self._domains.values() if s.expires is not None]


# -- what a test sets: placement and blacklists --------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Placement:
    """Where mail to one mailbox provider lands, in percent (inbox + spam + missing = 100)."""

    inbox: float = 100.0
    spam: float = 0.0
    missing: float = 0.0

    def split(self, count: int) -> tuple[int, int, int]:
        """``count`` messages as (inbox, spam, missing): spam and missing rounded down,
        the rest in the inbox, so the three always add up to ``count``."""
        spam = int(count * self.spam // 100)
        missing = int(count * self.missing // 100)
        return count - spam - missing, spam, missing


EVERYWHERE = Placement()  # the default: everything in the inbox


@dataclasses.dataclass(frozen=True, slots=True)
class BlacklistEntry:
    """One listing of an IP address or domain on a blocklist (the model's BlacklistEntry)."""

    rbl_name: str
    listing_time: _dt.datetime
    description: Optional[str] = None


class Observations:
    """What the test says the mailbox providers and blocklists saw (set through the handle)."""

    def __init__(self) -> None:
        self._placement: dict[Optional[str], Placement] = {}
        self.blacklists: dict[str, list[BlacklistEntry]] = {}

    def set_placement(self, placement: Placement, isp: Optional[str] = None) -> None:
        """Placement at ``isp`` (as insights.isp_of names it), or at every ISP with None
        (which also forgets what was set for single ISPs)."""
        if isp is None:
            self._placement = {None: placement}
        else:
            self._placement[isp.lower()] = placement

    def placement(self, isp: str) -> Placement:
        """Where mail to ``isp`` lands."""
        return self._placement.get(isp.lower()) or self._placement.get(None) or EVERYWHERE

    def list_on(self, item: str, entry: BlacklistEntry) -> None:
        self.blacklists.setdefault(item, []).append(entry)


# -- predictive inbox placement tests -------------------------------------------------------

#: The seed list: one mailbox at each provider the fake knows (insights.isp_of). SES does not
#: publish its seed addresses ("special email addresses spread across several major email
#: providers", CreateDeliverabilityTestReport, seed 001); these are fakeses' own (?).
SEED_LIST = (
    "placement-seed@gmail.com", "placement-seed@yahoo.com", "placement-seed@outlook.com",
    "placement-seed@icloud.com", "placement-seed@comcast.net", "placement-seed@web.de",
    "placement-seed@gmx.de",
)

#: "After about 24 hours, the test is complete" (CreateDeliverabilityTestReport, seed 001).
TEST_DURATION = _dt.timedelta(hours=24)
IN_PROGRESS, COMPLETED = "IN_PROGRESS", "COMPLETED"


@dataclasses.dataclass(slots=True)
class TestReport:
    """One predictive inbox placement test and the message it sent to the seed list."""

    report_id: str
    name: Optional[str]
    from_address: str
    created: _dt.datetime
    message: object  # the SentMessage recorded by the send path
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    #: Where the message landed at each seed mailbox's ISP, as set when the test ran.
    placements: dict[str, Placement] = dataclasses.field(default_factory=dict)

    @property
    def subject(self) -> Optional[str]:
        return getattr(self.message, "subject", None)

    def status(self) -> str:
        """COMPLETED once the fake's seed mailboxes have reported, which they do at once:
        the create call answers IN_PROGRESS (a test always starts running), every read after
        it COMPLETED; see docs/deliverability.md (?)."""
        return COMPLETED


class TestReports:
    """The account's predictive inbox placement tests, in the order created."""

    def __init__(self) -> None:
        self._reports: dict[str, TestReport] = {}

    def add(self, name: Optional[str], from_address: str, message: object,
            tags: list[tuple[str, str]], placements: dict[str, Placement]) -> TestReport:
        report = TestReport(ids.deliverability_report_id(), name, from_address, clock.utcnow(), message, tags,
                            placements)
        self._reports[report.report_id] = report
        return report

    def get(self, report_id: str) -> Optional[TestReport]:
        return self._reports.get(report_id)

    def require(self, report_id: str) -> TestReport:
        found = self._reports.get(report_id)
        if found is None:
            raise TestReportNotFound(report_id=report_id)
        return found

    def all(self) -> list[TestReport]:
        return list(self._reports.values())
