"""Identities through boto3: v1 Verify*/List*/Get*Attributes/Delete*, v2 *EmailIdentity.

Every test would run unchanged against real SES (with real addresses and domains); the
only fakeses calls are the handle's ``verify_identity`` (clicking the link / publishing
the DNS records) and ``backend()`` for the multi-account check. Facts G* are in
docs/_research/foundation.md, F* in the shared research user-needs.md.
"""
from __future__ import annotations

import re

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support.clients import body, client, error_of
from support.keys import RSA_1024_PKCS1

from fakeses.domain import clock

PENDING_MODE = pytest.mark.fakeses(auto_verify=False)
DKIM_TOKEN = re.compile(r"^[a-z2-7]{32}$")  # G17
TXT_TOKEN = re.compile(r"^[A-Za-z0-9+/]{43}=$")  # G16: base64 of 32 bytes









# -- v1: email addresses ---------------------------------------------------------------

@PENDING_MODE
def test_a_verified_email_address_is_pending_until_the_link_is_clicked(v1, ses_backend):
    """New email identities are Pending until verified; no token for addresses (G18, seed 003)."""
    assert body(v1.verify_email_identity(EmailAddress="ann@example.com")) == {}
    assert v1.list_identities()["Identities"] == ["ann@example.com"]
    attrs = v1.get_identity_verification_attributes(Identities=["ann@example.com"])
    assert attrs["VerificationAttributes"] == {"ann@example.com": {"VerificationStatus": "Pending"}}
    assert v1.list_verified_email_addresses()["VerifiedEmailAddresses"] == []

    ses_backend.verify_identity("ann@example.com")
    attrs = v1.get_identity_verification_attributes(Identities=["ann@example.com"])
    assert attrs["VerificationAttributes"] == {"ann@example.com": {"VerificationStatus": "Success"}}
    assert v1.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["ann@example.com"]


def test_with_auto_verify_an_email_address_is_verified_at_once(v1, ses_backend):
    v1.verify_email_identity(EmailAddress="ann@example.com")
    attrs = v1.get_identity_verification_attributes(Identities=["ann@example.com"])
    assert attrs["VerificationAttributes"]["ann@example.com"]["VerificationStatus"] == "Success"


def test_the_legacy_verify_email_address_creates_the_same_email_identity(v1, v2, ses_backend):
    """VerifyEmailAddress is the deprecated twin of VerifyEmailIdentity (seed 004)."""
    assert body(v1.verify_email_address(EmailAddress="ann@example.com")) == {}
    assert v1.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["ann@example.com"]
    assert v1.list_identities(IdentityType="EmailAddress")["Identities"] == ["ann@example.com"]
    assert v2.get_email_identity(EmailIdentity="ann@example.com")["IdentityType"] == "EMAIL_ADDRESS"


@PENDING_MODE
def test_verifying_an_email_address_twice_is_no_error_and_keeps_one_identity(v1, ses_backend):
    """VerifyEmailIdentity models no error and is idempotent (F14)."""
    v1.verify_email_identity(EmailAddress="ann@example.com")
    v1.verify_email_identity(EmailAddress="ann@example.com")
    assert v1.list_identities()["Identities"] == ["ann@example.com"]


def test_email_addresses_are_case_sensitive_identities(v1, ses_backend):
    """Addresses are case-sensitive for verification (F11, re:Post ses-554-400-message-rejected-error)."""
    v1.verify_email_identity(EmailAddress="Ann@example.com")
    v1.verify_email_identity(EmailAddress="ann@example.com")
    assert v1.list_identities()["Identities"] == ["Ann@example.com", "ann@example.com"]


def test_verifying_a_malformed_email_address_is_invalid_parameter_value(v1, ses_backend):
    """v1 checks addresses itself with InvalidParameterValue (G22, F8); the exact text for
    VerifyEmailIdentity is not recorded, so only code and status are pinned."""
    with pytest.raises(ClientError) as info:
        v1.verify_email_identity(EmailAddress="not-an-address")
    code, status, _ = error_of(info)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert v1.list_identities()["Identities"] == []


