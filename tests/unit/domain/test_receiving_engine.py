"""The receiving engine (fakeses/domain/receiving/engine.py) and the documents it writes,
without boto3: filters, recipient matching, rule order, each action, and the Received
notification, Lambda event and stored message compared with recorded ones
(receiving_examples/, sources in its README).
"""
from __future__ import annotations

import base64
import pathlib
import re

from hypothesis import given
from hypothesis import strategies as st

from fakeses.domain.receiving import documents, engine
from fakeses.domain.receiving.records import Verdicts
from fakeses.domain.receiving.rules import (
    AddHeaderAction,
    BounceAction,
    LambdaAction,
    ReceiptRule,
    S3Action,
    SNSAction,
    StopAction,
    WorkmailAction,
)
from fakeses.domain.state import Options, World
from tests.support.documents import load, skeleton
from tests.support.shapes import budget

EXAMPLES = pathlib.Path(__file__).parent / "receiving_examples"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
TOPIC = "arn:aws:sns:us-east-1:123456789012:mail"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:triage"
MESSAGE = (b"From: Ann <ann@example.org>\r\nTo: support@example.com\r\nSubject: Help\r\n"
           b"Message-ID: <1@example.org>\r\nDate: Mon, 27 Sep 2021 15:16:26 -0500\r\n\r\nHello\r\n")


def example(name: str) -> dict:
    return load(EXAMPLES, name)


def backend(*rules: ReceiptRule, verified=("example.com",)):
    b = World(Options()).backend("123456789012", "us-east-1")
    for name in verified:
        b.identities.force_verify(name)
    b.receiving.create_rule_set("main")
    for rule in reversed(rules):  # each goes to the front
        b.receiving.create_rule("main", rule)
    b.receiving.set_active("main")
    return b


def receive(b, message=MESSAGE, **kwargs):
    options = {"recipients": None, "sender": None, "source_ip": None, "tls": True, "verdicts": Verdicts()}
    lambda_answers = kwargs.pop("lambda_answers", None)
    options.update(kwargs)
    return engine.receive(b, engine.parse(message, **options), lambda_answers=lambda_answers)


def rule(name="store", *actions, **fields):
    return ReceiptRule(name, enabled=fields.pop("enabled", True), actions=actions, **fields)


# -- the documents against recorded ones ---------------------------------------------------------

def test_the_s3_action_notification_has_the_recorded_structure():
    b = backend(rule("store", S3Action("inbox", "/emails", topic_arn=TOPIC), scan_enabled=True))
    mail = receive(b)
    [action] = mail.actions
    recorded = example("mozilla_2021_s3_action")
    assert [key for key, _ in skeleton(action.notification)] == [key for key, _ in skeleton(recorded)]
    assert skeleton(action.notification["receipt"]) == skeleton(recorded["receipt"])
    ours, theirs = action.notification["mail"], recorded["mail"]
    assert [k for k, _ in skeleton(ours)] == [k for k, _ in skeleton(theirs)]
    assert list(ours["commonHeaders"]) == list(theirs["commonHeaders"])
    # SES's own header fields, in SES's order, on top of the message's.
    names = [h["name"] for h in ours["headers"]]
    assert names[:8] == [h["name"] for h in theirs["headers"]][:8]
    assert names[8:] == ["From", "To", "Subject", "Message-ID", "Date"]
    # Values in SES's formats.
    assert TIMESTAMP.match(ours["timestamp"]) and ours["timestamp"] == action.notification["receipt"]["timestamp"]
    assert re.fullmatch(r"[0-9a-v]{40}", ours["messageId"])
    assert action.notification["receipt"]["action"]["objectKey"] == f"/emails/{mail.message_id}"
    received = ours["headers"][1]["value"]
    pattern = (r"from (\S+) \(\1 \[[\d.]+\]\) by inbound-smtp\.us-east-1\.amazonaws\.com with SMTP id (\w+) "
               r"for \S+@\S+; \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000 \(UTC\)")
    assert re.fullmatch(pattern, received), received
    assert re.fullmatch(pattern, theirs["headers"][1]["value"])
    assert ours["commonHeaders"]["returnPath"] == "ann@example.org"
    assert ours["commonHeaders"]["from"] == ["Ann <ann@example.org>"]


def test_a_failed_dmarc_check_reports_the_policy_where_the_recording_has_it():
    b = backend(rule("store", S3Action("inbox", topic_arn=TOPIC), scan_enabled=True))
    mail = receive(b, verdicts=Verdicts(spf="FAIL", dmarc="FAIL", dmarc_policy="reject"))
    receipt = mail.actions[0].notification["receipt"]
    recorded = example("mozilla_2021_dmarc_failed")["receipt"]
    assert list(receipt) == list(recorded)
    assert (receipt["dmarcPolicy"], receipt["spfVerdict"]) == ("reject", {"status": "FAIL"})
    assert "dmarcPolicy" not in receive(b).actions[0].notification["receipt"]


