"""Multi-region endpoints (SES "global endpoints"): v2 Create/Get/Delete/ListMultiRegionEndpoint(s),
and the route of a send that names one with ``EndpointId``.

What SES does, and where it is written:

- An endpoint pairs two regions: the primary, the region of the CreateMultiRegionEndpoint
  call, where it is listed and managed (Get/Delete/List "only ... whose primary region is
  the AWS-Region where operation is executed"), and one secondary region, the one route of
  ``Details.RoutesDetails`` ("Must contain exactly one route configuration": the Details
  shape, seed 001). Sending traffic is split between the two (seed 001; developer guide,
  global-endpoints.html, "Using Global endpoints in Amazon SES").
- Statuses CREATING, READY, FAILED, DELETING (seed 001). "The creation process may take a
  few seconds. Once completed, the status ... will change to Ready" (developer guide);
  Terraform's resource waits from CREATING to READY after the create, and from DELETING
  until Get answers NotFoundException after the delete (terraform-provider-aws
  internal/service/sesv2/multi_region_endpoint.go, PR #49660, acceptance-tested).
  fakeses keeps that order without making a test wait: Create answers CREATING, and
  the endpoint is READY at the next request that looks at it (Get, List, a send through
  it); Delete answers DELETING, and the endpoint is gone for the next request. The
  handle's ``fail_endpoint`` marks one FAILED (a provisioning failure), for tests of it.
- A send with ``EndpointId`` (v2 SendEmail, SendBulkEmail) goes out of one of the two
  regions. SES picks by traffic weight and shifts traffic away from an impaired region
  (developer guide); fakeses sends from the primary region, or from the secondary while
  the test has impaired the primary (the handle's ``impair_region``) (?). "Your sending
  domain identity needs to be verified in both the primary and secondary regions", and
  both regions need "equivalent verified identities and configuration sets"; "any
  discrepancies could cause delivery failures" (developer guide). fakeses refuses such a
  send at once, with the refusal the other region would give (?), rather than one send
  in two as a split would.
- The ARN is ``arn:aws:ses:<region>:<account>:multi-region-endpoint/<name>`` (the IAM
  service authorization reference's resource type; Terraform builds it so to list tags).

SES's texts for these refusals are not recorded anywhere we found: they are worded as
SES's other v2 refusals (?).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import clock, ids, pages
from .errors import (
    AlreadyExists,
    BadRequest,
    ConfigurationSetNotFound,
    IdentityNotVerified,
    LimitExceeded,
    NotFound,
)

if TYPE_CHECKING:
    from .state import Backend

CREATING, READY, FAILED, DELETING = "CREATING", "READY", "FAILED", "DELETING"
#: Endpoints a region (primary) may hold. SES's quota is not documented (?).
MAX_ENDPOINTS = 100
#: ListMultiRegionEndpoints: PageSize when none is given, and its bound (the model: 1..1000) (?).
DEFAULT_PAGE = 100
MAX_PAGE = 1000


class EndpointAlreadyExists(AlreadyExists):
    fmt = "Multi-region endpoint {name} already exists."  # (?)


class EndpointNotFound(NotFound):
    fmt = "Multi-region endpoint {name} does not exist."  # (?)


class EndpointIdNotFound(NotFound):
    # A send naming an EndpointId the account does not have (SendEmail models NotFoundException) (?).
    fmt = "Multi-region endpoint with id {endpoint_id} does not exist."


class EndpointNotReady(BadRequest):
    # A send through an endpoint that is not READY (?).
    fmt = "Multi-region endpoint with id {endpoint_id} is not ready: its status is {status}."


class InvalidRoutes(BadRequest):
    """RoutesDetails SES refuses: not exactly one route, the primary region itself, or a
    region without SES in the primary's partition (texts (?))."""


class EndpointLimitExceeded(LimitExceeded):
    fmt = "You have reached the maximum number of multi-region endpoints ({limit}) in this region."  # (?)


@dataclasses.dataclass
class MultiRegionEndpoint:
    """One global endpoint, kept in its primary region's backend."""

    name: str
    endpoint_id: str
    primary: str
    secondary: str
    status: str = CREATING
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    updated_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    @property
    def regions(self) -> list[str]:
        """Primary and secondary, in that order."""
        return [self.primary, self.secondary]

    def settle(self) -> None:
        """Provisioning is over by the next request: CREATING turns READY."""
        if self.status == CREATING:
            self.status = READY
            self.updated_at = clock.utcnow()


