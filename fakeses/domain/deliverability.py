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

from . import clock
from .errors import BadRequest, NotFound

ACTIVE, PENDING_EXPIRATION, DISABLED = "ACTIVE", "PENDING_EXPIRATION", "DISABLED"


class DashboardDomainNotVerified(NotFound):
    # SubscribedDomains are "verified domain[s] that you use to send email" (the model's
    # documentation); an unknown or unverified one is taken to be NotFoundException (?).
    fmt = "Domain {domain} is not a verified domain identity in this account."


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

    def expiring(self) -> list[Subscription]:
        """Subscribed domains that expire at the end of the month."""
        self._expire(clock.utcnow())
        return [s for s in self._domains.values() if s.expires is not None]
