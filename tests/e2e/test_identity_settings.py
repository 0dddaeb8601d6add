"""Identity settings through boto3: DKIM signing, custom MAIL FROM and S/MIME certificates.

v1 and v2 are two doors to one identity; each setting is read back through both and
changes what a send records (``mail_from``, ``dkim_domain``) or refuses. Sources of each
behaviour: fakeses/domain/dkim.py, mail_from.py, certificates.py and docs/fidelity.md.
"""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from support.clients import body, client, error_of, refusal
from support.keys import RSA_1024_PKCS1, RSA_2048_PKCS8, RSA_4096_PKCS1

from fakeses import fakeses
from fakeses._model import service_model

PENDING_MODE = pytest.mark.fakeses(auto_verify=False)
TEXT = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Welcome"}}}
TO = {"ToAddresses": ["ann@example.org"]}


def send_v1(v1, source="news@example.com"):
    return v1.send_email(Source=source, Destination=TO, Message=TEXT)


def send_v2(v2, source="news@example.com"):
    return v2.send_email(FromEmailAddress=source, Destination=TO, Content={"Simple": TEXT})


# -- MAIL FROM: setting and reading ---------------------------------------------------------

def test_a_mail_from_domain_set_through_v1_is_read_by_both_apis(v1, v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com")
    assert body(v1.set_identity_mail_from_domain(Identity="example.com", MailFromDomain="bounce.example.com",
                                                 BehaviorOnMXFailure="RejectMessage")) == {}
    attributes = v1.get_identity_mail_from_domain_attributes(Identities=["example.com", "unknown.com"])
    assert attributes["MailFromDomainAttributes"] == {"example.com": {
        "MailFromDomain": "bounce.example.com", "MailFromDomainStatus": "Success", "BehaviorOnMXFailure": "RejectMessage"}}
    assert v2.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"] == {
        "MailFromDomain": "bounce.example.com", "MailFromDomainStatus": "SUCCESS", "BehaviorOnMxFailure": "REJECT_MESSAGE"}


def test_a_mail_from_domain_set_through_v2_is_read_by_v1(v1, v2, ses_backend):
    v1.verify_domain_identity(Domain="example.com")
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="mail.example.com")
    assert v1.get_identity_mail_from_domain_attributes(Identities=["example.com"])["MailFromDomainAttributes"] == {
        "example.com": {"MailFromDomain": "mail.example.com", "MailFromDomainStatus": "Success",
                        "BehaviorOnMXFailure": "UseDefaultValue"}}


def test_an_identity_without_a_mail_from_domain_reports_only_the_behavior(v1, v2, ses_backend):
    """AWS leaves out MailFromDomain and its status (floci PR #1310; getmoto/moto#9771)."""
    v2.create_email_identity(EmailIdentity="example.com")
    assert v2.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"] == {
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE"}
    assert v1.get_identity_mail_from_domain_attributes(Identities=["example.com"])["MailFromDomainAttributes"] == {
        "example.com": {"BehaviorOnMXFailure": "UseDefaultValue"}}


@pytest.mark.parametrize("clear", [{}, {"MailFromDomain": ""}], ids=["absent", "empty"])
def test_no_mail_from_domain_clears_it_and_resets_the_behavior(v1, v2, ses_backend, clear):
    """Null disables it (seed 003); the behavior goes back to the default (floci PR #1310)."""
    v2.create_email_identity(EmailIdentity="example.com")
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="bounce.example.com",
                                               BehaviorOnMxFailure="REJECT_MESSAGE")
    v1.set_identity_mail_from_domain(Identity="example.com", **clear)
    assert v2.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"] == {
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE"}


def test_an_email_address_identity_takes_a_subdomain_of_its_domain(v1, ses_backend):
    """The identity may be an address (seed 003; getmoto/moto#6753: bar.foo.com for test@foo.com)."""
    v1.verify_email_identity(EmailAddress="test@foo.com")
    v1.set_identity_mail_from_domain(Identity="test@foo.com", MailFromDomain="bar.foo.com")
    got = v1.get_identity_mail_from_domain_attributes(Identities=["test@foo.com"])["MailFromDomainAttributes"]
    assert got["test@foo.com"]["MailFromDomain"] == "bar.foo.com"


