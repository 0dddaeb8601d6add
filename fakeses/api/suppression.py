"""The account-level suppression list and the tenants' lists (TenantName): v2 Put/Get/Delete/ListSuppressedDestination(s) and
PutAccountSuppressionAttributes (GetAccount reports the attributes: api/account.py).

Sources: seed 001 (v2 reference), fakeses/domain/suppression.py, docs/fidelity.md
"Suppression list".
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.errors import InvalidAddress, SuppressedDestinationNotFound
from ..domain.state import Backend
from ..domain.suppression import SuppressedDestination, SuppressionList
from ..mail import addresses
from . import operation

#: ListSuppressedDestinations' page size when none is given, and the most it serves: the
#: model's MaxItems has no bound, the reference gives no default; taken to be 1000 as for
#: ListEmailIdentities (?). A larger PageSize is served 1000 (?).
MAX_PAGE = 1000


def _list(backend: Backend, name: Optional[str]) -> SuppressionList:
    """The list a TenantName names: the tenant's own (whatever its scope: "The tenant's
    SuppressionScope does not gate the list operations", floci PR #2743, probed), or the
    account's when none is given (model docs). An unknown tenant: NotFoundException."""
    if name is None:
        return backend.suppression
    return backend.tenants.require(name).suppressed


def _checked(address: str) -> str:
    """PutSuppressedDestination's address, bare (a display name dropped (?)), refused as v2
    refuses an address it cannot parse ("Invalid email address <addr>.", G39) (?: not
    recorded for this operation)."""
    try:
        return addresses.check(address)
    except addresses.AddressError as error:
        raise InvalidAddress(reason=str(error), address=address) from None


def _destination(entry: SuppressedDestination, tenant: Optional[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"EmailAddress": entry.email_address, "Reason": entry.reason,
                           "LastUpdateTime": entry.last_update_time}
    if tenant is not None:
        # "present only when the suppressed destination is on a tenant's suppression list" (model)
        out["TenantName"] = tenant
    attributes = {k: v for k, v in (("MessageId", entry.message_id), ("FeedbackId", entry.feedback_id)) if v}
    if attributes:
        out["Attributes"] = attributes
    return out


@operation("sesv2", "PutSuppressedDestination")
def put_suppressed_destination(backend: Backend, *, EmailAddress: str, Reason: str,
                               TenantName: Optional[str] = None) -> dict[str, Any]:
    listed = _list(backend, TenantName)
    # Putting an address already listed replaces its reason and LastUpdateTime (?).
    listed.put(_checked(EmailAddress), Reason)
    return {}


@operation("sesv2", "GetSuppressedDestination")
def get_suppressed_destination(backend: Backend, *, EmailAddress: str,
                               TenantName: Optional[str] = None) -> dict[str, Any]:
    found = _list(backend, TenantName).get(EmailAddress)
    if found is None:
        raise SuppressedDestinationNotFound(address=EmailAddress.strip())
    return {"SuppressedDestination": _destination(found, TenantName)}


@operation("sesv2", "DeleteSuppressedDestination")
def delete_suppressed_destination(backend: Backend, *, EmailAddress: str,
                                  TenantName: Optional[str] = None) -> dict[str, Any]:
    if not _list(backend, TenantName).delete(EmailAddress):
        raise SuppressedDestinationNotFound(address=EmailAddress.strip())
    return {}


@operation("sesv2", "ListSuppressedDestinations")
def list_suppressed_destinations(
    backend: Backend, *, Reasons: Optional[list[str]] = None, StartDate: Any = None, EndDate: Any = None,
    NextToken: Optional[str] = None, PageSize: Optional[int] = None, TenantName: Optional[str] = None,
) -> dict[str, Any]:
    suppressed = _list(backend, TenantName)
    chosen = sorted(set(Reasons or ()))
    listed = suppressed.listing(chosen, StartDate, EndDate)
    size = MAX_PAGE if PageSize is None else min(max(PageSize, 1), MAX_PAGE)  # (?)
    scope = ",".join(chosen) + f"|{StartDate}|{EndDate}|{TenantName}"
    items, token = suppressed.page(listed, NextToken, size, scope)
    return {
        "SuppressedDestinationSummaries": [
            {"EmailAddress": e.email_address, "LastUpdateTime": e.last_update_time, "Reason": e.reason}
            for e in items
        ],
        "NextToken": token,
    }


@operation("sesv2", "PutAccountSuppressionAttributes")
def put_account_suppression_attributes(
    backend: Backend, *, SuppressedReasons: Optional[list[str]] = None,
    ValidationAttributes: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    # Omitted reasons are an empty list, which turns the list off; an explicit empty list
    # too (floci PR #853, verified against SES). Each reason once, in the order given (?).
    backend.account.suppressed_reasons = list(dict.fromkeys(SuppressedReasons or ()))
    if ValidationAttributes is not None:
        backend.suppression.validation_attributes = ValidationAttributes
    return {}
