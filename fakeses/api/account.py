"""Account: v1 GetSendQuota/GetSendStatistics/*AccountSendingEnabled, v2 GetAccount/PutAccount*.

Sources: docs/_research/foundation.md G30-G36.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import ids
from ..domain.errors import Conflict
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
    out: dict[str, Any] = {
        # Recorded key set and values of a real account (VA notification-api#356; G32).
        "DedicatedIpAutoWarmupEnabled": account.dedicated_ip_auto_warmup,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": account.production_access,
        "SendQuota": get_send_quota(backend),
        "SendingEnabled": account.sending_enabled,
        "SuppressionAttributes": {"SuppressedReasons": list(account.suppressed_reasons)},
    }
    if account.details is not None:  # only after PutAccountDetails (G32)
        out["Details"] = dict(account.details, ReviewDetails=account.review) if account.review else account.details
    return out


@operation("sesv2", "PutAccountSendingAttributes")
def put_account_sending_attributes(backend: Backend, *, SendingEnabled: Optional[bool] = None) -> dict[str, Any]:
    backend.account.sending_enabled = bool(SendingEnabled)
    return {}


@operation("sesv2", "PutAccountDetails")
def put_account_details(
    backend: Backend, *, MailType: str, WebsiteURL: str, ContactLanguage: Optional[str] = None,
    UseCaseDescription: Optional[str] = None, AdditionalContactEmailAddresses: Optional[list[str]] = None,
    ProductionAccessEnabled: Optional[bool] = None,
) -> dict[str, Any]:
    account = backend.account
    if account.review is not None and account.review["Status"] == "PENDING":
        # A review under way: 409 with no message (aws/aws-cli#6652; G34).
        raise Conflict(message="")
    details: dict[str, Any] = {"MailType": MailType, "WebsiteURL": WebsiteURL}
    if ContactLanguage is not None:
        details["ContactLanguage"] = ContactLanguage
    if UseCaseDescription is not None:
        details["UseCaseDescription"] = UseCaseDescription
    if AdditionalContactEmailAddresses is not None:
        details["AdditionalContactEmailAddresses"] = list(AdditionalContactEmailAddresses)
    account.details = details
    if ProductionAccessEnabled and not account.production_access:
        # Asking for production access opens a review case (seed 000); the fake keeps it
        # PENDING until the test grants it (handle.backend().account.grant_production_access()).
        account.review = {"Status": "PENDING", "CaseId": ids.request_id().replace("-", "")[:16]}
    return {}