def test_the_lambda_event_has_the_guides_structure():
    b = backend(rule("store", LambdaAction(FUNCTION, "Event"), scan_enabled=True))
    [action] = receive(b).actions
    recorded = example("guide_2019_lambda_event")
    assert skeleton(action.delivered)[0][0] == "Records"
    [ours], [theirs] = action.delivered["Records"], recorded["Records"]
    assert [k for k, _ in skeleton(ours)] == [k for k, _ in skeleton(theirs)]
    assert skeleton(ours["ses"]["receipt"]) == skeleton(theirs["ses"]["receipt"])
    assert list(ours["ses"]["mail"]) == list(theirs["ses"]["mail"])
    assert ours["ses"]["receipt"]["action"] == {"type": "Lambda", "functionArn": FUNCTION, "invocationType": "Event"}
    assert "content" not in ours["ses"]


def test_the_sns_action_carries_the_stored_message_in_base64_as_the_guide_shows():
    b = backend(rule("store", SNSAction(TOPIC, "Base64"), scan_enabled=True))
    [action] = receive(b).actions
    recorded = example("guide_2019_sns_action")
    assert [k for k, _ in skeleton(action.delivered)] == [k for k, _ in skeleton(recorded)]
    assert action.delivered["receipt"]["action"] == {"type": "SNS", "topicArn": TOPIC, "encoding": "BASE64"}
    content = base64.b64decode(action.delivered["content"])
    assert content.startswith(b"Return-Path: <ann@example.org>\r\nReceived: from ")
    assert content.endswith(MESSAGE)


def test_the_stored_message_folds_ses_headers_as_the_guide_shows():
    b = backend(rule("store", S3Action("inbox"), scan_enabled=False))
    [action] = receive(b).actions
    body = action.delivered["body"]
    head = body.split(b"\r\n\r\n")[0].decode()
    assert re.search(r"Received: from \S+ \(\S+ \[[\d.]+\]\)\r\n by inbound-smtp", head)
    assert "Authentication-Results: amazonses.com;\r\n spf=pass" in head
    assert "X-SES-Spam-Verdict" not in head  # only when the rule scans
    assert body.endswith(MESSAGE)


def test_the_object_key_is_the_prefix_as_a_folder_then_the_message_id():
    assert documents.object_key(None, "abc") == "abc"
    assert documents.object_key("mail/", "abc") == "mail/abc"
    assert documents.object_key("Email", "abc") == "Email/abc"


# -- filters, recipients, rules ------------------------------------------------------------------

def test_a_blocked_address_is_rejected_unless_an_allow_filter_covers_it():
    b = backend(rule("store", S3Action("inbox")))
    b.receiving.create_filter("all", "0.0.0.0/0", "Block")
    mail = receive(b, source_ip="198.51.100.7")
    assert not mail.accepted and not mail.actions and not mail.filter.accepted
    assert mail.filter.filter == "all"
    b.receiving.create_filter("partner", "198.51.100.0/24", "Allow")
    mail = receive(b, source_ip="198.51.100.7")
    assert mail.accepted == ("support@example.com",) and (mail.filter.filter, mail.filter.policy) == ("partner", "Allow")


def test_recipients_no_rule_matches_are_rejected_and_the_rest_accepted():
    b = backend(rule("store", S3Action("inbox"), recipients=("support@example.com",)))
    mail = receive(b, recipients=["support@example.com", "sales@example.com"])
    assert mail.accepted == ("support@example.com",)
    assert [address for address, _ in mail.rejected] == ["sales@example.com"]
    assert mail.rules[0].recipients == ("support@example.com",)


def test_a_rule_without_recipients_takes_only_verified_domains():
    b = backend(rule("catchall", S3Action("inbox")), verified=("example.com",))
    mail = receive(b, recipients=["a@example.com", "b@unverified.org"])
    assert mail.accepted == ("a@example.com",)
    assert mail.rejected[0][0] == "b@unverified.org"


def test_without_an_active_rule_set_nothing_is_accepted():
    b = backend(rule("store", S3Action("inbox")))
    b.receiving.set_active(None)
    mail = receive(b)
    assert mail.accepted == () and mail.rejected == (("support@example.com", "no receipt rule set is active"),)


def test_rules_run_in_order_and_say_why_the_others_did_not():
    b = backend(rule("off", S3Action("a"), enabled=False), rule("sales", S3Action("b"), recipients=("sales@example.com",)),
                rule("tls", S3Action("c"), tls_policy="Require"), rule("all", S3Action("d")))
    mail = receive(b, tls=False)
    assert mail.matched_rules == ["all"]
    reasons = {r.rule: r.reason for r in mail.rules}
    assert reasons["off"] == "the rule is disabled"
    assert "sales@example.com" in reasons["sales"]
    assert "TLS" in reasons["tls"]
    assert "'tls' skipped" in repr(mail)


def test_a_stop_action_ends_the_rule_set():
    b = backend(rule("first", StopAction("RuleSet", topic_arn=TOPIC), S3Action("never")), rule("second", S3Action("b")))
    mail = receive(b)
    assert [a.type for a in mail.actions] == ["Stop"]
    assert mail.actions[0].notification["receipt"]["action"] == {"type": "Stop", "topicArn": TOPIC}
    assert mail.stopped == "Stop action of rule 'first'"
    assert mail.rules[1].reason.startswith("not reached")


