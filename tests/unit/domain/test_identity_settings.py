"""The rules of identity settings without a client: the MAIL FROM subdomain rule, the
BYODKIM key check, DKIM signing changes and S/MIME associations."""
from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.keys import RSA_1024_PKCS1, RSA_2048_PKCS8, RSA_4096_PKCS1
from support.shapes import budget

from fakeses.domain import certificates, dkim, mail_from
from fakeses.domain.errors import (
    CertificateAlreadyAssociated,
    DomainNotVerifiedForDkim,
    InvalidCertificateAssociation,
    InvalidDkimPrivateKey,
    InvalidDkimSigningAttributes,
    MailFromDomainNotVerified,
    MailFromNotSubdomain,
)
from fakeses.domain.identities import BYODKIM, PENDING, SUCCESS, Identities

LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
DOMAIN = st.lists(LABEL, min_size=2, max_size=4).map(".".join)


# -- MAIL FROM --------------------------------------------------------------------------------

@budget(50)
@given(domain=DOMAIN, prefix=st.lists(LABEL, min_size=1, max_size=3).map(".".join))
def test_any_name_under_the_identity_is_a_mail_from_domain(domain, prefix):
    assert mail_from.is_subdomain(f"{prefix}.{domain}", domain)
    assert mail_from.is_subdomain(f"{prefix}.{domain}".upper(), domain)


@budget(50)
@given(domain=DOMAIN, other=DOMAIN)
def test_the_identity_itself_and_names_beside_it_are_not(domain, other):
    assert not mail_from.is_subdomain(domain, domain)
    assert not mail_from.is_subdomain(f"x{domain}", domain)  # mailexample.com is not under example.com
    if not other.endswith("." + domain):
        assert not mail_from.is_subdomain(other, domain)


def test_the_mail_from_of_an_address_is_under_its_domain():
    identities = Identities(auto_verify=True)
    address = identities.verify_email("ann@Example.com")
    mail_from.set_mail_from(identities, address, "ann@Example.com", "bounce.example.com", None)
    assert (address.mail_from_domain, address.mail_from_status, address.mail_from_behavior) == (
        "bounce.example.com", SUCCESS, "UseDefaultValue")
    with pytest.raises(MailFromNotSubdomain) as refused:
        mail_from.set_mail_from(identities, address, "ann@Example.com", "bounce.example.org", None)
    assert refused.value.message == (
        "Provided MAIL-FROM domain <bounce.example.org> is not subdomain of the domain of the identity "
        "<ann@Example.com>.")


def test_the_same_mail_from_domain_keeps_its_status_and_a_new_one_restarts():
    identities = Identities(auto_verify=False)
    domain = identities.verify_domain("example.com")
    mail_from.set_mail_from(identities, domain, "example.com", "bounce.example.com", "RejectMessage")
    domain.mail_from_status = SUCCESS  # the handle's set_mail_from_status
    mail_from.set_mail_from(identities, domain, "example.com", "BOUNCE.example.com", "RejectMessage")
    assert domain.mail_from_status == SUCCESS
    mail_from.set_mail_from(identities, domain, "example.com", "mail.example.com", "RejectMessage")
    assert domain.mail_from_status == PENDING


def test_the_envelope_domain_follows_status_and_behavior():
    identities = Identities(auto_verify=False)
    domain = identities.force_verify("example.com")
    assert mail_from.envelope_domain(identities, "a@example.com") is None  # nothing set anywhere
    mail_from.set_mail_from(identities, domain, "example.com", "bounce.example.com", None)
    assert mail_from.envelope_domain(identities, "a@example.com") is None  # pending: SES's own
    domain.mail_from_behavior = "RejectMessage"
    with pytest.raises(MailFromDomainNotVerified):
        mail_from.envelope_domain(identities, "a@example.com")
    domain.mail_from_status = SUCCESS
    assert mail_from.envelope_domain(identities, "a@example.com") == "bounce.example.com"
    assert mail_from.envelope_domain(identities, "a@other.org") is None


@pytest.mark.parametrize("region, domain", [
    ("us-east-1", "amazonses.com"), ("eu-west-1", "eu-west-1.amazonses.com"),
    ("ap-south-1", "ap-south-1.amazonses.com")])
def test_ses_own_mail_from_domain_per_region(region, domain):
    assert mail_from.default_domain(region) == domain


# -- the BYODKIM key ---------------------------------------------------------------------------

