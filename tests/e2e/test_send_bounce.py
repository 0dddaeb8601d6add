"""SendBounce through boto3: a DSN for a message SES received, sent back to its sender.

The received message is put in place as the receiving engine records one
(``backend.receiving.remember``). Sources: fakeses/domain/receiving/bounce.py.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from support.clients import refusal

RECEIVED = (b"From: Customer <customer@sender.org>\r\nTo: support@example.com\r\nSubject: Help\r\n"
            b"Message-ID: <abc@sender.org>\r\n\r\nPlease help.\r\n")
DOES_NOT_EXIST = [{"Recipient": "support@example.com", "BounceType": "DoesNotExist"}]


@pytest.fixture
def received(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend.backend().receiving.remember(
        "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", RECEIVED, ["support@example.com"], "bounces@sender.org")


def parsed(message):
    return email.message_from_bytes(message.raw, policy=email.policy.default)


def test_a_bounce_is_sent_to_the_envelope_sender_in_the_dsn_format(v1, ses_backend, received):
    answer = v1.send_bounce(OriginalMessageId=received.message_id, BounceSender="mailer-daemon@example.com",
                            BouncedRecipientInfoList=DOES_NOT_EXIST)
    (message,) = ses_backend.sent_messages
    assert answer["MessageId"] == message.message_id
    assert (message.operation, message.source, message.destinations) \
        == ("SendBounce", "mailer-daemon@example.com", ["bounces@sender.org"])
    mime = parsed(message)
    assert mime["Subject"] == "Delivery Status Notification (Failure)"
    assert mime.get_content_type() == "multipart/report"
    assert mime.get_param("report-type") == "delivery-status"
    explanation, status, headers = mime.get_payload()
    assert explanation.get_content().replace("\r\n", "\n") == ("An error occurred while trying to deliver the mail to the following "
                                         "recipients:\nsupport@example.com\n")
    assert status.get_content_type() == "message/delivery-status"
    per_message, per_recipient = status.get_payload()
    assert per_message["Reporting-MTA"] == "dns; inbound-smtp.us-east-1.amazonaws.com"
    assert per_message["Arrival-Date"] == email.utils.format_datetime(received.received_at)
    assert (per_recipient["Final-Recipient"], per_recipient["Action"], per_recipient["Status"],
            per_recipient["Diagnostic-Code"]) \
        == ("rfc822; support@example.com", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown")
    assert headers.get_content_type() == "text/rfc822-headers"
    assert "Message-ID: <abc@sender.org>" in headers.get_payload()


def test_dsn_fields_given_are_used(v1, ses_backend, received):
    arrival = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    v1.send_bounce(
        OriginalMessageId=received.message_id, BounceSender="mailer-daemon@example.com", Explanation="Gone.",
        MessageDsn={"ReportingMta": "dns; mx.example.com", "ArrivalDate": arrival,
                    "ExtensionFields": [{"Name": "X-Ticket", "Value": "42"}]},
        BouncedRecipientInfoList=[
            {"Recipient": "support@example.com", "BounceType": "TemporaryFailure"},
            {"Recipient": "sales@example.com", "RecipientDsnFields": {
                "FinalRecipient": "sales-team@example.com", "Action": "failed", "Status": "5.2.2",
                "RemoteMta": "dns; mx2.example.com", "DiagnosticCode": "smtp; 552 full", "LastAttemptDate": arrival,
                "ExtensionFields": [{"Name": "X-Note", "Value": "over quota"}]}},
        ])
    explanation, status, _ = parsed(ses_backend.sent_messages[0]).get_payload()
    assert explanation.get_content().strip() == "Gone."
    per_message, first, second = status.get_payload()
    assert (per_message["Reporting-MTA"], per_message["X-Ticket"]) == ("dns; mx.example.com", "42")
    assert per_message["Arrival-Date"] == "Fri, 02 Jan 2026 03:04:05 +0000"
    assert (first["Action"], first["Status"]) == ("delayed", "4.0.0")
    assert dict(second.items()) == {
        "Final-Recipient": "rfc822; sales-team@example.com", "Action": "failed", "Remote-MTA": "dns; mx2.example.com",
        "Status": "5.2.2", "Diagnostic-Code": "smtp; 552 full", "Last-Attempt-Date": "Fri, 02 Jan 2026 03:04:05 +0000",
        "X-Note": "over quota"}


def test_an_unknown_or_old_message_cannot_be_bounced(v1, ses_backend, received, fixed_clock):
    assert refusal(v1.send_bounce, OriginalMessageId="unknown", BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=DOES_NOT_EXIST) \
        == (400, "MessageRejected", "Could not find original message with id unknown.")
    fixed_clock(received.received_at + dt.timedelta(hours=24, seconds=1))
    assert refusal(v1.send_bounce, OriginalMessageId=received.message_id, BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=DOES_NOT_EXIST)[:2] == (400, "MessageRejected")
    assert ses_backend.sent_messages == []


@pytest.mark.fakeses(auto_verify=False)
def test_the_bounce_sender_must_be_verified(v1, ses_backend):
    ses_backend.backend().receiving.remember("m1", RECEIVED, ["support@example.com"], "bounces@sender.org")
    assert refusal(v1.send_bounce, OriginalMessageId="m1", BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=DOES_NOT_EXIST) == (
        400, "MessageRejected", "Email address is not verified. The following identities failed the check in "
        "region US-EAST-1: mailer-daemon@example.com")


def test_each_recipient_needs_a_type_or_dsn_fields(v1, ses_backend, received):
    assert refusal(v1.send_bounce, OriginalMessageId=received.message_id, BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=[{"Recipient": "support@example.com"}])[:2] \
        == (400, "InvalidParameterValue")
    assert refusal(v1.send_bounce, OriginalMessageId=received.message_id, BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=[])[:2] == (400, "InvalidParameterValue")
