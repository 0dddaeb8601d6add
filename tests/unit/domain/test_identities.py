"""The identity store of one (account, region), and the page tokens shared by v1 and v2."""
from __future__ import annotations

import re

import pytest

from fakeses.domain.dkim import Signing
from fakeses.domain.errors import (
    IdentityAlreadyExists,
    IdentityNotFound,
    InvalidParameterValue,
)
from fakeses.domain.identities import (
    BYODKIM,
    DOMAIN,
    EMAIL,
    NOT_STARTED,
    PENDING,
    SUCCESS,
    Identities,
    is_domain,
)
from fakeses.domain.pages import page


@pytest.fixture
def pending() -> Identities:
    return Identities(auto_verify=False)


@pytest.fixture
def auto() -> Identities:
    return Identities(auto_verify=True)


def test_a_new_email_identity_is_pending_without_auto_verify(pending):
    identity = pending.verify_email("ann@example.com")
    assert (identity.kind, identity.status, identity.verified) == (EMAIL, PENDING, False)
    assert identity.verification_token is None


def test_a_new_identity_is_verified_at_once_with_auto_verify(auto):
    assert auto.verify_email("ann@example.com").status == SUCCESS
    assert auto.verify_domain("example.com").status == SUCCESS


def test_force_verify_creates_the_identity_and_verifies_it(pending):
    identity = pending.force_verify("Example.COM")
    assert (identity.name, identity.kind, identity.status) == ("example.com", DOMAIN, SUCCESS)
    assert pending.get("example.com") is identity


def test_force_verify_turns_easy_dkim_to_success(pending):
    pending.verify_domain_dkim("example.com")
    assert pending.force_verify("example.com").dkim_status == SUCCESS


def test_email_addresses_are_case_sensitive_and_domains_are_not(pending):
    pending.verify_email("Ann@example.com")
    pending.verify_domain("Example.COM")
    assert pending.get("ann@example.com") is None
    assert pending.get("EXAMPLE.com").name == "example.com"
    assert len(pending) == 2


def test_every_domain_has_one_stable_txt_token(pending):
    """G16: base64 of 32 bytes, the same token on a repeat; also for a v2-created domain."""
    token = pending.verify_domain("example.com").verification_token
    assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", token)
    assert pending.verify_domain("example.com").verification_token == token
    assert pending.create("example.org").verification_token is not None


def test_reverifying_keeps_a_verified_identity_verified(pending):
    pending.force_verify("ann@example.com")
    assert pending.verify_email("ann@example.com").status == SUCCESS


def test_verify_domain_dkim_gives_three_stable_tokens_and_pends_without_auto_verify(pending):
    identity = pending.verify_domain_dkim("example.com")
    tokens = list(identity.dkim_tokens)
    assert len(tokens) == 3 and all(re.fullmatch(r"[a-z2-7]{32}", t) for t in tokens)
    assert (identity.dkim_enabled, identity.dkim_status, identity.status) == (True, PENDING, PENDING)
    assert pending.verify_domain_dkim("example.com").dkim_tokens == tokens
    assert identity.dkim_generated_at is not None and identity.dkim_generated_at.microsecond == 0


def test_create_refuses_an_existing_name_whichever_door_made_it(pending):
    pending.verify_email("ann@example.com")
    with pytest.raises(IdentityAlreadyExists) as info:
        pending.create("ann@example.com")
    assert info.value.message == "Email identity ann@example.com already exist."


def test_create_stores_tags_and_configuration_set(pending):
    identity = pending.create("ann@example.com", tags=[("team", "growth")], configuration_set="main")
    assert (identity.tags, identity.configuration_set) == ([("team", "growth")], "main")
    assert (identity.dkim_enabled, identity.dkim_status) == (False, NOT_STARTED)


def test_create_of_a_domain_starts_easy_dkim_with_the_key_length_asked(pending):
    identity = pending.create("example.com", signing=Signing(key_length="RSA_1024_BIT"))
    assert (identity.dkim_origin, identity.dkim_key_length, len(identity.dkim_tokens)) == ("AWS_SES", "RSA_1024_BIT", 3)


