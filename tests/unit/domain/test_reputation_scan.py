"""A tenant's reputation follows the record as it grows, and agrees with a full reading.

fakeses/domain/reputation.py reads only what the record gained since the last call (every
tenant send asks for the reputation); here it is held to the plain reading of the whole
record after each step, including events logged long after their message and a clear().
"""
from __future__ import annotations

import boto3
import pytest

from fakeses import fakeses
from fakeses.domain import events as ev
from fakeses.domain import reputation


def full_history(backend, tenant):
    world = backend.world
    steps = []
    for message in world.sent:
        if message.tenant != tenant.name:
            continue
        steps.append((message.sent_at, len(message.destinations), 0, 0))
        for event in world.events_about(message.message_id):
            found = reputation._step_of(event)
            if found is not None:
                steps.append((event.timestamp, 0, *found))
    steps.sort(key=lambda step: step[0])
    return steps


def test_the_reputation_read_as_the_record_grows_agrees_with_a_full_reading():
    pytest.importorskip("botocore")
    # SES's own outcomes come 788 ms after the send: later sends are logged before them.
    with fakeses(outcomes={"u1*@example.org": "bounce", "u5@example.org": "complain"}) as fake:
        fake.verify_identity("example.com")
        v2 = boto3.client("sesv2", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
        if "CreateTenant" not in v2.meta.service_model.operation_names:
            pytest.skip("botocore does not model tenants")
        v2.create_tenant(TenantName="acme")
        v2.create_tenant_resource_association(
            TenantName="acme", ResourceArn="arn:aws:ses:us-east-1:123456789012:identity/example.com")
        backend = fake.backend()
        [tenant] = list(backend.tenants)
        # A policy that never pauses: the bounces below must not stop the sends.
        v2.update_reputation_entity_policy(
            ReputationEntityType="RESOURCE", ReputationEntityReference=tenant.arn,
            ReputationEntityPolicy=reputation.policy_arn("us-east-1", "none"))

        def send(to):
            v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [to]}, TenantName="acme",
                          Content={"Simple": {"Subject": {"Data": "x"}, "Body": {"Text": {"Data": "y"}}}})

        for i in range(12):
            send(f"u{i}@example.org")
            if i % 3 == 0:
                fake.bounce(fake.sent_messages[i])  # a hard bounce, logged after later sends too
            assert reputation.history(backend, tenant) == full_history(backend, tenant)
        fake.complain(fake.sent_messages[2])  # an old message's complaint, logged last
        assert reputation.history(backend, tenant) == full_history(backend, tenant)
        assert reputation.entity_of(backend, tenant).impact == reputation.finding(full_history(backend, tenant)).impact
        fake.clear()
        assert reputation.history(backend, tenant) == []
        send("again@example.org")
        assert reputation.history(backend, tenant) == full_history(backend, tenant)
        assert [e.type for e in fake.events if e.type in (ev.BOUNCE, ev.COMPLAINT)] == []