@pytest.mark.parametrize("domain", ["bounce.other.com", "example.com", "mail.dive.day", "a..example.com"])
def test_a_mail_from_domain_outside_the_identity_is_refused_with_ses_text(v1, v2, ses_backend, domain):
    """Recorded: "Provided MAIL-FROM domain <x> is not subdomain of the domain of the identity <y>."
    (Terraform's v1 error; v2 through CloudFormation refused mail.dive.day for ses.dive.day)."""
    identity = "ses.dive.day" if domain.endswith("dive.day") else "example.com"
    v2.create_email_identity(EmailIdentity=identity)
    text = f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of the identity <{identity}>."
    assert refusal(v1.set_identity_mail_from_domain, Identity=identity, MailFromDomain=domain) == (
        400, "InvalidParameterValue", text)
    assert refusal(v2.put_email_identity_mail_from_attributes, EmailIdentity=identity, MailFromDomain=domain) == (
        400, "BadRequestException", text)


def test_mail_from_of_an_unknown_identity_is_refused(v1, v2, ses_backend):
    """floci PR #716, checked against aws-cli: "Identity <X> does not exist." on both doors."""
    assert refusal(v1.set_identity_mail_from_domain, Identity="ghost.com", MailFromDomain="m.ghost.com") == (
        400, "InvalidParameterValue", "Identity <ghost.com> does not exist.")
    assert refusal(v2.put_email_identity_mail_from_attributes, EmailIdentity="ghost.com") == (
        400, "BadRequestException", "Identity <ghost.com> does not exist.")


# -- MAIL FROM: its effect on sends ---------------------------------------------------------------

def test_a_send_goes_out_with_the_custom_mail_from_domain_once_its_mx_record_is_found(v1, v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com")
    send_v2(v2)
    v1.set_identity_mail_from_domain(Identity="example.com", MailFromDomain="bounce.example.com")
    send_v1(v1)
    default, custom = ses_backend.sent_messages
    assert default.mail_from == f"{default.message_id}@amazonses.com"  # us-east-1: recorded Return-Path
    assert (default.mail_from_domain, custom.mail_from_domain) == (None, "bounce.example.com")
    assert custom.mail_from == f"{custom.message_id}@bounce.example.com"


def test_ses_own_mail_from_domain_names_the_region_outside_us_east_1(ses_backend):
    """<id>@eu-west-1.amazonses.com (Return-Path of messages sent from eu-west-1)."""
    ses_backend.verify_identity("example.com")
    send_v2(client("sesv2", "eu-west-1"))
    [sent] = ses_backend.sent_messages
    assert sent.mail_from == f"{sent.message_id}@eu-west-1.amazonses.com"


@PENDING_MODE
def test_a_pending_mail_from_domain_falls_back_to_ses_own_by_default(v1, v2, ses_backend):
    ses_backend.verify_identity("example.com")
    v1.set_identity_mail_from_domain(Identity="example.com", MailFromDomain="bounce.example.com")
    got = v1.get_identity_mail_from_domain_attributes(Identities=["example.com"])["MailFromDomainAttributes"]
    assert got["example.com"]["MailFromDomainStatus"] == "Pending"
    send_v1(v1)
    ses_backend.set_mail_from_status("example.com", "Success")
    send_v1(v1)
    assert [m.mail_from_domain for m in ses_backend.sent_messages] == [None, "bounce.example.com"]
    assert v2.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"]["MailFromDomainStatus"] == "SUCCESS"


@PENDING_MODE
@pytest.mark.parametrize("status", ["Pending", "Failed", "TemporaryFailure"])
def test_reject_message_refuses_sends_while_the_mail_from_domain_is_not_success(v1, v2, ses_backend, status):
    """RejectMessage: "taken when the custom MAIL FROM domain setup is in the Pending, Failed,
    and TemporaryFailure states" (seed 003), every send operation of both APIs."""
    ses_backend.verify_identity("example.com")
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="bounce.example.com",
                                               BehaviorOnMxFailure="REJECT_MESSAGE")
    ses_backend.set_mail_from_status("example.com", status)
    raw = b"From: news@example.com\r\nTo: ann@example.org\r\nSubject: Hi\r\n\r\nWelcome\r\n"
    for call in (lambda: send_v1(v1), lambda: send_v2(v2), lambda: v1.send_raw_email(RawMessage={"Data": raw}),
                 lambda: v2.send_email(FromEmailAddress="news@example.com", Destination=TO,
                                       Content={"Raw": {"Data": raw}})):
        with pytest.raises(ClientError) as info:
            call()
        code, http, message = error_of(info)
        assert (code, http) == ("MailFromDomainNotVerifiedException", 400)
        assert "bounce.example.com" in message
    assert ses_backend.sent_messages == []
    assert v2.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"]["MailFromDomainStatus"] == (
        {"Pending": "PENDING", "Failed": "FAILED", "TemporaryFailure": "TEMPORARY_FAILURE"}[status])


