"""Tenants: v2 CreateTenant, GetTenant, DeleteTenant, ListTenants, the resource
associations and PutTenantSuppressionAttributes.

The rules and their sources are in fakeses/domain/tenants.py; sends through a tenant are
checked by fakeses/domain/sending.py.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, TypeVar

from ..domain import pages, reputation
from ..domain.errors import BadRequest
from ..domain.state import Backend
from ..domain.tenants import (
    RESOURCE_TYPES,
    Association,
    Tenant,
    check_name,
    suppression_attributes,
)
from . import operation
from .tags import given, listing

T = TypeVar("T")

#: Page size when none is given, and the most served: the model's MaxItems has no bound
#: and the reference gives no default (?).
MAX_PAGE = 1000


def _size(page_size: Optional[int]) -> int:
    if page_size is not None and page_size < 1:
        # floci PR #2710 (probed): the service's validation wording.
        raise BadRequest(message=(f"1 validation error detected: Value '{page_size}' at 'pageSize' failed to "
                                  "satisfy constraint: Member must have value greater than or equal to 1"))
    return MAX_PAGE if page_size is None else min(page_size, MAX_PAGE)


def page(items: Sequence[T], token: Optional[str], size: int) -> tuple[list[T], Optional[str]]:
    """One page of a tenant or reputation listing. A token SES cannot read: "Invalid Next
    Token" (floci PR #2710, probed against AWS)."""
    try:
        return pages.page(items, token, size)
    except pages.InvalidToken:
        raise BadRequest(message="Invalid Next Token") from None


def _suppression(tenant: Tenant) -> dict[str, Any]:
    if tenant.suppression is None:
        return {}
    reasons, scope = tenant.suppression
    return {"SuppressionAttributes": {"SuppressedReasons": list(reasons), "SuppressionScope": scope}}


def _tenant(backend: Backend, tenant: Tenant) -> dict[str, Any]:
    return {"TenantName": tenant.name, "TenantId": tenant.id, "TenantArn": tenant.arn,
            "CreatedTimestamp": tenant.created, "Tags": listing(tenant.tags),
            "SendingStatus": reputation.entity_of(backend, tenant).aggregate, **_suppression(tenant)}


@operation("sesv2", "CreateTenant")
def create_tenant(backend: Backend, *, TenantName: str, Tags: Optional[list[dict[str, str]]] = None,
                  SuppressionAttributes: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    # Checked in SES's order: the name, the tags, the suppression pair (floci PR #2644, #2743).
    check_name(TenantName, create=True)
    tags = given(Tags)
    attributes = SuppressionAttributes or {}
    suppression = suppression_attributes(attributes.get("SuppressedReasons"), attributes.get("SuppressionScope"))
    return _tenant(backend, backend.tenants.create(TenantName, tags, suppression))


@operation("sesv2", "GetTenant")
def get_tenant(backend: Backend, *, TenantName: str) -> dict[str, Any]:
    return {"Tenant": _tenant(backend, backend.tenants.require(TenantName))}


@operation("sesv2", "DeleteTenant")
def delete_tenant(backend: Backend, *, TenantName: str) -> dict[str, Any]:
    backend.tenants.delete(TenantName)
    return {}


@operation("sesv2", "ListTenants")
def list_tenants(backend: Backend, *, Filter: Optional[dict[str, str]] = None, NextToken: Optional[str] = None,
                 PageSize: Optional[int] = None) -> dict[str, Any]:
    size = _size(PageSize)
    chosen = Filter or {}
    contains, status = chosen.get("TENANT_NAME_CONTAINS"), chosen.get("SENDING_STATUS")
    found = [t for t in backend.tenants if contains is None or contains in t.name]
    if status is not None:
        found = [t for t in found if reputation.entity_of(backend, t).aggregate == status]
    # Oldest first (floci PR #2644: creation time, then name).
    found.sort(key=lambda t: (t.created, t.name))
    items, token = page(found, NextToken, size)
    # TenantInfo: name, id, ARN, creation time (the model's shape; floci's review of PR #2644).
    return {"Tenants": [{"TenantName": t.name, "TenantId": t.id, "TenantArn": t.arn,
                         "CreatedTimestamp": t.created} for t in items], "NextToken": token}


@operation("sesv2", "PutTenantSuppressionAttributes")
def put_tenant_suppression_attributes(backend: Backend, *, TenantName: str,
                                      SuppressedReasons: Optional[list[str]] = None,
                                      SuppressionScope: Optional[str] = None) -> dict[str, Any]:
    # The request is checked before the tenant is looked up (floci PR #2743, probed); both
    # members absent clear the settings (developer guide).
    check_name(TenantName)
    suppression = suppression_attributes(SuppressedReasons, SuppressionScope)
    backend.tenants.require(TenantName).suppression = suppression
    return {}


# -- resource associations -----------------------------------------------------------------

@operation("sesv2", "CreateTenantResourceAssociation")
def create_tenant_resource_association(backend: Backend, *, TenantName: str, ResourceArn: str) -> dict[str, Any]:
    backend.tenants.associate(TenantName, ResourceArn)
    return {}


@operation("sesv2", "DeleteTenantResourceAssociation")
def delete_tenant_resource_association(backend: Backend, *, TenantName: str, ResourceArn: str) -> dict[str, Any]:
    backend.tenants.disassociate(TenantName, ResourceArn)
    return {}


def _resource(association: Association) -> dict[str, Any]:
    return {"ResourceType": RESOURCE_TYPES[association.kind], "ResourceArn": association.arn}


@operation("sesv2", "ListTenantResources")
def list_tenant_resources(backend: Backend, *, TenantName: str, Filter: Optional[dict[str, str]] = None,
                          PageSize: Optional[int] = None, NextToken: Optional[str] = None) -> dict[str, Any]:
    size = _size(PageSize)
    kind = None
    wanted = (Filter or {}).get("RESOURCE_TYPE")
    if wanted is not None:
        by_enum = {enum: segment for segment, enum in RESOURCE_TYPES.items()}
        kind = wanted if wanted in RESOURCE_TYPES else by_enum.get(wanted)
        if kind is None:
            raise BadRequest(message=f"Invalid resource type {wanted} specified.")  # floci PR #2710, probed
    items, token = page(backend.tenants.resources(TenantName, kind), NextToken, size)
    return {"TenantResources": [_resource(a) for a in items], "NextToken": token}


@operation("sesv2", "ListResourceTenants")
def list_resource_tenants(backend: Backend, *, ResourceArn: str, PageSize: Optional[int] = None,
                          NextToken: Optional[str] = None) -> dict[str, Any]:
    size = _size(PageSize)
    items, token = page(backend.tenants.tenants_of(ResourceArn), NextToken, size)
    return {"ResourceTenants": [{"TenantName": t.name, "TenantId": t.id, "ResourceArn": a.arn,
                                 "AssociatedTimestamp": a.at} for t, a in items], "NextToken": token}
