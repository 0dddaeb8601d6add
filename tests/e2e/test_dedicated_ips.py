"""Dedicated IPs and dedicated IP pools through boto3 (v2), and their effect on
configuration sets, tags and sends.

Sources of each behaviour are in fakeses/domain/dedicated_ips.py and docs/fidelity.md
("Dedicated IPs and pools"); texts marked "probed" were checked against AWS by floci
(PRs #1421, #3420), "recorded" ones quoted from a real answer.
"""
from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from support.clients import error_of

POOL_ARN = "arn:aws:ses:us-east-1:123456789012:dedicated-ip-pool/{}"


def refused(call, **params) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a call that must fail."""
    with pytest.raises(ClientError) as raised:
        call(**params)
    return error_of(raised)


def send(v2, configuration_set=None):
    params = {"ConfigurationSetName": configuration_set} if configuration_set else {}
    v2.send_email(FromEmailAddress="shop@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}, **params)


# -- pools ---------------------------------------------------------------------------------

def test_a_pool_is_created_standard_unless_managed_is_asked(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="transactional")
    v2.create_dedicated_ip_pool(PoolName="marketing", ScalingMode="MANAGED")
    assert v2.get_dedicated_ip_pool(PoolName="transactional")["DedicatedIpPool"] == {
        "PoolName": "transactional", "ScalingMode": "STANDARD"}
    assert v2.get_dedicated_ip_pool(PoolName="marketing")["DedicatedIpPool"] == {
        "PoolName": "marketing", "ScalingMode": "MANAGED"}
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == ["marketing", "transactional"]


def test_a_pool_name_is_taken_once(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    assert refused(v2.create_dedicated_ip_pool, PoolName="marketing", ScalingMode="MANAGED") == (
        "AlreadyExistsException", 400, "The pool <marketing> already exists.")  # probed
    assert refused(v2.create_dedicated_ip_pool, PoolName="ses-shared-pool")[:2] == ("AlreadyExistsException", 400)


@pytest.mark.parametrize("name", ["Marketing", "pool.1", "a" * 65, ""])
def test_a_pool_name_of_other_characters_is_refused(v2, ses_backend, name):
    code, status, message = refused(v2.create_dedicated_ip_pool, PoolName=name)
    assert (code, status) == ("BadRequestException", 400)
    assert "only lowercase letters, numbers, '_' and '-'" in message
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == []


def test_an_unknown_pool_is_not_found(v2, ses_backend):
    message = "The requested pool <nope> does not exist."  # probed
    assert refused(v2.get_dedicated_ip_pool, PoolName="nope") == ("NotFoundException", 404, message)
    assert refused(v2.delete_dedicated_ip_pool, PoolName="nope") == ("NotFoundException", 404, message)
    assert refused(v2.put_dedicated_ip_pool_scaling_attributes, PoolName="nope", ScalingMode="MANAGED") == (
        "NotFoundException", 404, message)


@pytest.mark.parametrize("pool", ["ses-default-dedicated-pool", "ses-shared-pool"])
def test_the_built_in_pools_cannot_be_read_or_changed(v2, ses_backend, pool):
    text = "Pool name describes either a shared or default dedicated ip pool"  # recorded
    assert refused(v2.get_dedicated_ip_pool, PoolName=pool) == ("BadRequestException", 400, text)
    assert refused(v2.delete_dedicated_ip_pool, PoolName=pool) == ("BadRequestException", 400, text)


def test_a_deleted_pool_is_gone(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    v2.delete_dedicated_ip_pool(PoolName="marketing")
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == []
    assert refused(v2.get_dedicated_ip_pool, PoolName="marketing")[0] == "NotFoundException"


def test_pools_are_listed_a_page_at_a_time(v2, ses_backend):
    for name in ("c", "a", "b"):
        v2.create_dedicated_ip_pool(PoolName=name)
    first = v2.list_dedicated_ip_pools(PageSize=2)
    assert first["DedicatedIpPools"] == ["a", "b"]
    assert v2.list_dedicated_ip_pools(PageSize=2, NextToken=first["NextToken"])["DedicatedIpPools"] == ["c"]
    assert refused(v2.list_dedicated_ip_pools, PageSize=0)[:2] == ("BadRequestException", 400)
    assert refused(v2.list_dedicated_ip_pools, NextToken="not a token")[:2] == ("BadRequestException", 400)


def test_the_built_in_pools_are_listed_once_the_account_has_dedicated_ips(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == ["marketing"]
    ses_backend.provision_dedicated_ips()
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == [
        "marketing", "ses-default-dedicated-pool", "ses-shared-pool"]


def test_a_pool_is_limited_to_fifty_a_region(v2, ses_backend):
    for index in range(50):
        v2.create_dedicated_ip_pool(PoolName=f"pool-{index}")
    assert refused(v2.create_dedicated_ip_pool, PoolName="one-more")[:2] == ("LimitExceededException", 400)


def test_a_pool_carries_the_tags_it_was_created_with(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing", Tags=[{"Key": "team", "Value": "growth"}])
    arn = POOL_ARN.format("marketing")
    assert v2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "growth"}]
    v2.tag_resource(ResourceArn=arn, Tags=[{"Key": "cost", "Value": "42"}])
    v2.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert v2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "cost", "Value": "42"}]
    v2.delete_dedicated_ip_pool(PoolName="marketing")
    assert refused(v2.list_tags_for_resource, ResourceArn=arn) == (
        "NotFoundException", 404, "No DedicatedIpPool present with name: marketing")


def test_bad_tags_at_creation_leave_no_pool(v2, ses_backend):
    assert refused(v2.create_dedicated_ip_pool, PoolName="marketing",
                   Tags=[{"Key": "aws:owner", "Value": "x"}])[:2] == ("BadRequestException", 400)
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == []


# -- scaling mode ---------------------------------------------------------------------------

def test_a_standard_pool_becomes_managed_and_ses_takes_over_its_ips(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    [ip] = ses_backend.provision_dedicated_ips(pool="marketing")
    v2.put_dedicated_ip_pool_scaling_attributes(PoolName="marketing", ScalingMode="MANAGED")
    assert v2.get_dedicated_ip_pool(PoolName="marketing")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"] == {
        "Ip": ip, "PoolName": "marketing", "WarmupPercentage": -1, "WarmupStatus": "NOT_APPLICABLE"}


def test_a_managed_pool_cannot_go_back_to_standard(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing", ScalingMode="MANAGED")
    v2.put_dedicated_ip_pool_scaling_attributes(PoolName="marketing", ScalingMode="MANAGED")  # no change
    assert refused(v2.put_dedicated_ip_pool_scaling_attributes, PoolName="marketing", ScalingMode="STANDARD") == (
        "BadRequestException", 400, "Changing the scaling mode from MANAGED to STANDARD is not supported.")
    assert v2.get_dedicated_ip_pool(PoolName="marketing")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"


# -- dedicated IPs --------------------------------------------------------------------------

def test_an_account_starts_without_dedicated_ips(v2, ses_backend):
    assert v2.get_dedicated_ips()["DedicatedIps"] == []
    assert refused(v2.get_dedicated_ip, Ip="198.51.100.1") == (
        "NotFoundException", 404, "Could not find dedicated IP 198.51.100.1 under this account.")


def test_a_provisioned_ip_lands_in_the_default_pool_warming_up(v2, ses_backend):
    [ip] = ses_backend.provision_dedicated_ips()
    assert ip == "198.51.100.1"
    expected = {"Ip": ip, "PoolName": "ses-default-dedicated-pool", "WarmupPercentage": 0,
                "WarmupStatus": "IN_PROGRESS"}
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"] == expected
    assert v2.get_dedicated_ips()["DedicatedIps"] == [expected]


def test_an_ip_of_a_managed_pool_is_warmed_by_ses(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")
    [ip] = ses_backend.provision_dedicated_ips(pool="auto")
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["WarmupPercentage"] == -1
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["WarmupStatus"] == "NOT_APPLICABLE"
    assert refused(v2.put_dedicated_ip_warmup_attributes, Ip=ip, WarmupPercentage=50)[:2] == (
        "BadRequestException", 400)
    assert refused(v2.put_dedicated_ip_in_pool, Ip=ip, DestinationPoolName="ses-default-dedicated-pool")[:2] == (
        "BadRequestException", 400)


def test_an_ip_moves_between_pools_and_back_to_the_default_pool(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    first, second = ses_backend.provision_dedicated_ips(count=2)
    v2.put_dedicated_ip_in_pool(Ip=first, DestinationPoolName="marketing")
    assert [i["Ip"] for i in v2.get_dedicated_ips(PoolName="marketing")["DedicatedIps"]] == [first]
    assert [i["Ip"] for i in v2.get_dedicated_ips(PoolName="ses-default-dedicated-pool")["DedicatedIps"]] == [second]
    # terraform-provider-aws' assignment resource moves an IP back this way on delete.
    v2.put_dedicated_ip_in_pool(Ip=first, DestinationPoolName="ses-default-dedicated-pool")
    assert v2.get_dedicated_ip(Ip=first)["DedicatedIp"]["PoolName"] == "ses-default-dedicated-pool"
    assert v2.get_dedicated_ips(PoolName="marketing")["DedicatedIps"] == []


def test_an_ip_cannot_move_to_a_pool_that_does_not_take_it(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")
    [ip] = ses_backend.provision_dedicated_ips()
    assert refused(v2.put_dedicated_ip_in_pool, Ip=ip, DestinationPoolName="nope") == (
        "NotFoundException", 404, "The requested pool <nope> does not exist.")
    assert refused(v2.put_dedicated_ip_in_pool, Ip=ip, DestinationPoolName="auto")[:2] == ("BadRequestException", 400)
    assert refused(v2.put_dedicated_ip_in_pool, Ip=ip, DestinationPoolName="ses-shared-pool")[:2] == (
        "BadRequestException", 400)
    assert refused(v2.put_dedicated_ip_in_pool, Ip="203.0.113.9", DestinationPoolName="auto") == (
        "NotFoundException", 404, "Could not find dedicated IP 203.0.113.9 under this account.")
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["PoolName"] == "ses-default-dedicated-pool"


def test_the_warm_up_of_a_standard_ip_is_set_from_0_to_100(v2, ses_backend):
    [ip] = ses_backend.provision_dedicated_ips()
    v2.put_dedicated_ip_warmup_attributes(Ip=ip, WarmupPercentage=40)
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["WarmupPercentage"] == 40
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["WarmupStatus"] == "IN_PROGRESS"
    v2.put_dedicated_ip_warmup_attributes(Ip=ip, WarmupPercentage=100)
    assert v2.get_dedicated_ip(Ip=ip)["DedicatedIp"]["WarmupStatus"] == "DONE"
    for outside in (-1, 101):
        assert refused(v2.put_dedicated_ip_warmup_attributes, Ip=ip, WarmupPercentage=outside) == (
            "BadRequestException", 400, "WarmupPercentage must be between 0 and 100.")
    # The range is checked before the IP (floci PR #3420).
    assert refused(v2.put_dedicated_ip_warmup_attributes, Ip="192.0.2.1", WarmupPercentage=101)[0] == (
        "BadRequestException")
    assert refused(v2.put_dedicated_ip_warmup_attributes, Ip="192.0.2.1", WarmupPercentage=1)[0] == (
        "NotFoundException")


def test_dedicated_ips_are_listed_a_page_at_a_time_and_by_pool(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    ips = ses_backend.provision_dedicated_ips(count=3)
    first = v2.get_dedicated_ips(PageSize=2)
    assert [i["Ip"] for i in first["DedicatedIps"]] == ips[:2]
    assert [i["Ip"] for i in v2.get_dedicated_ips(PageSize=2, NextToken=first["NextToken"])["DedicatedIps"]] == ips[2:]
    assert refused(v2.get_dedicated_ips, PoolName="nope")[:2] == ("NotFoundException", 404)


def test_a_standard_pool_with_ips_cannot_be_deleted_a_managed_one_can(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    v2.create_dedicated_ip_pool(PoolName="auto", ScalingMode="MANAGED")
    [standard] = ses_backend.provision_dedicated_ips(pool="marketing")
    [managed] = ses_backend.provision_dedicated_ips(pool="auto")
    assert refused(v2.delete_dedicated_ip_pool, PoolName="marketing")[:2] == ("BadRequestException", 400)
    v2.delete_dedicated_ip_pool(PoolName="auto")
    assert refused(v2.get_dedicated_ip, Ip=managed)[0] == "NotFoundException"
    v2.put_dedicated_ip_in_pool(Ip=standard, DestinationPoolName="ses-default-dedicated-pool")
    v2.delete_dedicated_ip_pool(PoolName="marketing")
    assert v2.list_dedicated_ip_pools()["DedicatedIpPools"] == ["ses-default-dedicated-pool", "ses-shared-pool"]


def test_dedicated_ips_belong_to_their_region_and_are_never_handed_out_twice(ses_backend):
    from support.clients import client

    here = ses_backend.provision_dedicated_ips(count=2)
    there = ses_backend.provision_dedicated_ips(region="eu-west-1")
    assert there == ["198.51.100.3"]
    assert [i["Ip"] for i in client("sesv2", region="eu-west-1").get_dedicated_ips()["DedicatedIps"]] == there
    assert [i["Ip"] for i in client("sesv2").get_dedicated_ips()["DedicatedIps"]] == here


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"count": 0}, "count of 1 or more"),
    ({"pool": "nope"}, "no dedicated IP pool 'nope'"),
])
def test_the_handle_refuses_to_provision_what_ses_would_not(ses_backend, kwargs, message):
    with pytest.raises(ValueError, match=message):
        ses_backend.provision_dedicated_ips(**kwargs)


# -- configuration sets and sends ----------------------------------------------------------

def test_a_configuration_set_may_name_a_pool_made_or_a_built_in_one(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    v2.create_configuration_set(ConfigurationSetName="news", DeliveryOptions={"SendingPoolName": "marketing"})
    v2.create_configuration_set(ConfigurationSetName="shared", DeliveryOptions={"SendingPoolName": "ses-shared-pool"})
    v2.put_configuration_set_delivery_options(ConfigurationSetName="shared",
                                              SendingPoolName="ses-default-dedicated-pool")
    assert v2.get_configuration_set(ConfigurationSetName="news")["DeliveryOptions"]["SendingPoolName"] == "marketing"
    assert refused(v2.put_configuration_set_delivery_options, ConfigurationSetName="news",
                   SendingPoolName="gone") == ("BadRequestException", 400, "SendingPool <gone> doesn't exist")


def test_a_pool_deleted_under_a_configuration_set_stays_named_by_it(v2, ses_backend):
    v2.create_dedicated_ip_pool(PoolName="marketing")
    v2.create_configuration_set(ConfigurationSetName="news", DeliveryOptions={"SendingPoolName": "marketing"})
    v2.delete_dedicated_ip_pool(PoolName="marketing")
    assert v2.get_configuration_set(ConfigurationSetName="news")["DeliveryOptions"]["SendingPoolName"] == "marketing"


def test_a_send_records_the_pool_and_ip_it_went_out_from(v2, ses_backend):
    ses_backend.verify_identity("example.com")
    v2.create_dedicated_ip_pool(PoolName="marketing")
    first, second, unpooled = ses_backend.provision_dedicated_ips(count=3)
    for ip in (first, second):
        v2.put_dedicated_ip_in_pool(Ip=ip, DestinationPoolName="marketing")
    v2.create_configuration_set(ConfigurationSetName="news", DeliveryOptions={"SendingPoolName": "marketing"})
    v2.create_configuration_set(ConfigurationSetName="plain")
    send(v2, "news")
    send(v2, "news")
    send(v2, "plain")
    send(v2)
    assert [(m.sending_pool, m.sending_ip) for m in ses_backend.sent_messages] == [
        ("marketing", first), ("marketing", second),
        ("ses-default-dedicated-pool", unpooled), ("ses-default-dedicated-pool", unpooled)]


def test_a_send_without_dedicated_ips_goes_through_the_shared_ips(v2, v1, ses_backend):
    ses_backend.verify_identity("example.com")
    v2.create_configuration_set(ConfigurationSetName="shared", DeliveryOptions={"SendingPoolName": "ses-shared-pool"})
    send(v2)
    send(v2, "shared")
    v1.send_email(Source="shop@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}, ConfigurationSetName="shared")
    assert [(m.sending_pool, m.sending_ip) for m in ses_backend.sent_messages] == [
        (None, None), ("ses-shared-pool", None), ("ses-shared-pool", None)]