def test_a_subdomain_address_uses_its_parent_domain_mail_from(v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com")
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="bounce.example.com")
    send_v2(v2, "alerts@eu.example.com")
    assert ses_backend.sent_messages[0].mail_from_domain == "bounce.example.com"


def test_set_mail_from_status_refuses_what_it_cannot_apply(ses_backend):
    ses_backend.verify_identity("example.com")
    with pytest.raises(ValueError, match="has no MAIL FROM domain"):
        ses_backend.set_mail_from_status("example.com", "Success")
    with pytest.raises(ValueError, match="takes a status of 'Pending', 'Success', 'Failed', 'TemporaryFailure'"):
        ses_backend.set_mail_from_status("example.com", "Verified")
    with pytest.raises(ValueError, match="set_mail_from_status\\(\\) takes the address alone"):
        ses_backend.set_mail_from_status("News <news@example.com>", "Success")


# -- DKIM ----------------------------------------------------------------------------------------

def test_turning_dkim_signing_off_keeps_the_records_status_and_stops_signing(v1, v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com")
    send_v2(v2)
    assert body(v2.put_email_identity_dkim_attributes(EmailIdentity="example.com", SigningEnabled=False)) == {}
    dkim = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert (dkim["SigningEnabled"], dkim["Status"], len(dkim["Tokens"])) == (False, "SUCCESS", 3)
    v1_dkim = v1.get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]["example.com"]
    assert (v1_dkim["DkimEnabled"], v1_dkim["DkimVerificationStatus"]) == (False, "Success")
    send_v2(v2)
    v1.set_identity_dkim_enabled(Identity="example.com", DkimEnabled=True)
    send_v2(v2)
    assert [m.dkim_domain for m in ses_backend.sent_messages] == ["example.com", None, "example.com"]


@PENDING_MODE
def test_a_domain_signs_only_once_its_dkim_records_are_found(v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com")
    ses_backend.verify_identity("news@example.com")  # the sender, not the domain's DNS
    send_v2(v2)
    ses_backend.verify_identity("example.com")
    send_v2(v2)
    assert [m.dkim_domain for m in ses_backend.sent_messages] == [None, "example.com"]


@pytest.mark.parametrize("enabled", [True, False])
def test_dkim_of_a_domain_without_dkim_is_refused_naming_the_domain(v1, v2, ses_backend, enabled):
    """"Domain X is not verified for DKIM signing." (floci PR #723 against SES v2; declastruct's
    journey test: an address under example.com, signing false)."""
    assert refusal(v2.put_email_identity_dkim_attributes, EmailIdentity="ghost.com", SigningEnabled=enabled) == (
        400, "BadRequestException", "Domain ghost.com is not verified for DKIM signing.")
    assert refusal(v2.put_email_identity_dkim_attributes, EmailIdentity="a@ghost.com", SigningEnabled=enabled) == (
        400, "BadRequestException", "Domain ghost.com is not verified for DKIM signing.")
    v1.verify_domain_identity(Domain="ghost.com")  # a domain, but no DKIM set up
    assert refusal(v1.set_identity_dkim_enabled, Identity="ghost.com", DkimEnabled=enabled) == (
        400, "InvalidParameterValue", "Domain ghost.com is not verified for DKIM signing.")
    v1.verify_domain_dkim(Domain="ghost.com")
    v1.set_identity_dkim_enabled(Identity="ghost.com", DkimEnabled=enabled)
    assert v1.get_identity_dkim_attributes(Identities=["ghost.com"])["DkimAttributes"]["ghost.com"]["DkimEnabled"] is enabled


def test_dkim_signing_of_an_address_changes_nothing_of_its_domain(v2, ses_backend):
    """floci PR #723: accepted, and the domain's DkimAttributes are unchanged."""
    v2.create_email_identity(EmailIdentity="example.com")
    before = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    v2.put_email_identity_dkim_attributes(EmailIdentity="ann@example.com", SigningEnabled=False)
    assert v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"] == before


def test_dkim_signing_attributes_switch_between_easy_dkim_and_byodkim(v2, ses_backend):
    created = v2.create_email_identity(EmailIdentity="example.com")
    easy_tokens = created["DkimAttributes"]["Tokens"]
    answer = v2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="example.com", SigningAttributesOrigin="EXTERNAL",
        SigningAttributes={"DomainSigningSelector": "sel1", "DomainSigningPrivateKey": RSA_2048_PKCS8})
    assert body(answer) == {"DkimStatus": "PENDING", "DkimTokens": ["sel1"]}
    assert v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"] == {
        "SigningEnabled": True, "Status": "SUCCESS", "Tokens": ["sel1"], "SigningAttributesOrigin": "EXTERNAL"}
    back = v2.put_email_identity_dkim_signing_attributes(EmailIdentity="example.com", SigningAttributesOrigin="AWS_SES")
    assert back["DkimStatus"] == "PENDING" and len(back["DkimTokens"]) == 3 and back["DkimTokens"] != easy_tokens
    again = v2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="example.com", SigningAttributesOrigin="AWS_SES",
        SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"})
    assert (again["DkimStatus"], again["DkimTokens"]) == ("SUCCESS", back["DkimTokens"])
    dkim = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert (dkim["NextSigningKeyLength"], dkim["CurrentSigningKeyLength"]) == ("RSA_1024_BIT", "RSA_2048_BIT")


