"""Dedicated IPs and dedicated IP pools (v2 only): one short handler per operation, on
``backend.dedicated_ips`` (fakeses/domain/dedicated_ips.py, where SES's rules and their
sources are listed). A test gives the account dedicated IPs through the handle
(``fake.provision_dedicated_ips``), as SES allocates them on request.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.dedicated_ips import DedicatedIp
from ..domain.state import Backend
from . import operation
from .tags import given


def _ip_out(ip: DedicatedIp) -> dict[str, Any]:
    return {"Ip": ip.ip, "WarmupStatus": ip.warmup_status, "WarmupPercentage": ip.warmup_percentage,
            "PoolName": ip.pool}


@operation("sesv2", "CreateDedicatedIpPool")
def create_dedicated_ip_pool(backend: Backend, *, PoolName: str, Tags: Optional[list[dict[str, str]]] = None,
                             ScalingMode: Optional[str] = None) -> dict[str, Any]:
    backend.dedicated_ips.create(PoolName, ScalingMode, tags=given(Tags))
    return {}


@operation("sesv2", "GetDedicatedIpPool")
def get_dedicated_ip_pool(backend: Backend, *, PoolName: str) -> dict[str, Any]:
    found = backend.dedicated_ips.require(PoolName)
    # Only PoolName and ScalingMode, no tags (floci PR #1421, probed; the model's DedicatedIpPool).
    return {"DedicatedIpPool": {"PoolName": found.name, "ScalingMode": found.scaling_mode}}


@operation("sesv2", "DeleteDedicatedIpPool")
def delete_dedicated_ip_pool(backend: Backend, *, PoolName: str) -> dict[str, Any]:
    backend.dedicated_ips.delete(PoolName)
    return {}


@operation("sesv2", "ListDedicatedIpPools")
def list_dedicated_ip_pools(backend: Backend, *, NextToken: Optional[str] = None,
                            PageSize: Optional[int] = None) -> dict[str, Any]:
    names, following = backend.dedicated_ips.page(NextToken, PageSize)
    return {"DedicatedIpPools": names, "NextToken": following}


@operation("sesv2", "PutDedicatedIpPoolScalingAttributes")
def put_dedicated_ip_pool_scaling_attributes(backend: Backend, *, PoolName: str, ScalingMode: str) -> dict[str, Any]:
    backend.dedicated_ips.set_scaling_mode(PoolName, ScalingMode)
    return {}


@operation("sesv2", "GetDedicatedIp")
def get_dedicated_ip(backend: Backend, *, Ip: str) -> dict[str, Any]:
    return {"DedicatedIp": _ip_out(backend.dedicated_ips.ip(Ip))}


@operation("sesv2", "GetDedicatedIps")
def get_dedicated_ips(backend: Backend, *, PoolName: Optional[str] = None, NextToken: Optional[str] = None,
                      PageSize: Optional[int] = None) -> dict[str, Any]:
    ips, following = backend.dedicated_ips.page_ips(PoolName, NextToken, PageSize)
    return {"DedicatedIps": [_ip_out(ip) for ip in ips], "NextToken": following}


@operation("sesv2", "PutDedicatedIpInPool")
def put_dedicated_ip_in_pool(backend: Backend, *, Ip: str, DestinationPoolName: str) -> dict[str, Any]:
    backend.dedicated_ips.move(Ip, DestinationPoolName)
    return {}


@operation("sesv2", "PutDedicatedIpWarmupAttributes")
def put_dedicated_ip_warmup_attributes(backend: Backend, *, Ip: str, WarmupPercentage: int) -> dict[str, Any]:
    backend.dedicated_ips.set_warmup(Ip, WarmupPercentage)
    return {}