class MultiRegionEndpoints:
    """The endpoints whose primary region is one backend's region."""

    def __init__(self) -> None:
        self._by_name: dict[str, MultiRegionEndpoint] = {}

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Optional[MultiRegionEndpoint]:
        """The endpoint called ``name`` (as it stands, not settled), or None."""
        return self._by_name.get(name)

    def by_id(self, endpoint_id: str) -> Optional[MultiRegionEndpoint]:
        """The endpoint with ``endpoint_id``, or None."""
        return next((e for e in self._by_name.values() if e.endpoint_id == endpoint_id), None)

    def create(self, name: str, primary: str, routes: Sequence[dict[str, str]],
               tags: Sequence[tuple[str, str]] = (), *, partition: Collection[str] = ()) -> MultiRegionEndpoint:
        """CreateMultiRegionEndpoint: checks, in order, the routes, the name, the limit.

        ``partition``: the regions with SES in the primary's partition (the api layer reads
        them from botocore's endpoint data), of which the secondary must be one.
        """
        if len(routes) != 1:
            raise InvalidRoutes(message="RoutesDetails must contain exactly one route configuration.")
        secondary = routes[0].get("Region", "")
        if secondary == primary:
            raise InvalidRoutes(message=f"The secondary region must differ from the primary region {primary}.")
        if secondary not in partition:
            raise InvalidRoutes(message=f"Region {secondary} is not supported as a secondary region.")
        if name in self._by_name:
            raise EndpointAlreadyExists(name=name)
        if len(self._by_name) >= MAX_ENDPOINTS:
            raise EndpointLimitExceeded(limit=MAX_ENDPOINTS)
        now = clock.utcnow()
        endpoint = MultiRegionEndpoint(name, ids.endpoint_id(), primary, secondary, CREATING, now, now, list(tags))
        self._by_name[name] = endpoint
        return endpoint

    def require(self, name: str) -> MultiRegionEndpoint:
        """GetMultiRegionEndpoint: the endpoint, settled; NotFoundException if there is none."""
        found = self._by_name.get(name)
        if found is None:
            raise EndpointNotFound(name=name)
        found.settle()
        return found

    def delete(self, name: str) -> MultiRegionEndpoint:
        """DeleteMultiRegionEndpoint: the endpoint answers DELETING and is gone for the next request."""
        found = self._by_name.pop(name, None)
        if found is None:
            raise EndpointNotFound(name=name)
        found.status = DELETING
        found.updated_at = clock.utcnow()
        return found

    def listed(self, token: Optional[str], size: Optional[int]) -> tuple[list[MultiRegionEndpoint], Optional[str]]:
        """ListMultiRegionEndpoints: settled, by name, a page from ``token``."""
        found = sorted(self._by_name.values(), key=lambda e: e.name)
        for endpoint in found:
            endpoint.settle()
        return pages.page(found, token, size or DEFAULT_PAGE)


def find(backend: Backend, endpoint_id: str) -> MultiRegionEndpoint:
    """The caller's account's endpoint with ``endpoint_id``, in whichever primary region
    holds it, settled; NotFoundException if the account has none such."""
    for candidate in backend.world.backends_of(backend.account_id):
        found = candidate.multi_region_endpoints.by_id(endpoint_id)
        if found is not None:
            found.settle()
            return found
    raise EndpointIdNotFound(endpoint_id=endpoint_id)


@dataclasses.dataclass(frozen=True)
class Route:
    """Where a send through an endpoint goes: the backend of the region it is sent from,
    and the backend of the endpoint's other region."""

    endpoint: MultiRegionEndpoint
    sending: Backend
    other: Backend


def through(backend: Backend, endpoint_id: Optional[str]) -> Optional[Route]:
    """The route of a send with ``EndpointId`` (None without one).

    The endpoint is looked up in the caller's account, whichever region the request
    reached: botocore sends it to the endpoint's global host, signed for every region.
    Raises :class:`EndpointIdNotFound` or :class:`EndpointNotReady`.
    """
    if endpoint_id is None:
        return None
    endpoint = find(backend, endpoint_id)
    if endpoint.status != READY:
        raise EndpointNotReady(endpoint_id=endpoint_id, status=endpoint.status)
    sending, other = endpoint.primary, endpoint.secondary
    impaired = backend.world.impaired_regions
    if sending in impaired and other not in impaired:
        sending, other = other, sending
    world = backend.world
    return Route(endpoint, world.backend(backend.account_id, sending), world.backend(backend.account_id, other))


def apply(route: Optional[Route], out: Any) -> None:
    """Mark ``out`` (a sending.Outgoing) as sent through ``route``'s endpoint, after SES's
    requirement that both regions can send it: every sending identity verified in each
    region (the sending one first), and the configuration set it names present in both.

    Raises IdentityNotVerified naming the region that fails, or ConfigurationSetNotFound.
    """
    if route is None:
        return
    out.endpoint = route.endpoint
    if out.arns is not None:
        return  # a delegate send: the owner's identities, in the owner's account (?)
    from .sending import sender_identities

    given, bare = sender_identities(out)
    for backend in (route.sending, route.other):
        failed = [name for name, address in zip(given, bare) if not backend.identities.covers(address)]
        if failed:
            raise IdentityNotVerified(region=backend.region.upper(), identities=", ".join(failed))
    if out.configuration_set is not None and route.other.configuration_sets.get(out.configuration_set) is None:
        raise ConfigurationSetNotFound(name=out.configuration_set)
