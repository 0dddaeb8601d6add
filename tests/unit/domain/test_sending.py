"""The sending rules on the domain alone: no boto3, no wire."""
from __future__ import annotations

import pytest

from fakeses.domain import errors
from fakeses.domain.sending import (
    V1_MAX_SIZE,
    V2_MAX_SIZE,
    Outgoing,
    check_tags,
    raw_outgoing,
    send,
)
from fakeses.domain.state import Options, World
from fakeses.mail.mime import RawContent, SimpleContent


def backend(sandbox=False, verified=("example.com",)):
    world = World(Options(sandbox=sandbox))
    b = world.backend("123456789012", "us-east-1")
    for name in verified:
        b.identities.force_verify(name)
    return b


def simple(**fields) -> Outgoing:
    base = dict(operation="SendEmail", service="ses", source="me@example.com", content=SimpleContent(text="x"),
                to=["ann@example.org"], subject="s")
    base.update(fields)
    return Outgoing(**base)


def raw_out(data: bytes, source=None, destinations=None) -> Outgoing:
    return raw_outgoing(data, operation="SendRawEmail", service="ses", source=source,
                        destinations=destinations, max_size=V1_MAX_SIZE)


# -- send -------------------------------------------------------------------------------------

def test_an_accepted_message_is_recorded_and_counted():
    b = backend()
    sent = send(b, simple(to=["a@example.org", "success@simulator.amazonses.com"]))
    assert b.world.sent == [sent]
    assert b.account.sent_last_24_hours() == 1.0  # the simulator's recipient is not counted (F5)
    [(_, stats)] = b.account.data_points()
    assert stats.delivery_attempts == 2


def test_raw_and_mime_are_not_built_at_send_time():
    sent = send(backend(), simple())
    assert sent._cache == {}
    assert sent.text == "x"  # simple bodies are read without building MIME
    assert "raw" not in sent._cache
    assert sent.raw.startswith(b"From: ")
    assert "raw" in sent._cache and "mime" not in sent._cache


def test_v2_size_limit_is_forty_megabytes():
    """40 MB on v2 (F7, G43); the v1 pattern of the text is assumed."""
    with pytest.raises(errors.InvalidParameterValue) as excinfo:
        send(backend(), simple(size=V2_MAX_SIZE + 1, max_size=V2_MAX_SIZE))
    assert excinfo.value.message == f"Message length is more than 41943040 bytes long: '{V2_MAX_SIZE + 1}'."
    send(backend(), simple(size=V2_MAX_SIZE, max_size=V2_MAX_SIZE))


def test_a_blank_address_is_worded_per_api():
    """v1: JavaMail's "Illegal address"; v2: "Invalid email address ." (G39)."""
    with pytest.raises(errors.AddressRejected) as excinfo:
        send(backend(), simple(to=[""]))
    assert (excinfo.value.message_for("ses"), excinfo.value.message_for("sesv2")) == (
        "Illegal address", "Invalid email address .")


def test_other_address_errors_read_the_same_on_both_apis():
    with pytest.raises(errors.AddressRejected) as excinfo:
        send(backend(), simple(cc=["bad@exa_mple.org"]))
    assert excinfo.value.message_for("ses") == excinfo.value.message_for("sesv2") == "Domain contains illegal character"


def test_all_failed_identities_are_named_once_each_as_given():
    """Several identities joined with ", " (mageplaza/magento-2-smtp#152; F1)."""
    b = backend(sandbox=True, verified=())
    out = simple(source="Me <me@x.org>", senders=["Me <me@x.org>", "me@x.org"], to=["a@y.org", "a@y.org"])
    with pytest.raises(errors.IdentityNotVerified) as excinfo:
        send(b, out)
    assert excinfo.value.message.endswith("region US-EAST-1: Me <me@x.org>, me@x.org, a@y.org")


def test_an_unlimited_quota_never_throttles():
    """Max24HourSend -1 means unlimited (seed 003)."""
    b = backend()
    b.account.max_24_hour_send = -1.0
    send(b, simple())


def test_the_quota_is_checked_against_this_sends_recipients():
    b = backend()
    b.account.max_24_hour_send = 3.0
    send(b, simple(to=["a@x.org", "b@x.org"]))
    with pytest.raises(errors.DailyQuotaExceeded):
        send(b, simple(to=["c@x.org", "d@x.org"]))
    send(b, simple(to=["c@x.org"]))
    assert b.account.sent_last_24_hours() == 3.0


def test_a_paused_account_is_checked_before_identities():
    b = backend(verified=())
    b.account.sending_enabled = False
    with pytest.raises(errors.AccountSendingPaused):
        send(b, simple())


def test_a_malformed_custom_header_set_is_an_invalid_parameter():
    with pytest.raises(errors.InvalidParameterValue, match="Duplicate header 'From'."):
        send(backend(), simple(content=SimpleContent(text="x", headers=[("From", "x@y.org")])))


# -- tags -------------------------------------------------------------------------------------

def test_tag_names_are_all_checked_before_any_value():
    """F15: names before values."""
    with pytest.raises(errors.InvalidParameterValue, match="The tag name must be specified."):
        check_tags([("ok", ""), ("", "v")])


def test_tag_boundaries_are_255_characters():
    check_tags([("n" * 255, "v" * 255), ("ses:" + "a" * 251, "a.b@c-d_e")])
    with pytest.raises(errors.InvalidParameterValue, match="Tag value cannot exceed 255 characters."):
        check_tags([("n", "v" * 256)])


# -- raw messages -----------------------------------------------------------------------------

def test_raw_headers_give_the_sender_and_identities_to_check():
    out = raw_out(b"From: A <a@example.com>\r\nSender: s@example.com\r\nReturn-Path: <b@example.com>\r\n"
                  b"To: t@example.org\r\n\r\nbody")
    assert (out.source, out.senders, out.return_path) == (
        "A <a@example.com>", ["A <a@example.com>", "s@example.com", "b@example.com"], "b@example.com")
    assert isinstance(out.content, RawContent)


def test_a_null_return_path_is_not_an_identity():
    out = raw_out(b"From: a@example.com\r\nReturn-Path: <>\r\nTo: t@example.org\r\n\r\n")
    assert (out.return_path, out.senders) == (None, ["a@example.com"])


def test_an_empty_destinations_list_means_the_headers():
    out = raw_out(b"From: a@example.com\r\nTo: t@example.org\r\n\r\n", destinations=[])
    assert out.envelope is None
    assert send(backend(), out).destinations == ["t@example.org"]


def test_the_raw_size_is_checked_before_the_headers_are_read():
    data = b"From: a@example.com\r\nFrom: b@example.com\r\n\r\n" + b"x" * V1_MAX_SIZE
    with pytest.raises(errors.InvalidParameterValue, match="^Message length is more than"):
        raw_out(data)


def test_header_tags_and_configuration_set_are_read():
    out = raw_out(b"From: a@example.com\r\nTo: t@x.org\r\nX-SES-MESSAGE-TAGS: a=1,b=2\r\n"
                  b"X-SES-CONFIGURATION-SET:  set1 \r\n\r\n")
    assert (out.tags, out.configuration_set) == ([("a", "1"), ("b", "2")], "set1")
