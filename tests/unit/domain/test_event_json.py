"""The JSON SES publishes about events, compared with documents recorded from SES.

Each test builds a message through the domain's own send (no boto3), makes the event, and
compares the document ``fakeses.domain.event_json`` builds with a recorded one in
``event_examples/`` (sources in its README): the same keys in the same order, the same
value types, the same header lists, values in SES's formats. ``skeleton`` reduces a
document to that structure: keys in order, value types, a list by its first item.
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import re

import pytest

from fakeses.domain import event_json as ej
from fakeses.domain import events
from fakeses.domain.events import Event
from fakeses.domain.sending import V1_MAX_SIZE, Outgoing, raw_outgoing, send
from fakeses.domain.state import Options, World
from fakeses.mail.mime import SimpleContent
from tests.support.documents import load, skeleton

EXAMPLES = pathlib.Path(__file__).parent / "event_examples"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
SES_ID = re.compile(r"^01[0-9a-f]{14}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$")
# The folded Content-Type of a message SES builds, unfolded: two spaces (every recorded one).
ALTERNATIVE = re.compile(r'^multipart/alternative;  boundary="----=_Part_\d+_\d+\.\d+"$')
SIMULATOR = "@simulator.amazonses.com"


def example(name: str) -> dict:
    return load(EXAMPLES, name)


def backend(region="us-east-1"):
    b = World(Options()).backend("123456789012", region)
    for domain in ("example.com", "with.so", "yoursite.com"):  # the senders of the recorded documents
        b.identities.force_verify(domain)
    b.configuration_sets.create("with_ses")  # named by the 2020 raw message's X-SES-CONFIGURATION-SET
    return b


def simple(to=("recipient@example.com",), *, text="Hello", html="<p>Hello</p>", region="us-east-1", **fields):
    out = Outgoing(operation="SendEmail", service="ses", source=fields.pop("source", "sender@example.com"),
                   content=SimpleContent(text=text, html=html), to=list(to),
                   subject=fields.pop("subject", "Message sent from Amazon SES"), **fields)
    return send(backend(region), out)


def templated(to=("recipient@example.com",), reply_to=()):
    out = Outgoing(operation="SendTemplatedEmail", service="ses", source="sender@example.com", to=list(to),
                   reply_to=list(reply_to),
                   content=SimpleContent(text="Hi Ann", templated=True), subject="Email template c51cf868",
                   template="MyTemplate", template_data={"name": "Ann"})
    return send(backend(), out)


def raw(data: bytes, source=None, destinations=None, tags=()):
    out = raw_outgoing(data, operation="SendRawEmail", service="ses", source=source, destinations=destinations,
                       max_size=V1_MAX_SIZE)
    out.tags = list(tags)
    return send(backend(), out)


def event(type_, message, details=None):
    return Event(type_, message, message.sent_at, details if details is not None else {})


def published(type_, message, details=None, configuration_set="ConfigSet"):
    return ej.event_publishing(event(type_, message, details), configuration_set=configuration_set)


def names(headers):
    return [h["name"] for h in headers]


# -- event publishing: the messages SES builds --------------------------------------------------------


def test_a_simple_send_event_is_shaped_as_recorded_in_2026():
    message = simple(["bounce" + SIMULATOR])
    ours = published(events.SEND, message)
    assert skeleton(ours) == skeleton(example("simulator_2026_send"))
    assert list(ours["mail"]["tags"]) == list(example("simulator_2026_send")["mail"]["tags"])


def test_a_simple_send_lists_the_headers_localstack_recorded():
    """LocalStack's AWS snapshot of 2023-08-25: From, To, Subject, MIME-Version, Content-Type
    (two spaces before ``boundary``), no Message-ID or Date; commonHeaders with SES's id."""
    message = simple()
    recorded = example("localstack_simple_send")["mail"]
    mail = published(events.SEND, message)["mail"]
    assert names(mail["headers"]) == names(recorded["headers"])
    assert ALTERNATIVE.match(mail["headers"][-1]["value"])
    assert ALTERNATIVE.match(recorded["headers"][-1]["value"].replace("----=_Part_444254_355072649.1693000415859",
                                                                      "----=_Part_1_2.3"))
    assert list(mail["commonHeaders"]) == list(recorded["commonHeaders"])
    assert mail["commonHeaders"]["messageId"] == message.message_id
    assert mail["sourceArn"] == "arn:aws:ses:us-east-1:123456789012:identity/sender@example.com"
    assert TIMESTAMP.match(mail["timestamp"]) and SES_ID.match(mail["messageId"])
    assert int(message.message_id[4:16], 16) == int(message.sent_at.timestamp() * 1000)  # F4