@pytest.mark.parametrize("key, bits", [(RSA_1024_PKCS1, 1024), (RSA_2048_PKCS8, 2048)])
def test_real_keys_are_measured(key, bits):
    assert dkim.check_private_key(key) == bits


def test_a_4096_bit_key_is_too_long():
    with pytest.raises(InvalidDkimPrivateKey) as refused:
        dkim.check_private_key(RSA_4096_PKCS1)
    assert refused.value.message == "Invalid DKIM private key: the key is 4096 bits, not 1024 to 2048."


def _der(tag: int, body: bytes) -> bytes:
    length = len(body)
    head = bytes([length]) if length < 0x80 else bytes([0x80 | 2]) + length.to_bytes(2, "big")
    return bytes([tag]) + head + body


def _pkcs1(modulus: int) -> bytes:
    def integer(n: int) -> bytes:
        return _der(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))
    return _der(0x30, integer(0) + integer(modulus) + b"".join(integer(65537) for _ in range(7)))


@budget(50)
@given(bits=st.integers(min_value=8, max_value=4200), data=st.data())
def test_the_modulus_size_decides(bits, data):
    """Structurally valid keys of any size: accepted from 1024 to 2048 bits, refused outside."""
    modulus = data.draw(st.integers(min_value=1 << (bits - 1), max_value=(1 << bits) - 1), label="modulus")
    key = base64.b64encode(_pkcs1(modulus)).decode()
    if 1024 <= bits <= 2048:
        assert dkim.check_private_key(key) == bits
    else:
        with pytest.raises(InvalidDkimPrivateKey):
            dkim.check_private_key(key)


@budget(100)
@given(junk=st.binary(max_size=300))
def test_anything_else_is_refused_never_crashes(junk):
    with pytest.raises(InvalidDkimPrivateKey):
        dkim.check_private_key(base64.b64encode(junk).decode() or "QQ==")


@budget(50)
@given(cut=st.integers(min_value=1, max_value=600))
def test_a_truncated_key_is_refused(cut):
    der = base64.b64decode(RSA_1024_PKCS1)
    with pytest.raises(InvalidDkimPrivateKey):
        dkim.check_private_key(base64.b64encode(der[:-cut]).decode())


# -- DKIM signing ---------------------------------------------------------------------------------

def test_signing_needs_a_domain_with_dkim_set_up():
    identities = Identities(auto_verify=True)
    identities.verify_domain("example.com")
    with pytest.raises(DomainNotVerifiedForDkim):
        dkim.set_signing(identities, "ann@example.com", True)
    identities.verify_domain_dkim("example.com")
    dkim.set_signing(identities, "example.com", False)
    assert identities.get("example.com").dkim_enabled is False
    assert dkim.signing_domain(identities, "ann@mail.example.com") is None
    dkim.set_signing(identities, "ann@example.com", True)  # an address: nothing changes
    assert identities.get("example.com").dkim_enabled is False


def test_byodkim_asks_for_a_selector_and_a_key():
    with pytest.raises(InvalidDkimSigningAttributes):
        dkim.signing("EXTERNAL", {"DomainSigningSelector": "s1"}, put=True)
    with pytest.raises(InvalidDkimSigningAttributes):
        dkim.signing("AWS_SES", {"DomainSigningAttributesOrigin": "AWS_SES"}, put=True)
    asked = dkim.signing(None, {"DomainSigningSelector": "s1", "DomainSigningPrivateKey": RSA_1024_PKCS1}, put=False)
    assert asked == dkim.Signing(BYODKIM, selector="s1")
    assert dkim.signing("AWS_SES_EU_CENTRAL_2", {}, put=True).replica_of == "eu-central-2"


# -- S/MIME ----------------------------------------------------------------------------------------

def test_one_association_per_address_until_it_deprovisions():
    identities = Identities(auto_verify=False)
    domain = identities.verify_domain("example.com")
    address = certificates.from_address(domain, "a@mail.example.com")
    certificates.associate(identities, domain, address, "arn:1")
    with pytest.raises(CertificateAlreadyAssociated):
        certificates.associate(identities, domain, address, "arn:2")
    certificates.disassociate(identities, domain, address)
    assert certificates.associate(identities, domain, address, "arn:2").status == certificates.PROVISIONING
    with pytest.raises(InvalidCertificateAssociation):
        certificates.from_address(domain, "a@notexample.com")
