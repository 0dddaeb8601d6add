"""The address checker: JavaMail's InternetAddress rules with SES's recorded differences."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakeses.mail import addresses
from fakeses.mail.addresses import Address, AddressError, check, parse, split_list


@pytest.mark.parametrize(
    ("given", "bare"),
    [
        ("ann@example.org", "ann@example.org"),
        ("Ann <ann@example.org>", "ann@example.org"),
        ('"Doe, Ann" <ann@example.org>', "ann@example.org"),
        ("<ann@example.org>", "ann@example.org"),
        ("root@localhost", "root@localhost"),  # G22
        ('"a@b"@example.org', '"a@b"@example.org'),  # quoted local part, G22
        ("ann@[192.0.2.1]", "ann@[192.0.2.1]"),
        ("a.b+tag@sub.example.org", "a.b+tag@sub.example.org"),
        ("Zoë <z@example.org>", "z@example.org"),  # raw non-ASCII names pass (aws-sdk-js#1585)
        ("=?UTF-8?B?Wm/Dqw==?= <z@example.org>", "z@example.org"),
        ("ann@xn--bcher-kva.example", "ann@xn--bcher-kva.example"),
    ],
)
def test_valid_addresses_give_their_bare_form(given, bare):
    assert check(given) == bare


@pytest.mark.parametrize(
    ("given", "text"),
    [
        ("", "Illegal address"),
        ("   ", "Illegal address"),
        ("ann", "Missing final '@domain'"),
        ("@example.org", "Missing local name"),
        ("ann@", "Missing domain"),
        ("ann@example.org.", "Missing domain"),
        ("To: ann@example.org", "Local address contains illegal character"),
        ("an n@example.org", "Local address contains control or whitespace"),
        ("ann@exa mple.org", "Domain contains control or whitespace"),
        ("ann@exa_mple.org", "Domain contains illegal character"),
        ("ann@example..org", "Domain contains dot-dot"),
        ("ann@.example.org", "Domain starts with dot"),
        (".ann@example.org", "Local address starts with dot"),
        ("ann.@example.org", "Local address ends with dot"),
        ("a..nn@example.org", "Local address contains dot-dot"),
        ("Ann <ann@example.org", "Missing '>'"),
        ("Ann ann@example.org>", "Missing '<'"),
        ('"Ann <ann@example.org>', "Missing '\"'"),
        ("Ann (x <ann@example.org>", "Missing ')'"),
        ("ann@example.org, bob@example.org", "Illegal address"),
        ("ann@example.orgbob@example.org", "Illegal address"),
        ("ann@example.org; x", "Illegal semicolon, not in group"),
        ("jesús@example.org", "Local address contains illegal character"),
        ("ann@exämple.org", "Domain contains illegal character"),
        ("Friends: ann@example.org;", "Illegal address"),
        ("ann (the boss) @example.org", "Missing final '@domain'"),  # JavaMail ends the address at a comment
    ],
)
def test_invalid_addresses_give_javamails_text(given, text):
    with pytest.raises(AddressError) as excinfo:
        check(given)
    assert str(excinfo.value) == text


def test_the_display_name_is_kept_as_written():
    assert parse('"Doe, Ann" <ann@example.org>') == Address("Doe, Ann", "ann@example.org")
    assert parse("=?UTF-8?B?Wm/Dqw==?= <z@example.org>").name == "=?UTF-8?B?Wm/Dqw==?="
    assert parse("ann@example.org").name is None


def test_display_decodes_encoded_words_and_quotes_specials():
    assert parse("=?UTF-8?B?Wm/Dqw==?= <z@example.org>").display() == "Zoë <z@example.org>"
    assert Address("Doe, Ann", "a@example.org").display() == '"Doe, Ann" <a@example.org>'
    assert Address('Say "hi"', "a@example.org").display() == '"Say \\"hi\\"" <a@example.org>'
    assert Address(None, "a@example.org").display() == "a@example.org"


def test_a_header_list_is_split_leniently():
    found = split_list('Ann <a@example.org>, "Doe, Bob" <b@example.org>,\r\n c@example.org, Undisclosed:;')
    assert found == [Address("Ann", "a@example.org"), Address("Doe, Bob", "b@example.org"), Address(None, "c@example.org")]
    assert split_list("") == []
    assert split_list("Ann <a@example.org") == [Address(None, "Ann <a@example.org")]  # kept for the strict check


def test_simulator_addresses_are_recognised_by_domain_in_any_case():
    assert addresses.is_simulator("bounce+x@Simulator.AmazonSES.com")
    assert not addresses.is_simulator("bounce@simulator.amazonses.com.example.org")


def test_decode_words_leaves_broken_words_alone():
    assert addresses.decode_words("=?x-unknown?Q?abc?=") == "=?x-unknown?Q?abc?="
    assert addresses.decode_words("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=") == "Grüße"
    assert addresses.decode_words(None) is None


def test_a_word_that_does_not_decode_is_kept_as_written_and_the_others_decoded():
    # JavaMail's MimeUtility.decodeText keeps a word it cannot decode as text.
    assert addresses.decode_words("=?utf-8?b?a?=") == "=?utf-8?b?a?="
    assert addresses.decode_words("=?utf-8?q?Caf=C3=A9?= =?utf-8?b?a?=") == "Caf\u00e9 =?utf-8?b?a?="
    assert addresses.decode_words("=?utf-8?b?YWI?= =?utf-8?b?Yw==?= =?utf-8?b?a?= x") == "abc =?utf-8?b?a?= x"


def test_a_charset_without_a_decoder_keeps_the_whole_value():
    # decodeText throws UnsupportedEncodingException; getSubject/getPersonal return the raw value.
    for value in ("=?\u00fc?q?x?=", "=?utf-8?q?Caf=C3=A9?= =?\u00fc?q?x?=", "=?rot13?q?abc?= =?utf-8?b?a?=",
                  "=?utf-8?b?a?= =?x-unknown?q?abc?=", "=?utf-8\x00?q?x?= hi"):
        assert addresses.decode_words(value) == value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["=?", "?=", "?", "utf-8", "\u00fc", "rot13", "b", "q", "B", "a", "YQ==", "=C3",
                                 "=A9", " ", "_", "x"]), max_size=20))
def test_decoding_words_never_raises(parts):
    value = "".join(parts)
    assert isinstance(addresses.decode_words(value), str)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_text_is_accepted_or_refused_with_an_address_error(text):
    try:
        bare = check(text)
    except AddressError as error:
        assert str(error)
    else:
        assert "@" in bare and bare.isascii()


address_chars = st.sampled_from(list("abcAB09.-_+@<>\"(),;:[] \\\t"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=address_chars, max_size=30))
def test_punctuation_heavy_text_never_crashes_either_parser(text):
    try:
        check(text)
    except AddressError:
        pass
    split_list(text)


def test_a_value_too_long_for_the_standard_library_is_decoded_word_by_word():
    # Over 16 KiB, words are decoded one at a time in linear time, with the same rules.
    words = "=?utf-8?q?Caf=C3=A9?= " * 1000 + "=?utf-8?b?a?=" * 2000
    assert addresses.decode_words(words) == "Café" * 1000 + " " + "=?utf-8?b?a?=" * 2000


# -- the plain-address fast path answers as the JavaMail port --------------------------------

ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
ODD = ' .@"()<>,;:\\[]\t\r\n\x00\x7féü漢'
# Mostly characters a plain address may have, now and then one it may not: addresses on
# both sides of the fast path's edge.
LOCAL = st.text(st.one_of(*[st.sampled_from(ATEXT)] * 4, st.just("."), st.sampled_from(ODD)), max_size=12)
LABEL = st.text(st.one_of(*[st.sampled_from("abcXYZ019-")] * 4, st.sampled_from("._"), st.sampled_from(ODD)),
                max_size=8)
DOMAIN = st.lists(LABEL, min_size=1, max_size=4).map(".".join)
PLAINISH = st.builds(lambda local, domain: f"{local}@{domain}", LOCAL, DOMAIN)
ATOM = st.text(st.sampled_from(ATEXT), min_size=1, max_size=5)
PLAIN = st.builds(lambda local, domain: f"{'.'.join(local)}@{'.'.join(domain)}",
                  st.lists(ATOM, min_size=1, max_size=3),
                  st.lists(st.text(st.sampled_from("abcXYZ019-"), min_size=1, max_size=5), min_size=1, max_size=3))


def _changed(address: str, at: int, char: str, replace: bool) -> str:
    at %= len(address) + 1
    return address[:at] + char + address[at + replace:]


# A plain address with one character put in or swapped: right on the fast path's edge.
ONE_OFF = st.builds(_changed, PLAIN, st.integers(0, 40), st.sampled_from(ODD + ATEXT + ".@"), st.booleans())
ADDRESSES = st.one_of(
    PLAIN,
    ONE_OFF,
    PLAINISH,
    st.emails(),
    st.tuples(st.sampled_from(["", " ", "Ann ", '"A, B" ', "<", "(c)"]), PLAINISH,
              st.sampled_from(["", " ", ">", "(c)", ";", ","])).map("".join),
    st.text(st.sampled_from(ATEXT + ODD), max_size=20),
)


def _outcome(parse, address):
    try:
        return parse(address)
    except AddressError as error:
        return f"AddressError: {error}"


@settings(max_examples=3000, deadline=None)
@given(address=ADDRESSES)
def test_the_plain_address_fast_path_answers_as_the_javamail_port(address):
    assert _outcome(addresses.parse, address) == _outcome(addresses._parse_address, address)
    if addresses._PLAIN.fullmatch(address):
        assert addresses._parse_address(address) == Address(None, address)


def test_generated_addresses_take_both_paths():
    found = {"fast": 0, "port": 0}

    @settings(max_examples=300, deadline=None, database=None)
    @given(address=ADDRESSES)
    def count(address):
        found["fast" if addresses._PLAIN.fullmatch(address) else "port"] += 1

    count()
    assert found["fast"] > 30 and found["port"] > 30, found


@pytest.mark.parametrize("plain", ["a@b", "ann.lee+tag@mail.example-1.org", "x!#$%&'*+/=?^_`{|}~-y@Z9.co"])
def test_every_one_character_change_of_a_plain_address_answers_as_the_javamail_port(plain):
    chars = [chr(c) for c in range(128)] + ["é", "\u2028", "漢"]
    for at in range(len(plain) + 1):
        for char in chars:
            for replace in (False, True):
                address = _changed(plain, at, char, replace)
                assert _outcome(addresses.parse, address) == _outcome(addresses._parse_address, address), address