def test_the_verified_identity_names_the_source_arn():
    """``identity/domain.com`` for an address of a verified domain (2026 recording)."""
    ours = ej.event_publishing(event(events.SEND, simple()), configuration_set="c", identity="example.com")
    assert ours["mail"]["sourceArn"] == "arn:aws:ses:us-east-1:123456789012:identity/example.com"


def test_reply_to_follows_from_and_comes_second_in_common_headers():
    """A ca-central-1 delivery recorded 2023-04-14 (text-only, Reply-To)."""
    recorded = example("delivery_2023_reply_to")
    message = simple(["success" + SIMULATOR], html=None, reply_to=["sender@example.com"], region="ca-central-1")
    details = ej.delivery_details(message.destinations, sent_at=message.sent_at, region="ca-central-1")
    ours = published(events.DELIVERY, message, details)
    assert names(ours["mail"]["headers"]) == names(recorded["mail"]["headers"])
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])
    assert re.match(r"^[a-z]\d+-\d+\.smtp-out\.ca-central-1\.amazonses\.com$", ours["delivery"]["reportingMTA"])
    assert re.match(r"^[a-z]\d+-\d+\.smtp-out\.ca-central-1\.amazonses\.com$", recorded["delivery"]["reportingMTA"])


def test_the_sns_subject_is_ses_event_notification_and_none_for_notifications():
    """LocalStack snapshot and a 2023 recording: "Amazon SES Email Event Notification";
    an identity notification has none (a 2017 Lambda record has ``Subject: null``)."""
    for name in ("localstack_simple_send", "delivery_2023_reply_to"):
        recorded = json.loads((EXAMPLES / f"{name}.json").read_text())
        assert ej.sns_subject("sns") == recorded["Subject"]
    assert ej.sns_subject("notification") is json.loads((EXAMPLES / "notification_2017_delivery.json").read_text())[
        "Subject"]


def test_a_non_ascii_subject_is_listed_decoded():
    """A 2025 notification lists "Subject: Invitación a ..." of a message SES built."""
    mail = published(events.SEND, simple(subject="Invitación a Perkins"))["mail"]
    assert {"name": "Subject", "value": "Invitación a Perkins"} in mail["headers"]
    assert mail["commonHeaders"]["subject"] == "Invitación a Perkins"


def test_a_delivery_is_shaped_as_recorded_in_2026():
    message = simple(["ooto" + SIMULATOR])
    details = ej.delivery_details(message.destinations, sent_at=message.sent_at)
    ours = published(events.DELIVERY, message, details)
    recorded = example("simulator_2026_ooto_delivery")
    assert skeleton(ours) == skeleton(recorded)
    assert list(ours["mail"]["tags"]) == list(recorded["mail"]["tags"])  # ses:outgoing-* on Delivery only
    assert ours["delivery"]["smtpResponse"] == recorded["delivery"]["smtpResponse"]
    assert TIMESTAMP.match(ours["delivery"]["timestamp"])


@pytest.mark.parametrize(("region", "host"), [("us-east-1", "a8-86.smtp-out.amazonses.com"),
                                              ("eu-west-1", "a8-86.smtp-out.eu-west-1.amazonses.com")])
def test_a_deliverys_reporting_mta_spells_its_outgoing_ip(region, host):
    """"a8-86" is 54.240.8.86: both in the simulator's Delivery of 2026-03-26 (so are b232-9
    and 69.169.232.9 in 2025, d208-13 and 23.249.208.13 in 2023); the region in the name
    outside us-east-1 (recorded 2017, 2019, 2023)."""
    recorded = example("simulator_2026_ooto_delivery")
    message = simple(region=region)
    ours = published(events.DELIVERY, message,
                     ej.delivery_details(message.destinations, sent_at=message.sent_at, region=region))
    assert ours["delivery"]["reportingMTA"] == host
    assert ours["mail"]["tags"]["ses:outgoing-ip"] == recorded["mail"]["tags"]["ses:outgoing-ip"] == ["54.240.8.86"]
    if region == "us-east-1":
        assert host == recorded["delivery"]["reportingMTA"]


