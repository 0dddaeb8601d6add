"""Tenants through boto3: CreateTenant, GetTenant, DeleteTenant, ListTenants, the resource
associations, PutTenantSuppressionAttributes, and sends through a tenant (SendEmail and
SendBulkEmail with TenantName) with their association gate and suppression scope.

Sources: fakeses/domain/tenants.py (floci PRs #2644, #2710, #2743, #2815, probed against
AWS; the developer guide's tenant-level suppression pages), docs/fidelity.md "Tenants".
"""
from __future__ import annotations

import re

import pytest
from support.clients import refusal, unchecked_client
from support.model import needs_member

from fakeses._model import service_model

pytestmark = pytest.mark.skipif("CreateTenant" not in service_model("sesv2").operation_names,
                                reason="this botocore does not model SES tenants")

ACCOUNT = "123456789012"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


def arn(kind: str, name: str) -> str:
    return f"arn:aws:ses:us-east-1:{ACCOUNT}:{kind}/{name}"


@pytest.fixture
def fake(ses_backend, v2):
    ses_backend.verify_identity("example.com")
    v2.create_configuration_set(ConfigurationSetName="acme-set")
    v2.create_tenant(TenantName="acme")
    return ses_backend


def associate(v2, *resources: str, tenant: str = "acme") -> None:
    for resource in resources:
        v2.create_tenant_resource_association(TenantName=tenant, ResourceArn=resource)


def send(v2, *to: str, **extra):
    return v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": list(to)},
                         Content=SIMPLE, **extra)["MessageId"]


# -- CreateTenant, GetTenant, ListTenants, DeleteTenant ---------------------------------------

def test_a_created_tenant_has_an_id_an_arn_and_is_enabled(v2, ses_backend):
    created = v2.create_tenant(TenantName="acme", Tags=[{"Key": "team", "Value": "mail"}])
    assert re.fullmatch(r"tn-[0-9a-f]{30}", created["TenantId"])
    assert created["TenantArn"] == arn("tenant", f"acme/{created['TenantId']}")
    assert created["SendingStatus"] == "ENABLED"
    assert created["Tags"] == [{"Key": "team", "Value": "mail"}]
    got = v2.get_tenant(TenantName="acme")["Tenant"]
    assert {k: got[k] for k in ("TenantName", "TenantId", "TenantArn", "SendingStatus")} == {
        "TenantName": "acme", "TenantId": created["TenantId"], "TenantArn": created["TenantArn"],
        "SendingStatus": "ENABLED"}
    assert "SuppressionAttributes" not in got


@pytest.mark.parametrize(("name", "text"), [
    ("", "1 validation error detected: Value at 'tenantName' failed to satisfy constraint: "
         "Member must have length greater than or equal to 1"),
    ("   ", "TenantName cannot be empty"),
    ("x" * 65, "TenantName cannot exceed 64 characters."),
    ("a.b", "Invalid tenant name <a.b>: only alphanumeric ASCII characters, '_', and '-' are allowed."),
])
def test_a_tenant_name_ses_refuses_is_a_bad_request(ses_backend, name, text):
    unchecked = unchecked_client("sesv2")  # botocore would refuse the empty name itself
    assert refusal(unchecked.create_tenant, TenantName=name) == (400, "BadRequestException", text)


def test_a_second_tenant_of_a_name_already_exists_and_an_unknown_one_is_not_found(v2, fake):
    assert refusal(v2.create_tenant, TenantName="acme") == (
        400, "AlreadyExistsException", f"Tenant with name acme already exists in account {ACCOUNT}")
    for call in (v2.get_tenant, v2.delete_tenant):
        assert refusal(call, TenantName="zeta") == (
            404, "NotFoundException", "The requested tenant <zeta> does not exist.")


