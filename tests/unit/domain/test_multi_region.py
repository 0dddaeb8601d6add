"""Multi-region endpoints alone (fakeses/domain/multi_region.py): routes, statuses, the send route."""
from __future__ import annotations

import re

import pytest

from fakeses.domain import ids, multi_region
from fakeses.domain.errors import IdentityNotVerified
from fakeses.domain.sending import Outgoing
from fakeses.domain.state import Options, World

ACCOUNT = "123456789012"
AWS = frozenset({"us-east-1", "eu-west-1", "us-west-2"})


@pytest.fixture
def world():
    return World(Options())


def make(world, name="global", secondary="eu-west-1"):
    backend = world.backend(ACCOUNT, "us-east-1")
    return backend.multi_region_endpoints.create(name, "us-east-1", [{"Region": secondary}], partition=AWS)


def test_an_endpoint_id_has_the_form_ses_documents():
    found = {ids.endpoint_id() for _ in range(50)}
    assert len(found) == 50
    assert all(re.fullmatch(r"[a-z0-9]{8}\.[a-z0-9]{3}", value) for value in found)


def test_an_endpoint_is_creating_until_the_next_look_then_ready(world):
    endpoint = make(world)
    assert (endpoint.status, endpoint.regions) == ("CREATING", ["us-east-1", "eu-west-1"])
    held = world.backend(ACCOUNT, "us-east-1").multi_region_endpoints
    assert held.require("global").status == "READY"
    assert endpoint.updated_at >= endpoint.created_at


@pytest.mark.parametrize("routes, word", [([], "exactly one"), ([{"Region": "us-east-1"}], "differ"),
                                          ([{"Region": "cn-north-1"}], "not supported")])
def test_routes_are_checked_before_the_name(world, routes, word):
    make(world)
    with pytest.raises(multi_region.InvalidRoutes, match=word):
        world.backend(ACCOUNT, "us-east-1").multi_region_endpoints.create("global", "us-east-1", routes,
                                                                          partition=AWS)


def test_the_limit_counts_the_endpoints_of_the_region(world, monkeypatch):
    monkeypatch.setattr(multi_region, "MAX_ENDPOINTS", 2)
    make(world, "a")
    make(world, "b")
    with pytest.raises(multi_region.EndpointLimitExceeded):
        make(world, "c")
    world.backend(ACCOUNT, "us-east-1").multi_region_endpoints.delete("a")
    make(world, "c")


def test_a_route_goes_out_of_the_primary_unless_only_it_is_impaired(world):
    endpoint = make(world)
    backend = world.backend(ACCOUNT, "ap-southeast-2")  # the request may reach any region
    route = multi_region.through(backend, endpoint.endpoint_id)
    assert route is not None and (route.sending.region, route.other.region) == ("us-east-1", "eu-west-1")
    world.impaired_regions.add("us-east-1")
    route = multi_region.through(backend, endpoint.endpoint_id)
    assert route is not None and route.sending.region == "eu-west-1"
    world.impaired_regions.add("eu-west-1")  # both impaired: the primary still (?)
    route = multi_region.through(backend, endpoint.endpoint_id)
    assert route is not None and route.sending.region == "us-east-1"
    assert multi_region.through(backend, None) is None


def test_a_deleted_endpoint_routes_nothing(world):
    endpoint = make(world)
    world.backend(ACCOUNT, "us-east-1").multi_region_endpoints.delete("global")
    with pytest.raises(multi_region.EndpointIdNotFound):
        multi_region.through(world.backend(ACCOUNT, "us-east-1"), endpoint.endpoint_id)


def test_apply_names_the_sending_region_first_and_skips_delegate_sends(world):
    endpoint = make(world)
    route = multi_region.through(world.backend(ACCOUNT, "us-east-1"), endpoint.endpoint_id)
    out = Outgoing(operation="SendEmail", service="sesv2", source="me@example.com", content=None)
    with pytest.raises(IdentityNotVerified, match="US-EAST-1: me@example.com"):
        multi_region.apply(route, out)
    world.backend(ACCOUNT, "us-east-1").identities.force_verify("example.com")
    with pytest.raises(IdentityNotVerified, match="EU-WEST-1: me@example.com"):
        multi_region.apply(route, out)
    delegate = Outgoing(operation="SendEmail", service="sesv2", source="me@example.com", content=None,
                        arns=object())
    multi_region.apply(route, delegate)
    assert delegate.endpoint is endpoint