def test_dkim_signing_attributes_are_for_known_domains_only(v2, ses_backend):
    """floci PR #1904 ("verified"): an address is "The EmailIdentity value must be a valid domain."."""
    assert refusal(v2.put_email_identity_dkim_signing_attributes, EmailIdentity="ann@example.com",
                   SigningAttributesOrigin="AWS_SES") == (
        400, "BadRequestException", "The EmailIdentity value must be a valid domain.")
    assert refusal(v2.put_email_identity_dkim_signing_attributes, EmailIdentity="ghost.com",
                   SigningAttributesOrigin="AWS_SES") == (
        404, "NotFoundException", "Email identity ghost.com does not exist.")


@pytest.mark.parametrize("attributes, reason", [
    ({"DomainSigningSelector": "sel1"}, "Both DomainSigningSelector and DomainSigningPrivateKey"),
    ({"DomainSigningSelector": "sel1", "DomainSigningPrivateKey": "QUJD"}, "Invalid DKIM private key"),
    ({"DomainSigningSelector": "sel1", "DomainSigningPrivateKey": RSA_4096_PKCS1}, "4096 bits"),
], ids=["no key", "not a key", "too long a key"])
def test_byodkim_needs_a_1024_to_2048_bit_rsa_key_also_at_create(v2, ses_backend, attributes, reason):
    for call, params in ((v2.create_email_identity, {"DkimSigningAttributes": attributes}),
                         (v2.put_email_identity_dkim_signing_attributes,
                          {"SigningAttributesOrigin": "EXTERNAL", "SigningAttributes": attributes})):
        if call == v2.put_email_identity_dkim_signing_attributes:
            v2.create_email_identity(EmailIdentity="example.com")
        status, code, message = refusal(call, EmailIdentity="example.com", **params)
        assert (status, code) == (400, "BadRequestException") and reason in message
    assert [i["IdentityName"] for i in v2.list_email_identities()["EmailIdentities"]] == ["example.com"]


def test_a_1024_bit_pkcs1_key_is_taken(v2, ses_backend):
    v2.create_email_identity(EmailIdentity="example.com", DkimSigningAttributes={
        "DomainSigningSelector": "s2024", "DomainSigningPrivateKey": RSA_1024_PKCS1})
    assert v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Tokens"] == ["s2024"]


def test_a_replicated_origin_copies_the_same_domain_easy_dkim_from_its_region(ses_backend):
    """Deterministic Easy DKIM: the replica signs with the parent's keys (seed 001)."""
    if "AWS_SES_US_EAST_1" not in service_model("sesv2").shape_for("DkimSigningAttributesOrigin").enum:
        pytest.skip("the installed botocore does not model replicated DKIM origins")
    east, west = client("sesv2", "us-east-1"), client("sesv2", "eu-west-1")
    tokens = east.create_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Tokens"]
    west.create_email_identity(EmailIdentity="example.com", DkimSigningAttributes={
        "DomainSigningAttributesOrigin": "AWS_SES_US_EAST_1"})
    dkim = west.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert (dkim["SigningAttributesOrigin"], dkim["Tokens"]) == ("AWS_SES_US_EAST_1", tokens)
    status, code, _ = refusal(west.create_email_identity, EmailIdentity="other.com",
                              DkimSigningAttributes={"DomainSigningAttributesOrigin": "AWS_SES_US_EAST_1"})
    assert (status, code) == (400, "BadRequestException")


# -- S/MIME certificates (botocore 1.43.86+) --------------------------------------------------------

ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001"


@pytest.fixture
def smime():
    if "AssociateEmailIdentityCertificate" not in service_model("sesv2").operation_names:
        pytest.skip("the installed botocore does not model the S/MIME certificate operations")