def test_a_templated_send_event_is_made_before_rendering():
    """LocalStack snapshot: From, To, MIME-Version; no sourceArn, no subject."""
    recorded = example("localstack_templated_send")
    ours = published(events.SEND, templated())
    assert list(ours["mail"]) == list(recorded["mail"])
    assert names(ours["mail"]["headers"]) == names(recorded["mail"]["headers"])
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])
    assert ours["mail"]["tags"]["ses:operation"] == recorded["mail"]["tags"]["ses:operation"]


def test_a_templated_delivery_lists_its_date_first():
    recorded = example("localstack_templated_delivery")
    message = templated()
    ours = published(events.DELIVERY, message, ej.delivery_details(message.destinations, sent_at=message.sent_at))
    assert list(ours["mail"]) == list(recorded["mail"])
    assert names(ours["mail"]["headers"]) == names(recorded["mail"]["headers"])
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])
    assert ours["mail"]["headers"][0]["value"] == ours["mail"]["commonHeaders"]["date"]


def test_common_headers_keep_ses_order_with_every_field():
    """from, replyTo, date, to, messageId, subject: a templated send's bounce recorded 2019
    (its header list still had JavaMail's Message-ID then; the 2023 snapshot has none)."""
    recorded = example("templated_2019_bounce")
    message = templated(reply_to=["replies@example.com"])
    ours = published(events.BOUNCE, message, ej.bounce_details(message.destinations, bounce_type="Transient"))
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])
    assert [n for n in names(recorded["mail"]["headers"]) if n != "Message-ID"] == names(ours["mail"]["headers"])
    assert skeleton(ours["bounce"]["bouncedRecipients"]) == skeleton(recorded["bounce"]["bouncedRecipients"])


def test_a_complaint_without_a_subtype_publishes_null():
    """``"complaintSubType": null`` (recorded 2026; contents page: null or OnAccountSuppressionList)."""
    details = {"complainedRecipients": [{"emailAddress": "a@example.org"}], "timestamp": "t", "feedbackId": "f"}
    ours = published(events.COMPLAINT, simple(), details)
    assert list(ours["complaint"]) == ["feedbackId", "complaintSubType", "complainedRecipients", "timestamp"]
    assert ours["complaint"]["complaintSubType"] is None


def test_a_rendering_failure_is_shaped_as_recorded_in_2024():
    details = ej.rendering_failure_details("MyTemplate", "Attribute 'name' is not present in the rendering data.")
    ours = published(events.RENDERING_FAILURE, templated(), details)
    assert skeleton(ours) == skeleton(example("rendering_failure_2024"))


# -- event publishing: raw messages ------------------------------------------------------------------


def test_a_raw_messages_headers_are_its_own_x_ses_and_message_id_included():
    """A raw send's Send event recorded 2020-11-10: the caller's headers as sent,
    X-Ses-Configuration-Set included; commonHeaders' messageId is SES's id all the same."""
    recorded = example("raw_2020_send")
    data = "".join(f"{h['name']}: {h['value']}\r\n" for h in recorded["mail"]["headers"]) + "\r\n--x--\r\n"
    message = raw(data.encode(), destinations=["alexey@with.so"], tags=[("type", "claim")])
    ours = published(events.SEND, message, configuration_set="with_ses")
    assert ours["mail"]["headers"] == recorded["mail"]["headers"]
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])
    assert ours["mail"]["commonHeaders"]["messageId"] == message.message_id
    assert {k: v for k, v in ours["mail"]["commonHeaders"].items() if k != "messageId"} == {
        k: v for k, v in recorded["mail"]["commonHeaders"].items() if k != "messageId"}
    assert skeleton({**ours["mail"], "tags": {}}) == skeleton({**recorded["mail"], "tags": {}})
    recorded_tags = recorded["mail"]["tags"]  # 2020: before ses:source-tls-version was added
    assert [t for t in ours["mail"]["tags"] if t in recorded_tags] == list(recorded_tags)
    assert ours["mail"]["tags"]["ses:from-domain"] == ["with.so"] and ours["mail"]["tags"]["type"] == ["claim"]


