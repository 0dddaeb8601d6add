"""Multi-region endpoints (global endpoints): v2 CreateMultiRegionEndpoint,
GetMultiRegionEndpoint, DeleteMultiRegionEndpoint and ListMultiRegionEndpoints.

Sends through one (``EndpointId`` of SendEmail and SendBulkEmail) are routed in
fakeses/api/sending.py and fakeses/api/templated.py; SES's rules and their sources are
in fakeses/domain/multi_region.py.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.multi_region import MultiRegionEndpoint
from ..domain.state import Backend
from ..partitions import ses_regions
from . import operation
from .tags import given


def _summary(endpoint: MultiRegionEndpoint) -> dict[str, Any]:
    return {"EndpointName": endpoint.name, "Status": endpoint.status, "EndpointId": endpoint.endpoint_id,
            "Regions": endpoint.regions, "CreatedTimestamp": endpoint.created_at,
            "LastUpdatedTimestamp": endpoint.updated_at}


@operation("sesv2", "CreateMultiRegionEndpoint")
def create_multi_region_endpoint(backend: Backend, *, EndpointName: str, Details: dict[str, Any],
                                 Tags: Optional[list[dict[str, str]]] = None) -> dict[str, Any]:
    endpoint = backend.multi_region_endpoints.create(
        EndpointName, backend.region, Details.get("RoutesDetails") or [], given(Tags),
        partition=ses_regions(backend.region))
    return {"Status": endpoint.status, "EndpointId": endpoint.endpoint_id}


@operation("sesv2", "GetMultiRegionEndpoint")
def get_multi_region_endpoint(backend: Backend, *, EndpointName: str) -> dict[str, Any]:
    endpoint = backend.multi_region_endpoints.require(EndpointName)
    return {"EndpointName": endpoint.name, "EndpointId": endpoint.endpoint_id,
            "Routes": [{"Region": region} for region in endpoint.regions], "Status": endpoint.status,
            "CreatedTimestamp": endpoint.created_at, "LastUpdatedTimestamp": endpoint.updated_at}


@operation("sesv2", "DeleteMultiRegionEndpoint")
def delete_multi_region_endpoint(backend: Backend, *, EndpointName: str) -> dict[str, Any]:
    return {"Status": backend.multi_region_endpoints.delete(EndpointName).status}


@operation("sesv2", "ListMultiRegionEndpoints")
def list_multi_region_endpoints(backend: Backend, *, NextToken: Optional[str] = None,
                                PageSize: Optional[int] = None) -> dict[str, Any]:
    found, token = backend.multi_region_endpoints.listed(NextToken, PageSize)
    return {"MultiRegionEndpoints": [_summary(endpoint) for endpoint in found], "NextToken": token}