def test_list_tenants_pages_and_filters(v2, fake):
    for name in ("beta", "gamma"):
        v2.create_tenant(TenantName=name)
    first = v2.list_tenants(PageSize=2)
    rest = v2.list_tenants(PageSize=2, NextToken=first["NextToken"])
    names = [t["TenantName"] for t in first["Tenants"] + rest["Tenants"]]
    assert names == ["acme", "beta", "gamma"] and "NextToken" not in rest
    assert set(first["Tenants"][0]) == {"TenantName", "TenantId", "TenantArn", "CreatedTimestamp"}
    needs_member("sesv2", "ListTenants", "Filter")
    assert [t["TenantName"] for t in v2.list_tenants(Filter={"TENANT_NAME_CONTAINS": "amm"})["Tenants"]] == ["gamma"]
    assert len(v2.list_tenants(Filter={"SENDING_STATUS": "ENABLED"})["Tenants"]) == 3
    assert v2.list_tenants(Filter={"SENDING_STATUS": "DISABLED"})["Tenants"] == []


def test_a_deleted_tenant_is_gone_with_its_associations_and_its_resources_stay(v2, fake):
    associate(v2, arn("identity", "example.com"))
    v2.delete_tenant(TenantName="acme")
    assert v2.list_tenants()["Tenants"] == []
    assert v2.list_resource_tenants(ResourceArn=arn("identity", "example.com"))["ResourceTenants"] == []
    assert v2.get_email_identity(EmailIdentity="example.com")["IdentityType"] == "DOMAIN"


