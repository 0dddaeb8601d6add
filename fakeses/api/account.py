"""Account: v1 GetSendQuota/GetSendStatistics/*AccountSendingEnabled, v2 GetAccount/PutAccount*.

Sources: docs/_research/foundation.md G30-G36.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.deliverability import Subscription
from ..domain.identities import DOMAIN
from ..domain.state import Backend
from . import operation


@operation("ses", "GetSendQuota")
def get_send_quota(backend: Backend) -> dict[str, Any]:
    account = backend.account
    return {
        "Max24HourSend": account.max_24_hour_send,
        "MaxSendRate": account.max_send_rate,
        "SentLast24Hours": account.sent_last_24_hours(),
    }


@operation("ses", "GetSendStatistics")
def get_send_statistics(backend: Backend) -> dict[str, Any]:
    return {
        "SendDataPoints": [
            {
                "Timestamp": when,
                "DeliveryAttempts": stats.delivery_attempts,
                "Bounces": stats.bounces,
                "Complaints": stats.complaints,
                "Rejects": stats.rejects,
            }
            for when, stats in backend.account.data_points()
        ]
    }


@operation("ses", "GetAccountSendingEnabled")
def get_account_sending_enabled(backend: Backend) -> dict[str, Any]:
    return {"Enabled": backend.account.sending_enabled}


@operation("ses", "UpdateAccountSendingEnabled")
def update_account_sending_enabled(backend: Backend, *, Enabled: Optional[bool] = None) -> dict[str, Any]:
    # The member is optional in the model; absent means false, as for the v2 door.
    backend.account.sending_enabled = bool(Enabled)
    return {}


@operation("sesv2", "GetAccount")
def get_account(backend: Backend) -> dict[str, Any]:
    account = backend.account
    # Recorded key set and values of a real account (VA notification-api#356; G32);
    # a sandbox account differs in ProductionAccessEnabled and SendQuota (F3).
    return {
        "DedicatedIpAutoWarmupEnabled": account.dedicated_ip_auto_warmup,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": account.production_access,
        "SendQuota": get_send_quota(backend),
        "SendingEnabled": account.sending_enabled,
        "SuppressionAttributes": _suppression_attributes(backend),
        "Details": account.account_details(),  # None (left out) until PutAccountDetails (G32)
        # The settings below are left out until first put (fakeses/domain/account.py).
        "VdmAttributes": account.vdm_attributes(),
        "PricingAttributes": account.pricing_attributes(),
        "DeliveryAttributes": (None if account.shared_pool_delivery_mode is None
                               else {"SharedPoolDeliveryMode": account.shared_pool_delivery_mode}),
    }


def _suppression_attributes(backend: Backend) -> dict[str, Any]:
    """The account's suppression settings (PutAccountSuppressionAttributes; api/suppression.py)."""
    out: dict[str, Any] = {"SuppressedReasons": list(backend.account.suppressed_reasons)}
    if backend.suppression.validation_attributes is not None:
        out["ValidationAttributes"] = backend.suppression.validation_attributes
    return out


@operation("sesv2", "PutAccountSendingAttributes")
def put_account_sending_attributes(backend: Backend, *, SendingEnabled: Optional[bool] = None) -> dict[str, Any]:
    # Optional in the model; absent means false, as for the v1 door.
    backend.account.sending_enabled = bool(SendingEnabled)
    return {}


@operation("sesv2", "PutAccountDetails")
def put_account_details(
    backend: Backend, *, MailType: str, WebsiteURL: str, ContactLanguage: Optional[str] = None,
    UseCaseDescription: Optional[str] = None, AdditionalContactEmailAddresses: Optional[list[str]] = None,
    ProductionAccessEnabled: Optional[bool] = None,
) -> dict[str, Any]:
    details: dict[str, Any] = {
        "MailType": MailType, "WebsiteURL": WebsiteURL, "ContactLanguage": ContactLanguage,
        "UseCaseDescription": UseCaseDescription,
        "AdditionalContactEmailAddresses": AdditionalContactEmailAddresses,
    }
    backend.account.put_details(
        {k: v for k, v in details.items() if v is not None},
        request_production_access=bool(ProductionAccessEnabled),
    )
    return {}


# -- account settings (v2) --------------------------------------------------------------------

@operation("sesv2", "PutAccountVdmAttributes")
def put_account_vdm_attributes(backend: Backend, *, VdmAttributes: dict[str, Any]) -> dict[str, Any]:
    backend.account.put_vdm(VdmAttributes["VdmEnabled"],
                            (VdmAttributes.get("DashboardAttributes") or {}).get("EngagementMetrics"),
                            (VdmAttributes.get("GuardianAttributes") or {}).get("OptimizedSharedDelivery"))
    return {}


@operation("sesv2", "PutAccountDedicatedIpWarmupAttributes")
def put_account_dedicated_ip_warmup_attributes(backend: Backend, *,
                                               AutoWarmupEnabled: Optional[bool] = None) -> dict[str, Any]:
    # Optional in the model; absent means false, as for the other v2 switches (?).
    backend.account.dedicated_ip_auto_warmup = bool(AutoWarmupEnabled)
    return {}


@operation("sesv2", "PutAccountDeliveryAttributes")
def put_account_delivery_attributes(backend: Backend, *, SharedPoolDeliveryMode: str) -> dict[str, Any]:
    backend.account.shared_pool_delivery_mode = SharedPoolDeliveryMode
    return {}


@operation("sesv2", "PutAccountPricingAttributes")
def put_account_pricing_attributes(backend: Backend, *, Plan: str) -> dict[str, Any]:
    backend.account.put_plan(Plan)
    return {}


@operation("sesv2", "PutDeliverabilityDashboardOption")
def put_deliverability_dashboard_option(
    backend: Backend, *, DashboardEnabled: bool, SubscribedDomains: Optional[list[dict[str, Any]]] = None,
) -> dict[str, Any]:
    identities = backend.identities

    def verified_domain(domain: str) -> bool:
        found = identities.get(domain)
        return found is not None and found.kind == DOMAIN and found.verified

    backend.account.dashboard.put(DashboardEnabled, SubscribedDomains or [], verified_domain)
    return {}


def _subscriptions(subscriptions: list[Subscription]) -> list[dict[str, Any]]:
    out = []
    for s in subscriptions:
        item: dict[str, Any] = {"Domain": s.domain, "SubscriptionStartDate": s.start}
        if s.inbox_placement is not None:
            item["InboxPlacementTrackingOption"] = s.inbox_placement
        out.append(item)
    return out


@operation("sesv2", "GetDeliverabilityDashboardOptions")
def get_deliverability_dashboard_options(backend: Backend) -> dict[str, Any]:
    dashboard = backend.account.dashboard
    return {
        "DashboardEnabled": dashboard.enabled,
        "AccountStatus": dashboard.status(),
        "SubscriptionExpiryDate": dashboard.expires,
        "ActiveSubscribedDomains": _subscriptions(dashboard.active()),
        "PendingExpirationSubscribedDomains": _subscriptions(dashboard.expiring()),
    }