# -- v1: domains and DKIM -------------------------------------------------------------

@PENDING_MODE
def test_verifying_a_domain_returns_a_stable_txt_token(v1, ses_backend):
    """A 44-character base64 token, the same on a repeat, reported with the status (G16, G18)."""
    token = v1.verify_domain_identity(Domain="example.com")["VerificationToken"]
    assert TXT_TOKEN.match(token)
    assert v1.verify_domain_identity(Domain="example.com")["VerificationToken"] == token
    attrs = v1.get_identity_verification_attributes(Identities=["example.com"])["VerificationAttributes"]
    assert attrs == {"example.com": {"VerificationStatus": "Pending", "VerificationToken": token}}

    ses_backend.verify_identity("example.com")
    attrs = v1.get_identity_verification_attributes(Identities=["example.com"])["VerificationAttributes"]
    assert attrs == {"example.com": {"VerificationStatus": "Success", "VerificationToken": token}}


def test_domains_are_case_insensitive_identities(v1, ses_backend):
    """Domains are case-insensitive (F11): one identity, listed in lower case, one token."""
    token = v1.verify_domain_identity(Domain="Example.COM")["VerificationToken"]
    assert v1.verify_domain_identity(Domain="example.com")["VerificationToken"] == token
    assert v1.list_identities()["Identities"] == ["example.com"]


def test_verifying_a_domain_with_a_trailing_dot_is_invalid(v1, ses_backend):
    """Recorded: "Invalid domain name <domain>." (terraform-provider-aws PR #3840; G40)."""
    with pytest.raises(ClientError) as info:
        v1.verify_domain_identity(Domain="example.com.")
    assert error_of(info) == ("InvalidParameterValue", 400, "Invalid domain name example.com..")


@PENDING_MODE
def test_verify_domain_dkim_gives_three_stable_tokens_and_registers_the_domain(v1, ses_backend):
    """Three 32-character base32 tokens (G17), stable, the domain becomes a pending identity (G20)."""
    tokens = v1.verify_domain_dkim(Domain="example.com")["DkimTokens"]
    assert len(tokens) == 3 and all(DKIM_TOKEN.match(t) for t in tokens)
    assert v1.verify_domain_dkim(Domain="example.com")["DkimTokens"] == tokens
    assert v1.list_identities()["Identities"] == ["example.com"]
    attrs = v1.get_identity_verification_attributes(Identities=["example.com"])["VerificationAttributes"]
    assert attrs["example.com"]["VerificationStatus"] == "Pending"


@PENDING_MODE
def test_dkim_attributes_of_an_easy_dkim_domain_go_from_pending_to_success(v1, ses_backend):
    """Domain: DkimEnabled, status and the three tokens (G19, aws-cli get-identity-dkim-attributes)."""
    tokens = v1.verify_domain_dkim(Domain="example.com")["DkimTokens"]
    attrs = v1.get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]
    assert attrs == {"example.com": {"DkimEnabled": True, "DkimVerificationStatus": "Pending", "DkimTokens": tokens}}
    ses_backend.verify_identity("example.com")
    attrs = v1.get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]
    assert attrs == {"example.com": {"DkimEnabled": True, "DkimVerificationStatus": "Success", "DkimTokens": tokens}}


def test_dkim_attributes_of_an_address_without_dkim_have_no_tokens(v1, ses_backend):
    """Exactly DkimEnabled false and NotStarted, no DkimTokens key (G19, aws-cli example)."""
    v1.verify_email_identity(EmailAddress="ann@example.com")
    attrs = v1.get_identity_dkim_attributes(Identities=["ann@example.com"])["DkimAttributes"]
    assert attrs == {"ann@example.com": {"DkimEnabled": False, "DkimVerificationStatus": "NotStarted"}}