def test_a_raw_message_without_to_lists_what_it_has():
    """A raw delivery recorded 2023-10-08: MIME-Version, Content-Type, From; commonHeaders from and messageId."""
    recorded = example("raw_2023_delivery")
    data = b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="delimiter"\r\nFrom: noreply@example.com\r\n\r\n'
    message = raw(data, destinations=["success" + SIMULATOR])
    ours = published(events.DELIVERY, message, ej.delivery_details(message.destinations, sent_at=message.sent_at))
    assert ours["mail"]["headers"] == recorded["mail"]["headers"]
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])


def test_a_raw_message_without_headers_has_no_from_domain():
    """LocalStack snapshot of SendRawEmail with empty Data: no headers, commonHeaders with
    SES's id only, and no ses:from-domain tag."""
    recorded = example("localstack_raw_empty_send")
    message = raw(b"", source="sender@example.com", destinations=["recipient@example.com"])
    mail = published(events.SEND, message)["mail"]
    assert list(mail) == list(recorded["mail"])
    assert mail["headers"] == [] and mail["commonHeaders"] == {"messageId": message.message_id}
    assert "ses:from-domain" not in mail["tags"] and "ses:from-domain" not in recorded["mail"]["tags"]


def test_headers_over_ten_kilobytes_are_truncated():
    """notification-contents.html: truncated when 10 KB or larger."""
    data = b"From: sender@example.com\r\nTo: recipient@example.com\r\n" + b"X-Long: " + b"a" * 11000 + b"\r\n\r\nx"
    mail = published(events.SEND, raw(data))["mail"]
    assert mail["headersTruncated"] is True and names(mail["headers"]) == ["From", "To"]


# -- the outcomes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("local, recorded", [
    ("bounce", "simulator_2026_bounce"),
    ("ooto", "simulator_2026_ooto_bounce"),
    ("suppressionlist", "simulator_2026_suppressionlist_bounce"),
])
def test_the_simulators_bounces_are_shaped_as_recorded_in_2026(local, recorded):
    message = simple([local + SIMULATOR])
    ours = published(events.BOUNCE, message, ej.simulator_bounce_details(local + SIMULATOR))
    document = example(recorded)
    assert skeleton(ours) == skeleton(document)
    ours_bounce, recorded_bounce = ours["bounce"], document["bounce"]
    for key in ("bounceType", "bounceSubType"):
        assert ours_bounce[key] == recorded_bounce[key]
    assert ours_bounce["bouncedRecipients"] == recorded_bounce["bouncedRecipients"]
    assert SES_ID.match(ours_bounce["feedbackId"]) and TIMESTAMP.match(ours_bounce["timestamp"])
    if "reportingMTA" in recorded_bounce:
        assert ours_bounce["reportingMTA"].startswith("dns; ") and recorded_bounce["reportingMTA"].startswith("dns; ")


def test_the_simulators_complaint_is_shaped_as_recorded_in_2026():
    recorded = example("simulator_2026_complaint")
    message = simple(["complaint" + SIMULATOR])
    ours = published(events.COMPLAINT, message, ej.complaint_details(message.destinations))
    assert skeleton(ours) == skeleton(recorded)
    for key in ("complaintSubType", "complainedRecipients", "userAgent", "complaintFeedbackType"):
        assert ours["complaint"][key] == recorded["complaint"][key]
    assert ours["complaint"]["arrivalDate"] == ours["complaint"]["timestamp"]


def test_an_object_built_elsewhere_is_put_in_ses_order():
    """Bounce keys as recorded 2021-2026, whatever order the details came in."""
    message = simple()
    details = {"bounceType": "Permanent", "bounceSubType": "General", "timestamp": "t", "feedbackId": "f",
               "reportingMTA": "r", "bouncedRecipients": [{"status": "5.1.1", "emailAddress": "a", "action": "failed"}]}
    ours = published(events.BOUNCE, message, details)
    assert list(ours["bounce"]) == ["feedbackId", "bounceType", "bounceSubType", "bouncedRecipients", "timestamp",
                                    "reportingMTA"]
    assert list(ours["bounce"]["bouncedRecipients"][0]) == ["emailAddress", "action", "status"]


def test_a_reject_is_shaped_as_the_guide_shows():
    recorded = example("guide_reject")
    data = ("".join(f"{h['name']}: {h['value']}\r\n" for h in recorded["mail"]["headers"]) + "\r\nx").encode()
    ours = published(events.REJECT, raw(data), ej.reject_details())
    assert list(ours) == list(recorded) and ours["reject"] == recorded["reject"]
    assert names(ours["mail"]["headers"]) == names(recorded["mail"]["headers"])  # X-SES-MESSAGE-TAGS listed
    assert list(ours["mail"]) == list(recorded["mail"])