def test_a_certificate_is_associated_listed_and_disassociated(v2, ses_backend, smime):
    v2.create_email_identity(EmailIdentity="example.com")
    v2.associate_email_identity_certificate(EmailIdentity="example.com", FromAddress="ann@mail.example.com",
                                            CertificateArn=ARN)
    assert body(v2.list_email_identity_certificates(EmailIdentity="example.com")) == {"Certificates": [
        {"FromAddress": "ann@mail.example.com", "Status": "ACTIVE", "CertificateArn": ARN}]}
    assert refusal(v2.associate_email_identity_certificate, EmailIdentity="example.com",
                   FromAddress="ann@mail.example.com", CertificateArn=ARN)[:2] == (400, "AlreadyExistsException")
    v2.disassociate_email_identity_certificate(EmailIdentity="example.com", FromAddress="ann@mail.example.com")
    v2.disassociate_email_identity_certificate(EmailIdentity="example.com", FromAddress="ann@mail.example.com")
    assert v2.list_email_identity_certificates(EmailIdentity="example.com")["Certificates"] == []


@PENDING_MODE
def test_a_certificate_provisions_until_ses_is_done(v2, ses_backend, smime):
    v2.create_email_identity(EmailIdentity="ann@example.com")
    v2.associate_email_identity_certificate(EmailIdentity="ann@example.com", CertificateArn=ARN)
    [certificate] = v2.list_email_identity_certificates(EmailIdentity="ann@example.com")["Certificates"]
    assert (certificate["FromAddress"], certificate["Status"]) == ("ann@example.com", "PROVISIONING")
    v2.disassociate_email_identity_certificate(EmailIdentity="ann@example.com")
    [certificate] = v2.list_email_identity_certificates(EmailIdentity="ann@example.com")["Certificates"]
    assert certificate["Status"] == "DEPROVISIONING"
    v2.associate_email_identity_certificate(EmailIdentity="ann@example.com", CertificateArn=ARN)  # allowed now


@pytest.mark.parametrize("identity, address", [
    ("example.com", None), ("example.com", "ann@example.org"), ("ann@example.com", "bob@example.com")])
def test_a_certificate_address_must_belong_to_the_identity(v2, ses_backend, smime, identity, address):
    v2.create_email_identity(EmailIdentity=identity)
    params = {"FromAddress": address} if address else {}
    assert refusal(v2.associate_email_identity_certificate, EmailIdentity=identity, CertificateArn=ARN,
                   **params)[:2] == (400, "BadRequestException")


def test_certificates_of_an_unknown_identity_are_not_found(v2, ses_backend, smime):
    for call, params in ((v2.associate_email_identity_certificate, {"CertificateArn": ARN}),
                         (v2.disassociate_email_identity_certificate, {}),
                         (v2.list_email_identity_certificates, {})):
        assert refusal(call, EmailIdentity="ghost@example.com", **params) == (
            404, "NotFoundException", "Email identity ghost@example.com does not exist.")


def test_certificates_are_listed_a_page_at_a_time(v2, ses_backend, smime):
    v2.create_email_identity(EmailIdentity="example.com")
    for name in ("a", "b", "c"):
        v2.associate_email_identity_certificate(EmailIdentity="example.com", FromAddress=f"{name}@example.com",
                                                CertificateArn=ARN)
    first = v2.list_email_identity_certificates(EmailIdentity="example.com", PageSize=2)
    rest = v2.list_email_identity_certificates(EmailIdentity="example.com", NextToken=first["NextToken"])
    assert [c["FromAddress"] for c in first["Certificates"] + rest["Certificates"]] == [
        "a@example.com", "b@example.com", "c@example.com"]
    assert "NextToken" not in rest


def test_with_moto_the_acm_certificate_must_exist(smime):
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses():
        acm = boto3.client("acm", region_name="us-east-1")
        arn = acm.request_certificate(DomainName="example.com")["CertificateArn"]
        ses = boto3.client("sesv2", region_name="us-east-1")
        ses.create_email_identity(EmailIdentity="example.com")
        assert refusal(ses.associate_email_identity_certificate, EmailIdentity="example.com",
                       FromAddress="a@example.com", CertificateArn=ARN)[:2] == (404, "NotFoundException")
        ses.associate_email_identity_certificate(EmailIdentity="example.com", FromAddress="a@example.com",
                                                 CertificateArn=arn)
        assert len(ses.list_email_identity_certificates(EmailIdentity="example.com")["Certificates"]) == 1