def test_an_address_reports_the_dkim_state_of_its_domain(v1, ses_backend):
    """"For email addresses, the tokens represent the domain of that address" (seed 003; G19)."""
    v1.verify_email_identity(EmailAddress="ann@example.com")
    tokens = v1.verify_domain_dkim(Domain="example.com")["DkimTokens"]
    attrs = v1.get_identity_dkim_attributes(Identities=["ann@example.com"])["DkimAttributes"]
    assert attrs == {"ann@example.com": {"DkimEnabled": True, "DkimVerificationStatus": "Success", "DkimTokens": tokens}}


def test_identities_never_submitted_are_left_out_of_the_attribute_maps(v1, ses_backend):
    """"...that identity won't appear in the output" (aws-cli docs of both operations; G18)."""
    v1.verify_domain_identity(Domain="example.com")
    verification = v1.get_identity_verification_attributes(Identities=["example.com", "other.example", "x@y.org"])
    assert list(verification["VerificationAttributes"]) == ["example.com"]
    dkim = v1.get_identity_dkim_attributes(Identities=["other.example", "x@y.org"])
    assert dkim["DkimAttributes"] == {}


# -- v1: listing and deleting ----------------------------------------------------------

def test_list_identities_filters_by_identity_type(v1, ses_backend):
    """IdentityType EmailAddress | Domain; every identity whatever its status (G21)."""
    v1.verify_email_identity(EmailAddress="ann@example.com")
    v1.verify_domain_identity(Domain="example.com")
    v1.verify_email_identity(EmailAddress="bob@example.org")
    assert v1.list_identities()["Identities"] == ["ann@example.com", "example.com", "bob@example.org"]
    assert v1.list_identities(IdentityType="EmailAddress")["Identities"] == ["ann@example.com", "bob@example.org"]
    assert v1.list_identities(IdentityType="Domain")["Identities"] == ["example.com"]


def test_list_identities_pages_with_max_items_and_next_token(v1, ses_backend):
    """MaxItems bounds a page and NextToken continues it (seed 003 ListIdentities)."""
    names = [f"user{i}@example.com" for i in range(5)]
    for name in names:
        v1.verify_email_identity(EmailAddress=name)
    first = v1.list_identities(MaxItems=2)
    second = v1.list_identities(MaxItems=2, NextToken=first["NextToken"])
    third = v1.list_identities(MaxItems=2, NextToken=second["NextToken"])
    assert [first["Identities"], second["Identities"], third["Identities"]] == [names[:2], names[2:4], names[4:]]
    assert "NextToken" not in third
    assert "NextToken" not in v1.list_identities()


