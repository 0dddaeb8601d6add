"""Account-level settings and counters of one (account, region).

Quotas: a sandbox account reports ``Max24HourSend: 200.0, MaxSendRate: 1.0``
(recorded in LocalStack's AWS snapshot, fact F3). A production account starts at
50,000 messages a day and 14 a second, the quota AWS grants on moving out of the
sandbox (SES developer guide, "manage-sending-quotas").
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as _dt
from typing import TYPE_CHECKING, Any, Optional

from . import clock, ids
from .errors import Conflict

if TYPE_CHECKING:
    from .deliverability import Dashboard

SANDBOX_QUOTA = (200.0, 1.0)
PRODUCTION_QUOTA = (50000.0, 14.0)
_DAY = 24 * 3600
_BUCKET = 15 * 60  # GetSendStatistics reports 15-minute intervals (v1 API reference).
_TWO_WEEKS = 14 * _DAY


@dataclasses.dataclass
class Stats:
    delivery_attempts: int = 0
    bounces: int = 0
    complaints: int = 0
    rejects: int = 0


class Account:
    """Sending switch, sandbox/production access, quota and statistics."""

    def __init__(self, sandbox: bool) -> None:
        self.sending_enabled = True
        self.production_access = not sandbox
        self.max_24_hour_send, self.max_send_rate = SANDBOX_QUOTA if sandbox else PRODUCTION_QUOTA
        self.details: Optional[dict[str, Any]] = None
        self.review: Optional[dict[str, Any]] = None
        self.suppressed_reasons: list[str] = ["BOUNCE", "COMPLAINT"]
        self.dedicated_ip_auto_warmup = True  # recorded value (G32)
        #: PutAccountVdmAttributes: (VdmEnabled, EngagementMetrics, OptimizedSharedDelivery);
        #: None until first put, and GetAccount then leaves VdmAttributes out (floci PR
        #: #2265, confirmed against AWS in regions never configured).
        self.vdm: Optional[tuple[str, str, str]] = None
        #: PutAccountDeliveryAttributes' SharedPoolDeliveryMode; None until put (?).
        self.shared_pool_delivery_mode: Optional[str] = None
        self._plan: Optional[str] = None  # pricing plan in force; None: never set (?)
        self._next_plan: Optional[tuple[str, _dt.datetime]] = None  # (plan, from when)
        self._dashboard: Optional[Dashboard] = None
        self._recent: collections.deque[tuple[float, int]] = collections.deque()
        self._recent_total = 0  # the sum of the counts in _recent, kept as they come and go
        self._buckets: dict[int, Stats] = {}

    @property
    def sandbox(self) -> bool:
        return not self.production_access

    # -- counters ---------------------------------------------------------------------
    def sent_last_24_hours(self, now: Optional[float] = None) -> float:
        now = clock.now() if now is None else now
        recent = self._recent
        while recent and recent[0][0] <= now - _DAY:
            self._recent_total -= recent.popleft()[1]
        return float(self._recent_total)

    def would_exceed_quota(self, recipients: int) -> bool:
        if self.max_24_hour_send < 0:  # -1 means no daily limit (seed 003, GetSendQuota)
            return False
        return self.sent_last_24_hours() + recipients > self.max_24_hour_send

    def count_send(self, counted: int, attempts: int, now: Optional[float] = None) -> None:
        """``counted`` recipients count against the quota; ``attempts`` are delivery attempts."""
        now = clock.now() if now is None else now
        if counted:
            self._recent.append((now, counted))
            self._recent_total += counted
        bucket = int(now // _BUCKET) * _BUCKET
        stats = self._buckets.get(bucket)
        if stats is None:
            stats = self._buckets[bucket] = Stats()
        stats.delivery_attempts += attempts

    def count_outcome(self, *, bounces: int = 0, complaints: int = 0, rejects: int = 0,
                      now: Optional[float] = None) -> None:
        """Record bounces, complaints and rejects in GetSendStatistics' interval of ``now``."""
        now = clock.now() if now is None else now
        bucket = int(now // _BUCKET) * _BUCKET
        stats = self._buckets.setdefault(bucket, Stats())
        stats.bounces += bounces
        stats.complaints += complaints
        stats.rejects += rejects

    def data_points(self, now: Optional[float] = None) -> list[tuple[_dt.datetime, Stats]]:
        now = clock.now() if now is None else now
        return [
            (_dt.datetime.fromtimestamp(start, _dt.timezone.utc), stats)
            for start, stats in sorted(self._buckets.items())
            if start > now - _TWO_WEEKS
        ]

    # -- changes ----------------------------------------------------------------------
    def put_details(self, details: dict[str, Any], *, request_production_access: bool = False) -> None:
        """PutAccountDetails: store the details; asking for production access opens a review.

        Raises :class:`Conflict` (409, no message) while a review is pending or after a
        denial (recorded: aws/aws-cli#6652, G34; model doc, seed 000).
        """
        if self.review is not None and self.review["Status"] in ("PENDING", "DENIED"):
            raise Conflict(message="")
        self.details = dict(details)
        if request_production_access and not self.production_access:
            # The fake keeps the case PENDING until the test decides it
            # (grant_production_access / deny_production_access on the backend's account).
            self.review = {"Status": "PENDING", "CaseId": ids.request_id().replace("-", "")[:16]}

    def grant_production_access(self) -> None:
        """What AWS does when it approves a request for production access."""
        self.production_access = True
        if self.review is not None:
            self.review = dict(self.review, Status="GRANTED")
        self.max_24_hour_send, self.max_send_rate = PRODUCTION_QUOTA

    def deny_production_access(self) -> None:
        """What AWS does when it turns a request for production access down."""
        if self.review is not None:
            self.review = dict(self.review, Status="DENIED")

    # -- settings (v2 PutAccount*Attributes) ------------------------------------------------
    def put_vdm(self, enabled: str, engagement_metrics: Optional[str], optimized_shared_delivery: Optional[str]) -> None:
        """PutAccountVdmAttributes: the whole setting is replaced; a switch left out is
        DISABLED, VDM being opt-in (floci PR #2265) (?)."""
        self.vdm = (enabled, engagement_metrics or "DISABLED", optimized_shared_delivery or "DISABLED")

    def vdm_attributes(self) -> Optional[dict[str, Any]]:
        """GetAccount ``VdmAttributes``: absent until configured; the Dashboard and Guardian
        switches only while VDM is ENABLED (floci PR #2265, confirmed against AWS)."""
        if self.vdm is None:
            return None
        enabled, engagement, shared = self.vdm
        out: dict[str, Any] = {"VdmEnabled": enabled}
        if enabled == "ENABLED":
            out["DashboardAttributes"] = {"EngagementMetrics": engagement}
            out["GuardianAttributes"] = {"OptimizedSharedDelivery": shared}
        return out

    def put_plan(self, plan: str) -> None:
        """PutAccountPricingAttributes: a change of plan is scheduled for the start of the
        next monthly cycle (``NextPlan``: "the pricing plan that will become active at the
        start of the next monthly cycle", the model's PricingAttributes) (?). Asking for
        the plan in force cancels a scheduled change (?)."""
        current = self.pricing_attributes()
        in_force = current["CurrentPlan"] if current is not None else "NONE"
        if plan == in_force:
            self._plan, self._next_plan = in_force, None
            return
        from .deliverability import end_of_month

        self._plan = in_force
        self._next_plan = (plan, end_of_month(clock.utcnow()))

    def pricing_attributes(self) -> Optional[dict[str, Any]]:
        """GetAccount ``PricingAttributes``: absent until a plan is put (?); a scheduled plan
        becomes the current one when the clock reaches the next month."""
        if self._plan is None:
            return None
        if self._next_plan is not None and clock.utcnow() >= self._next_plan[1]:
            self._plan, self._next_plan = self._next_plan[0], None
        out: dict[str, Any] = {"CurrentPlan": self._plan}
        if self._next_plan is not None:
            out["NextPlan"] = self._next_plan[0]
        return out

    @property
    def dashboard(self) -> Dashboard:
        """The Deliverability dashboard subscription (fakeses/domain/deliverability.py)."""
        if self._dashboard is None:
            from .deliverability import Dashboard

            self._dashboard = Dashboard()
        return self._dashboard

    def account_details(self) -> Optional[dict[str, Any]]:
        """GetAccount ``Details``: absent until PutAccountDetails (G32), with the review if any."""
        if self.details is None:
            return None
        if self.review is None:
            return dict(self.details)
        return dict(self.details, ReviewDetails=dict(self.review))