def test_open_and_click_are_shaped_as_the_guide_shows():
    """The guide's examples (nothing recorded): no sourceArn, the click before mail."""
    message = simple()
    opened = published(events.OPEN, message, ej.open_details())
    clicked = published(events.CLICK, message, ej.click_details(
        "https://example.com/a", link_tags={"samplekey0": ["samplevalue0"], "samplekey1": ["samplevalue1"]}))
    for ours, recorded in ((opened, example("guide_open")), (clicked, example("guide_click"))):
        assert list(ours) == list(recorded)
        assert sorted(ours["mail"]) == sorted(recorded["mail"])
        key = list(recorded)[1] if ours["eventType"] == "Click" else "open"
        assert skeleton(ours[key]) == skeleton(recorded[key])
        assert TIMESTAMP.match(ours[key]["timestamp"])


def test_a_delivery_delay_is_shaped_as_the_guide_shows():
    recorded = example("guide_delivery_delay")
    message = simple()
    ours = published(events.DELIVERY_DELAY, message,
                     ej.delivery_delay_details(message.destinations, sent_at=message.sent_at))
    assert list(ours) == list(recorded) and list(ours["mail"]) == list(recorded["mail"])
    assert skeleton(ours["deliveryDelay"]) == skeleton(recorded["deliveryDelay"])


def test_a_subscription_is_shaped_as_the_guide_shows():
    recorded = example("guide_subscription")
    details = ej.subscription_details("ContactListName", new_topics={"ExampleTopicName": "OptOut"},
                                      old_topics={"ExampleTopicName": "OptOut"}, unsubscribe_all=True)
    ours = published(events.SUBSCRIPTION, simple(), details)
    assert list(ours) == list(recorded)
    assert {k: v for k, v in ours["subscription"].items() if k != "timestamp"} == {
        k: v for k, v in recorded["subscription"].items() if k != "timestamp"}
    assert list(ours["subscription"]) == list(recorded["subscription"])


@pytest.mark.parametrize("bounce_type, sub_types", list(ej.BOUNCE_TYPES.items()))
def test_every_bounce_type_and_subtype_of_ses_is_accepted(bounce_type, sub_types):
    for sub_type in sub_types:
        details = ej.bounce_details(["a@example.org"], bounce_type=bounce_type, sub_type=sub_type)
        assert (details["bounceType"], details["bounceSubType"]) == (bounce_type, sub_type)


@pytest.mark.parametrize("bounce_type, sub_type", [("Transient", "Suppressed"), ("Permanent", "MailboxFull"),
                                                   ("Undetermined", "General"), ("Hard", "General")])
def test_a_pair_ses_does_not_report_is_refused(bounce_type, sub_type):
    with pytest.raises(ValueError, match="is not one SES reports"):
        ej.bounce_details(["a@example.org"], bounce_type=bounce_type, sub_type=sub_type)


def test_complaint_feedback_types_are_those_ses_lists():
    for kind in ("abuse", "auth-failure", "fraud", "not-spam", "other", "virus"):
        assert ej.complaint_details(["a@example.org"], feedback_type=kind)["complaintFeedbackType"] == kind
    with pytest.raises(ValueError):
        ej.complaint_details(["a@example.org"], feedback_type="spam")
    bare = ej.complaint_details(["a@example.org"], feedback_type=None, sub_type="OnAccountSuppressionList")
    assert list(bare) == ["feedbackId", "complaintSubType", "complainedRecipients", "timestamp"]


# -- identity notifications ----------------------------------------------------------------------------


@pytest.mark.parametrize("recorded", ["notification_2025_bounce_simulator", "notification_2022_bounce_simulator"])
def test_a_bounce_notification_with_headers_is_shaped_as_recorded(recorded):
    """No tags, sourceIp and callerIdentity, and no commonHeaders.messageId for a message SES built."""
    document = example(recorded)
    message = simple(["bounce" + SIMULATOR], html=None if "2025" in recorded else "<p>x</p>")
    ours = ej.notification(event(events.BOUNCE, message, ej.simulator_bounce_details("bounce" + SIMULATOR)),
                           include_headers=True)
    assert skeleton(ours) == skeleton(document)
    assert names(ours["mail"]["headers"]) == names(document["mail"]["headers"])