def test_tenant_tags_are_found_by_the_tenant_arn(v2, fake):
    tenant = v2.get_tenant(TenantName="acme")["Tenant"]
    v2.tag_resource(ResourceArn=tenant["TenantArn"], Tags=[{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}])
    # Listed by key (floci, probed); the ARN's name segment is not read, only the id.
    other_name = tenant["TenantArn"].replace("tenant/acme/", "tenant/other/")
    assert v2.list_tags_for_resource(ResourceArn=other_name)["Tags"] == [
        {"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    assert v2.get_tenant(TenantName="acme")["Tenant"]["Tags"] == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    v2.untag_resource(ResourceArn=tenant["TenantArn"], TagKeys=["a"])
    assert v2.list_tags_for_resource(ResourceArn=tenant["TenantArn"])["Tags"] == [{"Key": "b", "Value": "2"}]
    missing = arn("tenant", "acme/tn-000000000000000000000000000000")
    assert refusal(v2.list_tags_for_resource, ResourceArn=missing) == (
        404, "NotFoundException", "No Tenant present with name: acmewith tenantId: tn-000000000000000000000000000000")


# -- resource associations ---------------------------------------------------------------------

def test_associations_are_listed_both_ways(v2, fake):
    v2.create_email_template(TemplateName="welcome", TemplateContent={"Subject": "Hi", "Text": "Hello"})
    v2.create_tenant(TenantName="beta")
    associate(v2, arn("template", "welcome"), arn("identity", "example.com"), arn("configuration-set", "acme-set"))
    associate(v2, arn("identity", "example.com"), tenant="beta")
    resources = v2.list_tenant_resources(TenantName="acme")["TenantResources"]
    assert resources == [  # ordered by ARN (floci, probed)
        {"ResourceType": "CONFIGURATION_SET", "ResourceArn": arn("configuration-set", "acme-set")},
        {"ResourceType": "EMAIL_IDENTITY", "ResourceArn": arn("identity", "example.com")},
        {"ResourceType": "EMAIL_TEMPLATE", "ResourceArn": arn("template", "welcome")},
    ]
    templates = v2.list_tenant_resources(TenantName="acme", Filter={"RESOURCE_TYPE": "EMAIL_TEMPLATE"})
    assert [r["ResourceArn"] for r in templates["TenantResources"]] == [arn("template", "welcome")]
    assert refusal(v2.list_tenant_resources, TenantName="acme", Filter={"RESOURCE_TYPE": "NOPE"}) == (
        400, "BadRequestException", "Invalid resource type NOPE specified.")
    tenants = v2.list_resource_tenants(ResourceArn=arn("identity", "example.com"))["ResourceTenants"]
    assert [t["TenantName"] for t in tenants] == ["acme", "beta"]
    assert tenants[0]["ResourceArn"] == arn("identity", "example.com") and tenants[0]["TenantId"].startswith("tn-")
    v2.delete_tenant_resource_association(TenantName="acme", ResourceArn=arn("identity", "example.com"))
    v2.delete_tenant_resource_association(TenantName="acme", ResourceArn=arn("identity", "example.com"))  # again: fine
    assert [t["TenantName"] for t in v2.list_resource_tenants(
        ResourceArn=arn("identity", "example.com"))["ResourceTenants"]] == ["beta"]


@pytest.mark.parametrize(("resource", "text"), [
    ("nonsense", "Provided resource identifier is not an SES resource"),
    ("arn:aws:sns:us-east-1:123456789012:topic", "Provided ARN is not in SES resource ARN format"),
    (arn("contact-list", "news"), "Unsupported resource type: contact-list"),
    ("arn:aws:ses:eu-west-1:123456789012:identity/example.com",
     "Resource <arn:aws:ses:eu-west-1:123456789012:identity/example.com> must be in the same region"),
    ("arn:aws:ses:us-east-1:111122223333:identity/example.com",
     "Resource <arn:aws:ses:us-east-1:111122223333:identity/example.com> must be in the same account"),
])
def test_an_association_with_what_is_no_resource_here_is_refused(v2, fake, resource, text):
    assert refusal(v2.create_tenant_resource_association, TenantName="acme", ResourceArn=resource) == (
        400, "BadRequestException", text)


def test_an_association_made_twice_or_with_a_missing_resource_is_refused(v2, fake):
    associate(v2, arn("identity", "example.com"))
    assert refusal(v2.create_tenant_resource_association, TenantName="acme",
                   ResourceArn=arn("identity", "example.com")) == (
        400, "AlreadyExistsException",
        f"Resources {arn('identity', 'example.com')} has already been associated with tenant acme")
    assert refusal(v2.create_tenant_resource_association, TenantName="acme",
                   ResourceArn=arn("configuration-set", "missing"))[:2] == (404, "NotFoundException")
    assert refusal(v2.create_tenant_resource_association, TenantName="zeta",
                   ResourceArn=arn("identity", "example.com")) == (
        404, "NotFoundException", "The requested tenant <zeta> does not exist.")


# -- sending through a tenant ---------------------------------------------------------------

def test_a_send_through_a_tenant_needs_every_resource_it_uses_associated(v2, fake):
    assert refusal(v2.send_email, FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                   Content=SIMPLE, ConfigurationSetName="acme-set", TenantName="acme") == (
        403, "AccessDeniedException",
        f"Tenant not associated with resources [{arn('identity', 'example.com')}, "
        f"{arn('configuration-set', 'acme-set')}].")
    associate(v2, arn("identity", "example.com"), arn("configuration-set", "acme-set"))
    message_id = send(v2, "a@example.org", ConfigurationSetName="acme-set", TenantName="acme")
    [message] = fake.sent_messages
    assert (message.message_id, message.tenant) == (message_id, "acme")
    send(v2, "b@example.org")
    assert fake.sent_messages[-1].tenant is None


def test_a_templated_send_needs_its_template_associated(v2, fake):
    v2.create_email_template(TemplateName="welcome", TemplateContent={"Subject": "Hi {{n}}", "Text": "Hello"})
    associate(v2, arn("identity", "example.com"))
    template = {"Template": {"TemplateName": "welcome", "TemplateData": '{"n": "Ann"}'}}
    assert refusal(v2.send_email, FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                   Content=template, TenantName="acme") == (
        403, "AccessDeniedException", f"Tenant not associated with resources [{arn('template', 'welcome')}].")
    associate(v2, arn("template", "welcome"))
    v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                  Content=template, TenantName="acme")
    bulk = v2.send_bulk_email(FromEmailAddress="me@example.com", TenantName="acme",
                              DefaultContent={"Template": {"TemplateName": "welcome", "TemplateData": '{"n": "x"}'}},
                              BulkEmailEntries=[{"Destination": {"ToAddresses": ["b@example.org"]}}])
    assert bulk["BulkEmailEntryResults"][0]["Status"] == "SUCCESS"
    assert [(m.subject, m.tenant) for m in fake.sent_messages] == [("Hi Ann", "acme"), ("Hi x", "acme")]


def test_a_send_through_an_unknown_tenant_is_not_found_before_identities_are_checked(v2, ses_backend):
    # floci PR #2815 (probed): the tenant is looked up before identity verification.
    assert refusal(v2.send_email, FromEmailAddress="me@unverified.example", Destination={"ToAddresses": ["a@x.org"]},
                   Content=SIMPLE, TenantName="zeta") == (
        404, "NotFoundException", f"Tenant zeta for AwsAccountId {ACCOUNT} not found.")


def test_a_disabled_tenant_does_not_send(v2, fake):
    associate(v2, arn("identity", "example.com"))
    tenant_arn = v2.get_tenant(TenantName="acme")["Tenant"]["TenantArn"]
    v2.update_reputation_entity_customer_managed_status(
        ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn, SendingStatus="DISABLED")
    assert v2.get_tenant(TenantName="acme")["Tenant"]["SendingStatus"] == "DISABLED"
    assert refusal(v2.send_email, FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                   Content=SIMPLE, TenantName="acme") == (400, "SendingPausedException", "Sending is paused for tenant <acme>.")
    assert fake.sent_messages == []


# -- tenant-level suppression -------------------------------------------------------------------

def test_suppression_attributes_come_as_a_pair(v2, fake):
    needs_member("sesv2", "CreateTenant", "SuppressionAttributes")
    assert refusal(v2.put_tenant_suppression_attributes, TenantName="acme", SuppressedReasons=["BOUNCE"]) == (
        400, "BadRequestException", "SuppressedReasons cannot be specified without SuppressionScope.")
    assert refusal(v2.put_tenant_suppression_attributes, TenantName="acme", SuppressionScope="TENANT") == (
        400, "BadRequestException", "SuppressionScope cannot be specified without SuppressedReasons.")
    assert refusal(v2.put_tenant_suppression_attributes, TenantName="acme", SuppressedReasons=["BOUNCE", "BOUNCE"],
                   SuppressionScope="TENANT") == (
        400, "BadRequestException", "Each suppressed reason can only be specified at most once")
    v2.put_tenant_suppression_attributes(TenantName="acme", SuppressedReasons=["BOUNCE"], SuppressionScope="TENANT")
    assert v2.get_tenant(TenantName="acme")["Tenant"]["SuppressionAttributes"] == {
        "SuppressedReasons": ["BOUNCE"], "SuppressionScope": "TENANT"}
    v2.put_tenant_suppression_attributes(TenantName="acme")  # neither: cleared
    assert "SuppressionAttributes" not in v2.get_tenant(TenantName="acme")["Tenant"]
    created = v2.create_tenant(TenantName="beta", SuppressionAttributes={"SuppressedReasons": [],
                                                                          "SuppressionScope": "ACCOUNT"})
    assert created["SuppressionAttributes"] == {"SuppressedReasons": [], "SuppressionScope": "ACCOUNT"}


def test_a_tenant_scope_keeps_its_own_suppression_list(v2, fake):
    needs_member("sesv2", "CreateTenant", "SuppressionAttributes")
    associate(v2, arn("identity", "example.com"))
    v2.put_tenant_suppression_attributes(TenantName="acme", SuppressedReasons=["BOUNCE"], SuppressionScope="TENANT")
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")  # the account's list
    v2.put_suppressed_destination(EmailAddress="left@example.org", Reason="BOUNCE", TenantName="acme")
    entry = v2.get_suppressed_destination(EmailAddress="left@example.org", TenantName="acme")["SuppressedDestination"]
    assert entry["TenantName"] == "acme"
    assert [d["EmailAddress"] for d in v2.list_suppressed_destinations(TenantName="acme")[
        "SuppressedDestinationSummaries"]] == ["left@example.org"]
    send(v2, "gone@example.org", "left@example.org", TenantName="acme")
    [message] = fake.sent_messages
    [bounce] = [e for e in fake.events_of(message) if e.type == "Bounce"]
    # Only the tenant's list is checked (developer guide: the account's is skipped).
    assert bounce.details["bounceSubType"] == "OnTenantSuppressionList"
    assert [r["emailAddress"] for r in bounce.details["bouncedRecipients"]] == ["left@example.org"]
    # A hard bounce of a tenant send goes on the tenant's list, not the account's.
    fake.bounce(message, ["gone@example.org"])
    assert {d["EmailAddress"] for d in v2.list_suppressed_destinations(TenantName="acme")[
        "SuppressedDestinationSummaries"]} == {"left@example.org", "gone@example.org"}
    v2.delete_suppressed_destination(EmailAddress="left@example.org", TenantName="acme")
    assert refusal(v2.get_suppressed_destination, EmailAddress="left@example.org", TenantName="acme")[:2] == (
        404, "NotFoundException")


def test_a_configuration_set_overrides_the_tenants_reasons(v2, fake):
    needs_member("sesv2", "CreateTenant", "SuppressionAttributes")
    associate(v2, arn("identity", "example.com"), arn("configuration-set", "acme-set"))
    v2.put_tenant_suppression_attributes(TenantName="acme", SuppressedReasons=["BOUNCE"], SuppressionScope="TENANT")
    v2.put_suppressed_destination(EmailAddress="left@example.org", Reason="BOUNCE", TenantName="acme")
    v2.put_configuration_set_suppression_options(ConfigurationSetName="acme-set", SuppressedReasons=[])
    send(v2, "left@example.org", TenantName="acme", ConfigurationSetName="acme-set")
    assert fake.sent_messages[-1].delivered
    send(v2, "left@example.org", TenantName="acme")
    assert not fake.sent_messages[-1].delivered


def test_a_resource_associated_with_a_tenant_cannot_be_deleted(v2, fake):
    associate(v2, arn("configuration-set", "acme-set"))
    assert refusal(v2.delete_configuration_set, ConfigurationSetName="acme-set") == (
        400, "BadRequestException", f"Cannot delete <{arn('configuration-set', 'acme-set')}> because it has tenant "
        "associations. Remove all tenant associations and try again.")
    v2.delete_tenant_resource_association(TenantName="acme", ResourceArn=arn("configuration-set", "acme-set"))
    v2.delete_configuration_set(ConfigurationSetName="acme-set")


def test_bounce_and_complaint_events_of_a_tenants_mail_carry_its_name(v2, fake):
    topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:feedback"
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="acme-set", EventDestinationName="to-sns",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND", "BOUNCE"], "SnsDestination": {"TopicArn": topic}})
    associate(v2, arn("identity", "example.com"), arn("configuration-set", "acme-set"))
    send(v2, "bounce@simulator.amazonses.com", TenantName="acme", ConfigurationSetName="acme-set")
    sent, bounced = [e.routes[0].document for e in fake.events]
    # "SES adds a ses:tenant-name tag to bounce and complaint notifications" (developer guide)
    assert bounced["mail"]["tags"]["ses:tenant-name"] == ["acme"]
    assert "ses:tenant-name" not in sent["mail"]["tags"]


def test_a_token_ses_cannot_read_is_refused(v2, fake):
    assert refusal(v2.list_tenants, NextToken="garbage") == (400, "BadRequestException", "Invalid Next Token")
