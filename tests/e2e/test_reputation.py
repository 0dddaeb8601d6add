"""Reputation entities through boto3: GetReputationEntity, ListReputationEntities,
UpdateReputationEntityCustomerManagedStatus, UpdateReputationEntityPolicy, and the
statuses that follow a tenant's bounces and complaints (a paused tenant does not send).

Sources: fakeses/domain/reputation.py, docs/fidelity.md "Reputation entities".
"""
from __future__ import annotations

import pytest
from support.clients import refusal

from fakeses._model import service_model

pytestmark = pytest.mark.skipif("GetReputationEntity" not in service_model("sesv2").operation_names,
                                reason="this botocore does not model SES reputation entities")

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
POLICY = "arn:aws:ses:us-east-1:aws:reputation-policy/{}"


@pytest.fixture
def tenant_arn(ses_backend, v2):
    ses_backend.verify_identity("example.com")
    arn = v2.create_tenant(TenantName="acme")["TenantArn"]
    v2.create_tenant_resource_association(TenantName="acme",
                                          ResourceArn="arn:aws:ses:us-east-1:123456789012:identity/example.com")
    return arn


def entity(v2, arn):
    return v2.get_reputation_entity(ReputationEntityType="RESOURCE", ReputationEntityReference=arn)["ReputationEntity"]


def send(v2, fake, count: int = 1):
    for n in range(count):
        v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [f"r{n}@example.org"]},
                      Content=SIMPLE, TenantName="acme")
    return fake.sent_messages[-count:]


def test_a_tenant_is_a_reputation_entity_with_the_standard_policy(v2, tenant_arn):
    found = entity(v2, tenant_arn)
    assert found["ReputationEntityReference"] == tenant_arn and found["ReputationEntityType"] == "RESOURCE"
    assert found["ReputationManagementPolicy"] == POLICY.format("standard")
    assert (found["CustomerManagedStatus"]["Status"], found["AwsSesManagedStatus"]["Status"],
            found["SendingStatusAggregate"]) == ("ENABLED", "ENABLED", "ENABLED")
    assert "ReputationImpact" not in found
    listed = v2.list_reputation_entities()["ReputationEntities"]
    assert [e["ReputationEntityReference"] for e in listed] == [tenant_arn]


def test_an_unknown_entity_is_not_found_and_cannot_be_updated(v2, tenant_arn):
    missing = tenant_arn + "x"
    assert refusal(v2.get_reputation_entity, ReputationEntityType="RESOURCE",
                   ReputationEntityReference=missing)[:2] == (404, "NotFoundException")
    assert refusal(v2.update_reputation_entity_policy, ReputationEntityType="RESOURCE",
                   ReputationEntityReference=missing, ReputationEntityPolicy=POLICY.format("strict"))[:2] == (
        400, "BadRequestException")
    assert refusal(v2.update_reputation_entity_policy, ReputationEntityType="RESOURCE",
                   ReputationEntityReference=tenant_arn, ReputationEntityPolicy=POLICY.format("lenient"))[:2] == (
        400, "BadRequestException")


def test_hard_bounces_over_ten_percent_pause_a_tenant_under_the_standard_policy(v2, ses_backend, tenant_arn):
    messages = send(v2, ses_backend, 10)
    ses_backend.bounce(messages[0])  # 1 in 10: 10% is a high-impact finding
    found = entity(v2, tenant_arn)
    assert found["ReputationImpact"] == "HIGH"
    assert (found["AwsSesManagedStatus"]["Status"], found["SendingStatusAggregate"]) == ("DISABLED", "DISABLED")
    assert "bounce rate 10.00%" in found["AwsSesManagedStatus"]["Cause"]
    assert v2.get_tenant(TenantName="acme")["Tenant"]["SendingStatus"] == "DISABLED"
    assert refusal(v2.send_email, FromEmailAddress="me@example.com", Destination={"ToAddresses": ["x@example.org"]},
                   Content=SIMPLE, TenantName="acme")[:2] == (400, "SendingPausedException")
    assert [e["ReputationEntityReference"] for e in v2.list_reputation_entities(
        Filter={"SENDING_STATUS": "DISABLED", "REPUTATION_IMPACT": "HIGH"})["ReputationEntities"]] == [tenant_arn]


def test_a_low_impact_finding_pauses_only_under_the_strict_policy(v2, ses_backend, tenant_arn):
    messages = send(v2, ses_backend, 20)
    ses_backend.bounce(messages[0])  # 5%: low impact
    assert (entity(v2, tenant_arn)["ReputationImpact"], entity(v2, tenant_arn)["SendingStatusAggregate"]) == (
        "LOW", "ENABLED")
    v2.update_reputation_entity_policy(ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn,
                                       ReputationEntityPolicy=POLICY.format("strict"))
    found = entity(v2, tenant_arn)
    assert (found["ReputationManagementPolicy"], found["SendingStatusAggregate"]) == (POLICY.format("strict"), "DISABLED")
    v2.update_reputation_entity_policy(ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn,
                                       ReputationEntityPolicy=POLICY.format("none"))
    assert entity(v2, tenant_arn)["SendingStatusAggregate"] == "ENABLED"


def test_complaints_count_and_the_mailbox_simulator_does_not(v2, ses_backend, tenant_arn):
    v2.send_email(FromEmailAddress="me@example.com", TenantName="acme", Content=SIMPLE,
                  Destination={"ToAddresses": ["bounce@simulator.amazonses.com"]})
    assert "ReputationImpact" not in entity(v2, tenant_arn)  # the simulator's bounce does not count
    messages = send(v2, ses_backend, 200)
    ses_backend.complain(messages[0])  # 1 in 200: 0.5% is high impact for complaints
    assert entity(v2, tenant_arn)["ReputationImpact"] == "HIGH"


def test_a_reinstated_tenant_sends_until_a_new_violation(v2, ses_backend, tenant_arn):
    messages = send(v2, ses_backend, 20)
    ses_backend.bounce(messages[0])
    v2.update_reputation_entity_policy(ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn,
                                       ReputationEntityPolicy=POLICY.format("strict"))
    assert entity(v2, tenant_arn)["SendingStatusAggregate"] == "DISABLED"
    v2.update_reputation_entity_customer_managed_status(
        ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn, SendingStatus="REINSTATED")
    found = entity(v2, tenant_arn)
    assert (found["CustomerManagedStatus"]["Status"], found["SendingStatusAggregate"]) == ("REINSTATED", "REINSTATED")
    send(v2, ses_backend, 1)  # sends again
    ses_backend.bounce(messages[1])
    ses_backend.bounce(messages[2])  # now over 10%: a new, high-impact finding
    assert entity(v2, tenant_arn)["SendingStatusAggregate"] == "DISABLED"


def test_the_customer_can_disable_and_enable_a_tenant(v2, ses_backend, tenant_arn):
    for status, sends in (("DISABLED", False), ("ENABLED", True)):
        v2.update_reputation_entity_customer_managed_status(
            ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn, SendingStatus=status)
        assert entity(v2, tenant_arn)["SendingStatusAggregate"] == status
        answer = refusal(v2.send_email, FromEmailAddress="me@example.com", Content=SIMPLE, TenantName="acme",
                         Destination={"ToAddresses": ["x@example.org"]}) if not sends else None
        if sends:
            send(v2, ses_backend, 1)
        else:
            assert answer is not None and answer[1] == "SendingPausedException"
    assert len(ses_backend.sent_messages) == 1