def test_a_notification_without_headers_has_none():
    """notification-examples.html: without the headers setting, no headersTruncated, headers
    nor commonHeaders; a delivery notification has mail first (recorded 2017)."""
    recorded = example("notification_2017_delivery")
    message = simple(["success" + SIMULATOR])
    ours = ej.notification(event(events.DELIVERY, message,
                                 ej.delivery_details(message.destinations, sent_at=message.sent_at)),
                           include_headers=False)
    assert list(ours) == list(recorded)
    # callerIdentity came after 2017 (notifications of 2022 and 2025 have it, before sendingAccountId)
    assert [k for k in ours["mail"] if k != "callerIdentity"] == list(recorded["mail"])
    assert list(ours["mail"]).index("callerIdentity") == list(ours["mail"]).index("sendingAccountId") - 1
    assert list(ours["delivery"]) == list(recorded["delivery"])


def test_an_account_suppression_list_bounce_notification_is_shaped_as_recorded_in_2021():
    """A raw message's own Message-ID is the notification's commonHeaders.messageId."""
    recorded = example("notification_2021_account_suppressed")
    data = ("".join(f"{h['name']}: {h['value']}\r\n" for h in recorded["mail"]["headers"]) + "\r\nx").encode()
    message = raw(data)
    ours = ej.notification(event(events.BOUNCE, message, ej.account_suppressed_bounce_details(message.destinations)),
                           include_headers=True)
    assert skeleton(ours["bounce"]) == skeleton(recorded["bounce"])
    assert [k for k in ours["mail"] if k != "callerIdentity"] == list(recorded["mail"])
    assert ours["mail"]["headers"] == recorded["mail"]["headers"]
    assert ours["mail"]["commonHeaders"] == recorded["mail"]["commonHeaders"]
    for key in ("bounceType", "bounceSubType", "reportingMTA"):
        assert ours["bounce"][key] == recorded["bounce"][key]
    ours_recipient, recorded_recipient = ours["bounce"]["bouncedRecipients"][0], recorded["bounce"]["bouncedRecipients"][0]
    assert {k: v for k, v in ours_recipient.items() if k != "emailAddress"} == {
        k: v for k, v in recorded_recipient.items() if k != "emailAddress"}
    assert ours["bounce"]["timestamp"].endswith(".000Z") and recorded["bounce"]["timestamp"].endswith(".000Z")


def test_the_guides_notification_examples_have_the_same_keys():
    message = raw(b"From: \"John Doe\" <john@example.com>\r\nTo: jane@example.com\r\nMessage-ID: custom-message-ID\r\n"
                  b"Subject: Hello\r\nDate: Wed, 27 Jan 2016 14:05:45 +0000\r\n\r\nx")
    recorded = example("guide_notification_delivery")
    ours = ej.notification(event(events.DELIVERY, message,
                                 ej.delivery_details(message.destinations, sent_at=message.sent_at)),
                           include_headers=True)
    assert list(ours) == list(recorded)
    assert sorted(ours["mail"]) == sorted(recorded["mail"])
    assert ours["mail"]["commonHeaders"]["from"] == ["John Doe <john@example.com>"]
    assert ours["mail"]["commonHeaders"]["messageId"] == "custom-message-ID"
    assert list(ours["mail"]["commonHeaders"]) == list(recorded["mail"]["commonHeaders"])


def test_only_bounce_complaint_and_delivery_are_notified():
    with pytest.raises(ValueError):
        ej.notification(event(events.SEND, simple()), include_headers=False)


# -- formats ----------------------------------------------------------------------------------------


def test_timestamps_have_milliseconds_and_z():
    at = dt.datetime(2016, 1, 27, 14, 59, 38, 237999, tzinfo=dt.timezone.utc)
    assert ej.timestamp(at) == "2016-01-27T14:59:38.237Z"
    assert ej.timestamp(at.astimezone(dt.timezone(dt.timedelta(hours=8)))) == "2016-01-27T14:59:38.237Z"


def test_feedback_ids_use_the_message_id_scheme():
    """F4: region prefix, the time in epoch milliseconds, a UUID, -000000."""
    at = dt.datetime(2022, 3, 10, 0, 0, 7, 463000, tzinfo=dt.timezone.utc)
    found = ej.feedback_id("ap-southeast-2", at)
    assert SES_ID.match(found) and found.startswith("0108017f71202927-")