def test_create_of_a_domain_with_a_selector_uses_byodkim(pending):
    identity = pending.create("example.com", signing=Signing(BYODKIM, selector="sel1"))
    assert (identity.dkim_origin, identity.dkim_tokens, identity.dkim_status) == (BYODKIM, ["sel1"], PENDING)


def test_require_names_the_missing_identity(pending):
    with pytest.raises(IdentityNotFound) as info:
        pending.require("nobody@example.com")
    assert info.value.message == "Email identity nobody@example.com does not exist."


def test_delete_says_whether_there_was_an_identity(pending):
    pending.verify_domain("example.com")
    assert pending.delete("EXAMPLE.COM") is True
    assert pending.delete("example.com") is False
    assert list(pending) == []


def test_a_verified_domain_covers_its_addresses_and_subdomains(pending):
    """F10: verifying example.com covers a@example.com, a@mail.example.com, sub.example.com."""
    pending.force_verify("example.com")
    assert pending.covers("a@example.com")
    assert pending.covers("a@mail.example.com")
    assert pending.covers("sub.example.com")
    assert not pending.covers("a@example.org")
    assert not pending.covers("a@notexample.com")
    assert pending.unverified(["a@example.com", "b@example.org"]) == ["b@example.org"]


def test_an_address_is_covered_only_by_its_own_exact_case(pending):
    pending.force_verify("Ann@example.org")
    assert pending.covers("Ann@example.org")
    assert not pending.covers("ann@example.org")


def test_inherited_verification_ignores_the_identity_itself(pending):
    """G29: VerifiedForSendingStatus of a pending address under a verified domain."""
    pending.force_verify("example.com")
    assert not pending.inherited("example.com")
    assert pending.inherited("sub.example.com")
    address = pending.verify_email("ann@example.com")
    assert address.status == PENDING and pending.verified_for_sending(address)
    other = pending.verify_email("ann@example.org")
    assert not pending.verified_for_sending(other)


def test_an_address_reports_the_dkim_of_its_exact_domain_only(pending):
    """G19, F10: DKIM comes from the exact domain after @, not from a parent domain."""
    domain = pending.verify_domain_dkim("example.com")
    assert pending.dkim_source(pending.verify_email("ann@example.com")) is domain
    deeper = pending.verify_email("ann@mail.example.com")
    assert pending.dkim_source(deeper) is deeper


def test_an_address_under_a_domain_without_dkim_reports_its_own_dkim(pending):
    pending.verify_domain("example.com")
    address = pending.verify_email("ann@example.com")
    assert pending.dkim_source(address) is address


def test_identities_iterate_in_creation_order(pending):
    for name in ("b@example.com", "example.com", "a@example.com"):
        pending.verify_email(name) if "@" in name else pending.verify_domain(name)
    assert [i.name for i in pending] == ["b@example.com", "example.com", "a@example.com"]


# -- pages --------------------------------------------------------------------------------

def test_pages_walk_a_list_with_opaque_tokens():
    items = list(range(5))
    first, token = page(items, None, 2)
    second, token2 = page(items, token, 2)
    third, token3 = page(items, token2, 2)
    assert (first, second, third, token3) == ([0, 1], [2, 3], [4], None)


def test_a_page_that_reaches_the_end_has_no_token():
    assert page([1, 2], None, 2) == ([1, 2], None)
    assert page([], None, 10) == ([], None)


@pytest.mark.parametrize("token", ["garbage!", "LTE=", "OTk="])  # not base64; "-1"; "99" past the end
def test_a_token_that_was_never_given_is_invalid(token):
    with pytest.raises(InvalidParameterValue):
        page([1, 2, 3], token, 1)


@pytest.mark.parametrize("name", ["example.com", "mail.example.co.uk", "xn--bcher-kva.example", "a-b.c0m"])
def test_a_domain_is_two_or_more_labels_of_letters_digits_and_inner_hyphens(name):
    assert is_domain(name)


@pytest.mark.parametrize("name", ["example", "example..com", "-example.com", "example-.com", "exa mple.com",
                                  "example.com\n", "example.com.", "a" * 64 + ".com", "ann@example.com"])
def test_anything_else_is_no_domain(name):
    assert not is_domain(name)