def test_list_identities_with_an_unknown_identity_type_is_a_validation_error(ses_backend):
    """A value outside the model's enum is a Coral ValidationError, 400 (G4, G21)."""
    raw = boto3.client("ses", region_name="us-east-1", config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as info:
        raw.list_identities(IdentityType="Unknown")
    code, status, message = error_of(info)
    assert (code, status) == ("ValidationError", 400)
    assert message.startswith("1 validation error detected: ")


def test_list_identities_with_a_forged_next_token_is_invalid_parameter_value(v1, ses_backend):
    """A token SES never gave is refused as bad input; its text is not recorded."""
    with pytest.raises(ClientError) as info:
        v1.list_identities(NextToken="not-a-token")
    assert error_of(info)[:2] == ("InvalidParameterValue", 400)


def test_deleting_an_identity_removes_it_from_every_view(v1, v2, ses_backend):
    v1.verify_domain_identity(Domain="example.com")
    v1.verify_email_identity(EmailAddress="ann@example.org")
    assert body(v1.delete_identity(Identity="EXAMPLE.com")) == {}  # domains in any case (F11)
    assert v1.list_identities()["Identities"] == ["ann@example.org"]
    assert v1.get_identity_verification_attributes(Identities=["example.com"])["VerificationAttributes"] == {}
    with pytest.raises(ClientError) as info:
        v2.get_email_identity(EmailIdentity="example.com")
    assert error_of(info)[:2] == ("NotFoundException", 404)


def test_deleting_an_unknown_identity_with_v1_succeeds(v1, ses_backend):
    """DeleteIdentity models no error: an unknown identity is a 200 with an empty result (F14, G22)."""
    assert body(v1.delete_identity(Identity="nobody@example.com")) == {}


def test_delete_verified_email_address_removes_the_address(v1, ses_backend):
    v1.verify_email_address(EmailAddress="ann@example.com")
    v1.verify_email_address(EmailAddress="bob@example.com")
    assert body(v1.delete_verified_email_address(EmailAddress="ann@example.com")) == {}
    assert v1.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["bob@example.com"]
    assert v1.list_identities()["Identities"] == ["bob@example.com"]


@PENDING_MODE
def test_list_verified_email_addresses_leaves_out_pending_addresses_and_domains(v1, ses_backend):
    v1.verify_email_identity(EmailAddress="ann@example.com")
    v1.verify_email_identity(EmailAddress="bob@example.com")
    v1.verify_domain_identity(Domain="example.org")
    ses_backend.verify_identity("bob@example.com")
    ses_backend.verify_identity("example.org")
    assert v1.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["bob@example.com"]


# -- v2: email addresses -----------------------------------------------------------------

RECORDED_EMAIL_IDENTITY = {  # aws sesv2 get-email-identity on real SES (getmoto/moto#9771; G24)
    "IdentityType": "EMAIL_ADDRESS",
    "FeedbackForwardingStatus": True,
    "VerifiedForSendingStatus": False,
    "DkimAttributes": {
        "SigningEnabled": False,
        "Status": "NOT_STARTED",
        "SigningAttributesOrigin": "AWS_SES",
        "NextSigningKeyLength": "RSA_1024_BIT",
    },
    "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
    "Policies": {},
    "Tags": [],
    "VerificationStatus": "PENDING",
    "VerificationInfo": {},
}


@PENDING_MODE
def test_creating_getting_and_listing_an_email_identity_answer_as_recorded(v2, ses_backend):
    """The three recorded answers for a fresh address (getmoto/moto#9771; G24)."""
    created = v2.create_email_identity(EmailIdentity="myemail@mac.com")
    assert body(created) == {"IdentityType": "EMAIL_ADDRESS", "VerifiedForSendingStatus": False}
    assert body(v2.get_email_identity(EmailIdentity="myemail@mac.com")) == RECORDED_EMAIL_IDENTITY
    assert body(v2.list_email_identities()) == {"EmailIdentities": [{
        "IdentityType": "EMAIL_ADDRESS", "IdentityName": "myemail@mac.com",
        "SendingEnabled": False, "VerificationStatus": "PENDING",
    }]}


@PENDING_MODE
def test_a_verified_email_identity_is_success_and_verified_for_sending(v2, ses_backend):
    v2.create_email_identity(EmailIdentity="ann@example.com")
    ses_backend.verify_identity("ann@example.com")
    got = v2.get_email_identity(EmailIdentity="ann@example.com")
    assert (got["VerificationStatus"], got["VerifiedForSendingStatus"]) == ("SUCCESS", True)
    [listed] = v2.list_email_identities()["EmailIdentities"]
    assert (listed["VerificationStatus"], listed["SendingEnabled"]) == ("SUCCESS", True)


def test_with_auto_verify_a_created_identity_is_success_on_the_next_read(v2, ses_backend):
    """SES answers CreateEmailIdentity before verifying (G24, G25); auto_verify verifies just after."""
    created = v2.create_email_identity(EmailIdentity="ann@example.com")
    assert created["VerifiedForSendingStatus"] is False
    assert v2.get_email_identity(EmailIdentity="ann@example.com")["VerificationStatus"] == "SUCCESS"


@PENDING_MODE
def test_a_pending_address_under_a_verified_domain_is_verified_for_sending(v2, ses_backend):
    """A verified domain covers its addresses (F10): VerifiedForSendingStatus true while the
    address itself is still PENDING (terraform-provider-aws#41634; G29)."""
    ses_backend.verify_identity("example.com")
    created = v2.create_email_identity(EmailIdentity="ann@mail.example.com")
    assert created["VerifiedForSendingStatus"] is True
    got = v2.get_email_identity(EmailIdentity="ann@mail.example.com")
    assert (got["VerificationStatus"], got["VerifiedForSendingStatus"]) == ("PENDING", True)
    listed = {i["IdentityName"]: i for i in v2.list_email_identities()["EmailIdentities"]}
    assert listed["ann@mail.example.com"]["SendingEnabled"] is True


def test_tags_given_at_creation_are_returned(v2, ses_backend):
    tags = [{"Key": "team", "Value": "growth"}, {"Key": "env", "Value": ""}]
    v2.create_email_identity(EmailIdentity="ann@example.com", Tags=tags)
    assert v2.get_email_identity(EmailIdentity="ann@example.com")["Tags"] == tags


# -- v2: domains -----------------------------------------------------------------------

@PENDING_MODE
def test_creating_a_domain_identity_starts_easy_dkim(v2, ses_backend):
    """Domain: DkimAttributes with three tokens, NOT_STARTED in the create answer, 2048-bit
    keys, a whole-second generation time (seed 001 CreateEmailIdentity; G25)."""
    before = clock.utcnow().replace(microsecond=0)
    created = body(v2.create_email_identity(EmailIdentity="example.com"))
    dkim = created.pop("DkimAttributes")
    assert created == {"IdentityType": "DOMAIN", "VerifiedForSendingStatus": False}
    generated = dkim.pop("LastKeyGenerationTimestamp")
    tokens = dkim.pop("Tokens")
    assert dkim == {"SigningEnabled": True, "Status": "NOT_STARTED", "SigningAttributesOrigin": "AWS_SES",
                    "NextSigningKeyLength": "RSA_2048_BIT", "CurrentSigningKeyLength": "RSA_2048_BIT"}
    assert len(tokens) == 3 and all(DKIM_TOKEN.match(t) for t in tokens)
    assert before <= generated <= clock.utcnow() and generated.microsecond == 0


@PENDING_MODE
def test_a_new_domain_identity_is_pending_until_its_dkim_records_are_found(v2, ses_backend):
    """Get after create says PENDING (G25); v2 domain verification is DKIM-based (G25)."""
    tokens = v2.create_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Tokens"]
    got = v2.get_email_identity(EmailIdentity="example.com")
    assert (got["IdentityType"], got["VerificationStatus"], got["VerifiedForSendingStatus"]) == ("DOMAIN", "PENDING", False)
    assert (got["DkimAttributes"]["Status"], got["DkimAttributes"]["Tokens"]) == ("PENDING", tokens)

    ses_backend.verify_identity("example.com")
    got = v2.get_email_identity(EmailIdentity="example.com")
    assert (got["VerificationStatus"], got["VerifiedForSendingStatus"]) == ("SUCCESS", True)
    assert (got["DkimAttributes"]["Status"], got["DkimAttributes"]["Tokens"]) == ("SUCCESS", tokens)


def test_a_domain_identity_can_ask_for_1024_bit_easy_dkim_keys(v2, ses_backend):
    """DkimSigningAttributes.NextSigningKeyLength sets the Easy DKIM key length (seed 001)."""
    created = v2.create_email_identity(EmailIdentity="example.com",
                                       DkimSigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"})
    assert created["DkimAttributes"]["NextSigningKeyLength"] == "RSA_1024_BIT"
    got = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert (got["NextSigningKeyLength"], got["CurrentSigningKeyLength"]) == ("RSA_1024_BIT", "RSA_1024_BIT")


@PENDING_MODE
def test_a_domain_identity_with_its_own_key_uses_byodkim_with_the_selector_as_token(v2, ses_backend):
    """BYODKIM: origin EXTERNAL, Tokens holds the selector, no Easy DKIM key fields (seed 001,
    CreateEmailIdentity and the DkimAttributes data type)."""
    v2.create_email_identity(EmailIdentity="example.com", DkimSigningAttributes={
        "DomainSigningSelector": "sel1", "DomainSigningPrivateKey": RSA_1024_PKCS1})
    dkim = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert dkim == {"SigningEnabled": True, "Status": "PENDING", "Tokens": ["sel1"], "SigningAttributesOrigin": "EXTERNAL"}


# -- v2: errors ------------------------------------------------------------------------

def test_creating_an_identity_twice_is_already_exists(v2, ses_backend):
    """Recorded, sic: "Email identity predictablemedia.com already exist." (sst#4556; G26)."""
    v2.create_email_identity(EmailIdentity="example.com")
    with pytest.raises(ClientError) as info:
        v2.create_email_identity(EmailIdentity="example.com")
    assert error_of(info) == ("AlreadyExistsException", 400, "Email identity example.com already exist.")


def test_creating_an_identity_that_v1_verified_is_already_exists(v1, v2, ses_backend):
    """One store behind both doors (G26, floci)."""
    v1.verify_email_identity(EmailAddress="ann@example.com")
    with pytest.raises(ClientError) as info:
        v2.create_email_identity(EmailIdentity="ann@example.com")
    assert error_of(info) == ("AlreadyExistsException", 400, "Email identity ann@example.com already exist.")


def test_creating_an_identity_with_an_unknown_configuration_set_is_not_found_and_creates_nothing(v2, ses_backend):
    """NotFoundException, nothing created (floci PR #3146, probed; G28); the text is the
    recorded v1 one (LocalStack snapshot; F17)."""
    with pytest.raises(ClientError) as info:
        v2.create_email_identity(EmailIdentity="ann@example.com", ConfigurationSetName="missing")
    assert error_of(info) == ("NotFoundException", 404, "Configuration set <missing> does not exist.")
    assert v2.list_email_identities()["EmailIdentities"] == []


def test_creating_a_malformed_domain_with_v2_is_bad_request(v2, ses_backend):
    """v2 answers v1's texts as BadRequestException (floci, probed; G10) - "Invalid domain
    name <d>." is the recorded v1 text (G40)."""
    with pytest.raises(ClientError) as info:
        v2.create_email_identity(EmailIdentity="example.com.")
    assert error_of(info) == ("BadRequestException", 400, "Invalid domain name example.com..")


def test_creating_an_empty_identity_is_bad_request(ses_backend):
    """EmailIdentity has min length 1 in the model; v2 model violations are BadRequestException (G8)."""
    raw = boto3.client("sesv2", region_name="us-east-1", config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as info:
        raw.create_email_identity(EmailIdentity="")
    assert error_of(info)[:2] == ("BadRequestException", 400)


def test_getting_an_unknown_identity_with_v2_is_not_found(v2, ses_backend):
    """NotFoundException 404 (model; G27). The text for Get is not confirmed (G27)."""
    with pytest.raises(ClientError) as info:
        v2.get_email_identity(EmailIdentity="nobody@example.com")
    assert error_of(info)[:2] == ("NotFoundException", 404)


def test_deleting_an_unknown_identity_with_v2_is_not_found(v2, ses_backend):
    """v2 is strict where v1 is not (F14): "Email identity X does not exist." (floci PR #723,
    confirmed against live responses; G27)."""
    with pytest.raises(ClientError) as info:
        v2.delete_email_identity(EmailIdentity="nobody@example.com")
    assert error_of(info) == ("NotFoundException", 404, "Email identity nobody@example.com does not exist.")


# -- v2: listing -------------------------------------------------------------------------

def test_list_email_identities_pages_with_page_size(v2, ses_backend):
    names = [f"user{i}@example.com" for i in range(5)]
    for name in names:
        v2.create_email_identity(EmailIdentity=name)
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"PageSize": 2, **({"NextToken": token} if token else {})}
        page = v2.list_email_identities(**kwargs)
        seen += [i["IdentityName"] for i in page["EmailIdentities"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert (seen, pages) == (names, 3)


def test_list_email_identities_returns_25_a_page_by_default(v2, ses_backend):
    """Default page size 25 (floci docs, probed; F29)."""
    for i in range(26):
        ses_backend.verify_identity(f"user{i}@example.com")
    first = v2.list_email_identities()
    assert len(first["EmailIdentities"]) == 25
    rest = v2.list_email_identities(NextToken=first["NextToken"])
    assert [i["IdentityName"] for i in rest["EmailIdentities"]] == ["user25@example.com"]
    assert "NextToken" not in rest


def test_a_next_token_from_v1_continues_a_v2_listing(v1, v2, ses_backend):
    """v1 and v2 tokens are interchangeable for the same resource (floci docs, probed; F29)."""
    for i in range(3):
        v1.verify_email_identity(EmailAddress=f"user{i}@example.com")
    token = v1.list_identities(MaxItems=1)["NextToken"]
    rest = v2.list_email_identities(NextToken=token)["EmailIdentities"]
    assert [i["IdentityName"] for i in rest] == ["user1@example.com", "user2@example.com"]


# -- one account, two doors; regions and accounts apart -------------------------------

@PENDING_MODE
def test_an_identity_created_by_v1_is_seen_and_deleted_by_v2(v1, v2, ses_backend):
    """v1 and v2 are two doors to the same identities (DESIGN.md §2; moto#9304)."""
    tokens = v1.verify_domain_dkim(Domain="example.com")["DkimTokens"]
    v1.verify_email_identity(EmailAddress="ann@example.org")
    listed = {i["IdentityName"]: i["IdentityType"] for i in v2.list_email_identities()["EmailIdentities"]}
    assert listed == {"example.com": "DOMAIN", "ann@example.org": "EMAIL_ADDRESS"}
    assert v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Tokens"] == tokens
    assert body(v2.delete_email_identity(EmailIdentity="example.com")) == {}
    assert v1.list_identities()["Identities"] == ["ann@example.org"]


@PENDING_MODE
def test_an_identity_created_by_v2_is_seen_and_deleted_by_v1(v1, v2, ses_backend):
    tokens = v2.create_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Tokens"]
    assert v1.list_identities()["Identities"] == ["example.com"]
    dkim = v1.get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]["example.com"]
    assert dkim == {"DkimEnabled": True, "DkimVerificationStatus": "Pending", "DkimTokens": tokens}
    status = v1.get_identity_verification_attributes(Identities=["example.com"])["VerificationAttributes"]
    assert status["example.com"]["VerificationStatus"] == "Pending"
    v1.delete_identity(Identity="example.com")
    with pytest.raises(ClientError) as info:
        v2.get_email_identity(EmailIdentity="example.com")
    assert error_of(info)[:2] == ("NotFoundException", 404)


def test_identities_are_per_region(v1, ses_backend):
    """Identities and verification are per region (F3, creating-identities docs)."""
    west = client("sesv2", region="eu-west-1")
    v1.verify_domain_identity(Domain="example.com")
    assert west.list_email_identities()["EmailIdentities"] == []
    west.create_email_identity(EmailIdentity="example.org")
    assert v1.list_identities()["Identities"] == ["example.com"]
    assert [i.name for i in ses_backend.backend(region="eu-west-1").identities] == ["example.org"]


def test_identities_are_per_account(v1, ses_backend):
    """A client whose access key id is 12 digits is served as that account (DESIGN.md §1)."""
    other = client("ses", key="210987654321")
    other.verify_email_identity(EmailAddress="ann@example.com")
    assert v1.list_identities()["Identities"] == []
    assert other.list_identities()["Identities"] == ["ann@example.com"]
    assert [i.name for i in ses_backend.backend(account_id="210987654321").identities] == ["ann@example.com"]