def test_a_request_response_function_can_stop_the_rule_or_the_set():
    def run(disposition, invocation="RequestResponse"):
        b = backend(rule("first", LambdaAction(FUNCTION, invocation), S3Action("a")), rule("second", S3Action("b")))
        return receive(b, lambda_answers={"triage": {"disposition": disposition}})

    assert [a.target for a in run("CONTINUE").actions] == [FUNCTION, "a", "b"]
    assert [a.target for a in run("STOP_RULE").actions] == [FUNCTION, "b"]
    assert [a.target for a in run("STOP_RULE_SET").actions] == [FUNCTION]
    assert [a.target for a in run("nonsense").actions] == [FUNCTION, "a", "b"]
    assert [a.target for a in run("STOP_RULE_SET", "Event").actions] == [FUNCTION, "a", "b"]  # no answer waited for


def test_add_header_is_seen_by_later_actions_and_rules():
    b = backend(rule("first", S3Action("before"), AddHeaderAction("X-Ticket", "42"), S3Action("after")),
                rule("second", S3Action("later")))
    bodies = {a.target: a.delivered["body"] for a in receive(b).actions if a.type == "S3"}
    assert b"X-Ticket: 42" not in bodies["before"]
    assert b"X-Ticket: 42\r\n" in bodies["after"] and b"X-Ticket: 42\r\n" in bodies["later"]


def test_a_bounce_action_sends_a_bounce_to_the_sender():
    b = backend(rule("bounce", BounceAction("550", "No such mailbox", "mailer-daemon@example.com", "5.1.1")))
    mail = receive(b)
    [bounce] = b.world.sent
    assert (bounce.source, bounce.destinations, bounce.operation) == (
        "mailer-daemon@example.com", ["ann@example.org"], "BounceAction")
    assert mail.actions[0].delivered == bounce.message_id
    assert b"Status: 5.1.1" in bounce.raw and b"No such mailbox" in bounce.raw


def test_the_sns_action_does_not_carry_a_message_over_150_kb():
    b = backend(rule("store", SNSAction(TOPIC)))
    big = MESSAGE + b"x" * (150 * 1024)
    [action] = receive(b, big).actions
    assert action.outcome.startswith("failed") and action.delivered is None


def test_workmail_records_the_message_it_would_get_and_the_message_is_remembered_for_send_bounce():
    b = backend(rule("wm", WorkmailAction("arn:aws:workmail:us-east-1:123456789012:organization/m-1")))
    mail = receive(b)
    assert mail.actions[0].delivered.endswith(MESSAGE)
    assert b.receiving.received(mail.message_id).sender == "ann@example.org"


def test_the_envelope_comes_from_the_headers_when_not_given():
    inbound = engine.parse("From: Ann <ann@example.org>\nTo: a@example.com, \"B, Bee\" <b@example.com>\n"
                           "Cc: c@example.com\nBcc: d@example.com\n\nhi\n",
                           recipients=None, sender=None, source_ip=None, tls=True, verdicts=Verdicts())
    assert inbound.recipients == ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]
    assert inbound.destination == ["a@example.com", "b@example.com", "c@example.com"]
    assert inbound.sender == "ann@example.org"


# -- recipient matching against an oracle --------------------------------------------------------

LABEL = st.sampled_from(["a", "b", "ex", "mail"])
DOMAIN = st.lists(LABEL, min_size=1, max_size=3).map(".".join)
LOCAL = st.sampled_from(["ann", "bob", "Ann"])


def oracle(condition: str, address: str) -> bool:
    """The developer guide's table: an address matches itself, a domain its own addresses,
    a ".domain" the addresses of its subdomains, case-blind."""
    condition, address = condition.lower(), address.lower()
    local, _, domain = address.partition("@")
    if "@" in condition:
        return condition == address
    if condition.startswith("."):
        return domain != condition[1:] and ("." + domain).endswith(condition)
    return domain == condition


@budget(150)
@given(local=LOCAL, domain=DOMAIN, condition=st.one_of(
    st.builds(lambda part, d: f"{part}@{d}", LOCAL, DOMAIN), DOMAIN, DOMAIN.map(lambda d: "." + d)))
def test_recipient_conditions_match_as_the_developer_guide_says(local, domain, condition):
    address = f"{local}@{domain}"
    assert ReceiptRule("r", enabled=True, recipients=(condition,)).matches(address) == oracle(condition, address)


def test_an_email_message_object_is_received_as_its_bytes():
    import email.message

    message = email.message.EmailMessage()
    message["From"], message["To"], message["Subject"] = "ann@example.org", "support@example.com", "Hi"
    message.set_content("Hello")
    b = backend(rule("store", S3Action("inbox")))
    [stored] = receive(b, message).actions
    assert stored.delivered["body"].endswith(b"Hello\r\n")
    assert b"\r\nSubject: Hi\r\n" in stored.delivered["body"]
