"""VDM's Advisor through boto3: v2 ListRecommendations, derived from the account's domain
identities, the DNS the test controls (``set_dns``) and the traffic.

Sources: fakeses/domain/vdm.py, docs/fidelity.md "Metrics, insights and recommendations".
"""
from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from support.clients import error_of

ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"


@pytest.fixture
def fake(ses_backend, v2):
    v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    v2.create_email_identity(EmailIdentity="example.com")  # verified, Easy DKIM signing
    return ses_backend


def listed(v2, **params):
    return {(r["Type"], r["Status"], r["Impact"]) for r in v2.list_recommendations(**params)["Recommendations"]}


def send(v2, to):
    return v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [to]},
                         Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})["MessageId"]


def test_a_signing_domain_without_dns_records_is_told_to_publish_them(fake, v2):
    assert listed(v2) == {("SPF", "OPEN", "HIGH"), ("DMARC", "OPEN", "HIGH"), ("BIMI", "OPEN", "LOW")}
    [dmarc] = [r for r in v2.list_recommendations()["Recommendations"] if r["Type"] == "DMARC"]
    assert dmarc["ResourceArn"] == ARN
    assert "_dmarc.example.com" in dmarc["Description"]
    assert dmarc["CreatedTimestamp"] == dmarc["LastUpdatedTimestamp"]


def test_publishing_the_records_fixes_the_recommendations(fake, v2):
    listed(v2)
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="mail.example.com")
    fake.set_dns("example.com", dmarc="v=DMARC1; p=reject", bimi="v=BIMI1; l=https://example.com/logo.svg")
    assert listed(v2) == {("SPF", "FIXED", "HIGH"), ("DMARC", "FIXED", "HIGH"), ("BIMI", "FIXED", "LOW")}
    dmarc = next(r for r in v2.list_recommendations()["Recommendations"] if r["Type"] == "DMARC")
    assert dmarc["LastUpdatedTimestamp"] > dmarc["CreatedTimestamp"]
    fake.set_dns("example.com", bimi=None)  # taken down again: the same recommendation reopens
    assert ("BIMI", "OPEN", "LOW") in listed(v2)


def test_a_dmarc_policy_of_none_and_an_spf_record_without_ses_are_flagged(fake, v2):
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="mail.example.com")
    fake.set_dns("example.com", dmarc="v=DMARC1; p=none; rua=mailto:d@example.com", bimi="v=BIMI1;")
    fake.set_dns("mail.example.com", spf="v=spf1 -all")
    assert listed(v2) == {("DMARC", "OPEN", "LOW"), ("SPF", "OPEN", "HIGH")}
    # A subdomain without a DMARC record of its own has its parent's policy.
    v2.create_email_identity(EmailIdentity="news.example.com")
    sub = {"RESOURCE_ARN": ARN.replace("example.com", "news.example.com")}
    assert ("DMARC", "OPEN", "LOW") in listed(v2, Filter=sub)


def test_dkim_that_does_not_sign_is_a_high_impact_recommendation(fake, v2):
    v2.put_email_identity_dkim_attributes(EmailIdentity="example.com", SigningEnabled=False)
    assert ("DKIM", "OPEN", "HIGH") in listed(v2)


def test_bounce_and_complaint_rates_over_ses_thresholds_are_recommendations(fake, v2):
    for to in ("a@example.org", "b@example.org", "c@yahoo.com"):
        send(v2, to)
    assert {t for t, _, _ in listed(v2)} == {"SPF", "DMARC", "BIMI"}
    messages = fake.sent_messages
    fake.bounce(messages[0])
    fake.complain(messages[2])
    assert {("BOUNCE", "OPEN", "HIGH"), ("COMPLAINT", "OPEN", "HIGH")} <= listed(v2)


def test_only_verified_domains_get_recommendations(ses_backend, v2):
    v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    ses_backend.verify_identity("me@example.org")
    assert v2.list_recommendations()["Recommendations"] == []


def test_filters_and_pages(fake, v2):
    assert listed(v2, Filter={"TYPE": "DMARC"}) == {("DMARC", "OPEN", "HIGH")}
    assert listed(v2, Filter={"STATUS": "OPEN", "IMPACT": "LOW"}) == {("BIMI", "OPEN", "LOW")}
    assert listed(v2, Filter={"STATUS": "FIXED", "TYPE": "SPF"}) == set()
    assert len(v2.list_recommendations(Filter={"RESOURCE_ARN": ARN})["Recommendations"]) == 3
    assert v2.list_recommendations(Filter={"RESOURCE_ARN": ARN + "x"})["Recommendations"] == []
    first = v2.list_recommendations(PageSize=2)
    rest = v2.list_recommendations(PageSize=2, NextToken=first["NextToken"])
    assert len(first["Recommendations"]) == 2 and "NextToken" not in rest
    assert {r["Type"] for r in first["Recommendations"] + rest["Recommendations"]} == {"SPF", "DMARC", "BIMI"}


@pytest.mark.parametrize("params", [
    {"Filter": {"TYPE": "DMARC", "IMPACT": "LOW"}},
    {"Filter": {"STATUS": "CLOSED"}},
    {"PageSize": 0},
    {"PageSize": 101},
])
def test_a_bad_filter_or_page_size_is_refused(fake, v2, params):
    with pytest.raises(ClientError) as caught:
        v2.list_recommendations(**params)
    assert error_of(caught)[:2] == ("BadRequestException", 400)


def test_set_dns_is_told_what_a_record_is(ses_backend):
    with pytest.raises(TypeError, match="dmarc is the record's text"):
        ses_backend.set_dns("example.com", dmarc=True)
    with pytest.raises(TypeError, match="mx is True or False"):
        ses_backend.set_dns("example.com", mx="no")
