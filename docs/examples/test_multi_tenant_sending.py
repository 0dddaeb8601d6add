"""Multi-tenant sending: a tenant sends only through its own resources, keeps its own
suppression list, and is paused when its bounces cross SES's threshold."""
import boto3
import pytest

pytestmark = pytest.mark.skipif(
    "create_tenant" not in dir(boto3.client("sesv2", region_name="us-east-1")),
    reason="this botocore does not model SES tenants (botocore 1.43 or later does)")

ACCOUNT = "123456789012"
SIMPLE = {"Simple": {"Subject": {"Data": "Your invoice"}, "Body": {"Text": {"Data": "Hello"}}}}


def onboard(ses, customer, domain):
    """The code under test: a tenant per customer, with the customer's domain."""
    ses.create_email_identity(EmailIdentity=domain)
    ses.create_tenant(TenantName=customer)
    ses.create_tenant_resource_association(
        TenantName=customer, ResourceArn=f"arn:aws:ses:us-east-1:{ACCOUNT}:identity/{domain}")


def send_invoice(ses, customer, sender, to):
    return ses.send_email(FromEmailAddress=sender, Destination={"ToAddresses": [to]},
                          Content=SIMPLE, TenantName=customer)["MessageId"]


def test_each_customer_sends_through_its_own_tenant(ses_backend):
    ses = boto3.client("sesv2", region_name="us-east-1")
    onboard(ses, "acme", "acme.example")
    onboard(ses, "globex", "globex.example")

    send_invoice(ses, "acme", "billing@acme.example", "ann@example.org")

    [sent] = ses_backend.sent_messages
    assert sent.tenant == "acme"
    # acme's tenant may not send as globex's domain: SES answers 403.
    with pytest.raises(ses.exceptions.ClientError) as refused:
        send_invoice(ses, "acme", "billing@globex.example", "bob@example.org")
    assert refused.value.response["Error"]["Code"] == "AccessDeniedException"


def test_a_tenant_whose_bounces_cross_ten_percent_is_paused(ses_backend):
    ses = boto3.client("sesv2", region_name="us-east-1")
    onboard(ses, "acme", "acme.example")
    for n in range(10):
        send_invoice(ses, "acme", "billing@acme.example", f"customer{n}@example.org")
    ses_backend.bounce(ses_backend.sent_messages[0])  # 1 hard bounce in 10 sends

    tenant = ses.get_tenant(TenantName="acme")["Tenant"]
    assert tenant["SendingStatus"] == "DISABLED"
    entity = ses.get_reputation_entity(ReputationEntityType="RESOURCE",
                                       ReputationEntityReference=tenant["TenantArn"])["ReputationEntity"]
    assert entity["ReputationImpact"] == "HIGH"
    with pytest.raises(ses.exceptions.SendingPausedException):
        send_invoice(ses, "acme", "billing@acme.example", "late@example.org")
