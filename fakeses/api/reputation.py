"""Reputation entities: v2 GetReputationEntity, ListReputationEntities,
UpdateReputationEntityCustomerManagedStatus and UpdateReputationEntityPolicy.

What an entity is and how its statuses follow its traffic: fakeses/domain/reputation.py.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import reputation
from ..domain.state import Backend
from ..domain.tenants import StatusRecord
from . import operation
from .tenants import _size, page


def _status(record: StatusRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"Status": record.status, "LastUpdatedTimestamp": record.at}
    if record.cause:
        out["Cause"] = record.cause
    return out


def _entity(entity: reputation.Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ReputationEntityReference": entity.reference, "ReputationEntityType": "RESOURCE",
        "ReputationManagementPolicy": entity.policy, "CustomerManagedStatus": _status(entity.customer),
        "AwsSesManagedStatus": _status(entity.aws), "SendingStatusAggregate": entity.aggregate,
    }
    if entity.impact is not None:
        out["ReputationImpact"] = entity.impact
    return out


@operation("sesv2", "GetReputationEntity")
def get_reputation_entity(backend: Backend, *, ReputationEntityReference: str,
                          ReputationEntityType: str) -> dict[str, Any]:
    tenant = reputation.require(backend, ReputationEntityType, ReputationEntityReference)
    return {"ReputationEntity": _entity(reputation.entity_of(backend, tenant))}


@operation("sesv2", "ListReputationEntities")
def list_reputation_entities(backend: Backend, *, Filter: Optional[dict[str, str]] = None,
                             NextToken: Optional[str] = None, PageSize: Optional[int] = None) -> dict[str, Any]:
    size = _size(PageSize)
    chosen = Filter or {}
    found = reputation.entities(backend)
    if "ENTITY_TYPE" in chosen:
        found = [e for e in found if chosen["ENTITY_TYPE"] == "RESOURCE"]
    if "REPUTATION_IMPACT" in chosen:
        found = [e for e in found if e.impact == chosen["REPUTATION_IMPACT"]]
    if "SENDING_STATUS" in chosen:
        found = [e for e in found if e.aggregate == chosen["SENDING_STATUS"]]
    if "ENTITY_REFERENCE_PREFIX" in chosen:
        found = [e for e in found if e.reference.startswith(chosen["ENTITY_REFERENCE_PREFIX"])]
    items, token = page(found, NextToken, size)
    return {"ReputationEntities": [_entity(e) for e in items], "NextToken": token}


@operation("sesv2", "UpdateReputationEntityCustomerManagedStatus")
def update_reputation_entity_customer_managed_status(backend: Backend, *, ReputationEntityType: str,
                                                     ReputationEntityReference: str,
                                                     SendingStatus: str) -> dict[str, Any]:
    reputation.set_customer_status(backend, ReputationEntityType, ReputationEntityReference, SendingStatus)
    return {}


@operation("sesv2", "UpdateReputationEntityPolicy")
def update_reputation_entity_policy(backend: Backend, *, ReputationEntityType: str, ReputationEntityReference: str,
                                    ReputationEntityPolicy: str) -> dict[str, Any]:
    reputation.set_policy(backend, ReputationEntityType, ReputationEntityReference, ReputationEntityPolicy)
    return {}
