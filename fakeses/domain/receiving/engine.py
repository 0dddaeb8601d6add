"""Inbound mail: what SES's receiving endpoint does with a message (``handle.receive()``).

In SES's order (developer guide, receiving-email-concepts, "Email-receiving process"):

1. The IP address filters judge the sending server's address: a Block filter rejects it
   at SMTP unless an Allow filter covers it too (:func:`filters.admits`).
2. Each envelope recipient is accepted when a rule of the active rule set applies to it:
   one whose recipient conditions match it, or a rule without conditions and the
   recipient's domain verified ("If there aren't any matches, Amazon SES rejects the
   email"); no active set, nothing accepted (?). A rule with TlsPolicy Require does not
   take a message that came without TLS ("Amazon SES will bounce emails that are not
   received over TLS", ReceiptRule in the API reference).
3. The message is authenticated and, for rules with ScanEnabled, scanned: the verdicts
   are the test's (default PASS).
4. The active set's enabled rules run in order, each for the accepted recipients it
   matches, its actions in order. A Stop action ends the set; a RequestResponse Lambda
   function's answer STOP_RULE ends the rule, STOP_RULE_SET the set, anything else goes
   on (receiving-email-action-lambda).

What leaves SES (an S3 object, an SNS message, a Lambda invocation) goes through the
``deliver`` function the caller gives (fakeses/_receive.py: into moto when it is active);
without one, each action is recorded with what it would have delivered.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import email.message
import email.policy
import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from ...mail import mime
from .. import clock, ids
from . import documents
from .filters import admits
from .records import ActionResult, FilterDecision, ReceivedMail, RuleResult, Verdicts
from .rules import (
    AddHeaderAction,
    BounceAction,
    ConnectAction,
    LambdaAction,
    ReceiptAction,
    ReceiptRule,
    S3Action,
    SNSAction,
    StopAction,
    WorkmailAction,
)

if TYPE_CHECKING:
    from ..state import Backend

#: The sending server's address when a test gives none: a public mail server's
#: (recorded as the sender of a 2021 notification, mail-wm1-f45.google.com).
DEFAULT_SOURCE_IP = "209.85.128.45"

VERDICTS = ("PASS", "FAIL", "GRAY", "PROCESSING_FAILED")
DMARC_POLICIES = ("none", "quarantine", "reject")

#: What a delivery function is called with: the backend, the kind ("s3", "sns", "lambda"),
#: and what to deliver; it answers (outcome, response): "delivered" or "failed: ...", and a
#: RequestResponse function's answer.
Deliver = Callable[["Backend", str, dict[str, Any]], tuple[str, Any]]
LambdaAnswers = Union[Mapping[str, Any], Callable[[str, dict[str, Any]], Any], None]

_ACTION_TYPES = {S3Action: "S3", SNSAction: "SNS", LambdaAction: "Lambda", BounceAction: "Bounce",
                 AddHeaderAction: "AddHeader", StopAction: "Stop", WorkmailAction: "WorkMail",
                 ConnectAction: "Connect"}


@dataclasses.dataclass
class Inbound:
    """A message as the receiving endpoint got it, before the rules run."""

    raw: bytes
    sender: str
    recipients: list[str]
    destination: list[str]
    from_domain: Optional[str]
    source_ip: str
    tls: bool
    verdicts: Verdicts


def parse(message: Union[bytes, str, email.message.Message], *, recipients: Optional[Sequence[str]],
          sender: Optional[str], source_ip: Optional[str], tls: bool, verdicts: Verdicts) -> Inbound:
    """Read the envelope of ``message``: the recipients given, or its To and Cc headers
    (Bcc too: a sending server gives every one of them); the sender given, or its
    Return-Path, or From. Raises ValueError when no recipient or sender can be found."""
    if isinstance(message, email.message.Message):
        raw = message.as_bytes(policy=email.policy.SMTP)
    elif isinstance(message, str):
        raw = message.encode("utf-8")
    elif isinstance(message, (bytes, bytearray)):
        raw = bytes(message)
    else:
        raise TypeError(f"receive() takes a message as bytes, str or email.message.Message, not {message!r}")
    fields = documents.unfold(raw)
    by_name: dict[str, list[str]] = {}
    for name, value in fields:
        by_name.setdefault(name.lower(), []).append(value)

    def listed(*names: str) -> list[str]:
        return [documents.bare_address(a) for n in names for v in by_name.get(n, [])
                for a in documents.split_addresses(v)]

    destination = listed("to", "cc")
    if recipients is None:
        envelope = listed("to", "cc", "bcc")
    else:
        if isinstance(recipients, str):
            recipients = [recipients]
        envelope = [documents.bare_address(r) for r in recipients]
    envelope = [r for r in dict.fromkeys(envelope) if r]
    if not envelope:
        raise ValueError("receive() found no recipient: give recipients=[...] or a message with a To header")
    if sender is None:
        found = listed("return-path") or listed("from")
        sender = found[0] if found else ""
    else:
        sender = documents.bare_address(sender)
    if not sender:
        raise ValueError("receive() found no sender: give sender='...' or a message with a From header")
    from_addresses = listed("from")
    from_domain = from_addresses[0].rpartition("@")[2] if from_addresses else None
    return Inbound(raw=raw, sender=sender, recipients=envelope, destination=destination or list(envelope),
                   from_domain=from_domain or None, source_ip=source_ip or DEFAULT_SOURCE_IP, tls=tls,
                   verdicts=verdicts)


def rule_applies(rule: ReceiptRule, recipient: str, covers: Callable[[str], bool]) -> bool:
    """Whether ``rule`` applies to ``recipient``: its conditions match it (an address, a
    domain's addresses, ``.domain``: its subdomains' addresses), or it has none and the
    recipient is at a verified domain ("this rule matches all recipients on all verified
    domains", ReceiptRule in the API reference)."""
    if not rule.recipients:
        return covers(recipient.rpartition("@")[2])
    return rule.matches(recipient)


def receive(backend: Backend, inbound: Inbound, *, deliver: Optional[Deliver] = None,
            lambda_answers: LambdaAnswers = None) -> ReceivedMail:
    """Run SES's receiving on ``inbound`` in ``backend``; returns the record (not yet kept)."""
    received_at = clock.utcnow()
    message_id = ids.inbound_message_id()
    receiving = backend.receiving
    base = functools.partial(ReceivedMail, message_id=message_id, region=backend.region, account_id=backend.account_id,
                sender=inbound.sender, recipients=tuple(inbound.recipients), source_ip=inbound.source_ip,
                tls=inbound.tls, received_at=received_at, raw=inbound.raw, verdicts=inbound.verdicts)
    filters = list(receiving.filters)
    covering = [f for f in filters if f.covers(inbound.source_ip)]
    allowed = admits(filters, inbound.source_ip)
    decider = next((f for f in covering if f.policy == "Allow"), None) if allowed else \
        next((f for f in covering if f.policy == "Block"), None)
    decision = FilterDecision(inbound.source_ip, allowed, decider.name if decider else None,
                              decider.policy if decider else None)
    if not allowed:
        reason = f"the sending server {inbound.source_ip} is blocked by receipt filter {decision.filter!r}"
        return base(accepted=(), rejected=tuple((r, reason) for r in inbound.recipients), filter=decision)

    rule_set = receiving.active()
    rules = rule_set.rules if rule_set is not None else ()
    covers = backend.identities.covers
    accepted: list[str] = []
    rejected: list[tuple[str, str]] = []
    for recipient in inbound.recipients:
        refusal = _refusal(rule_set is not None, rules, recipient, inbound.tls, covers)
        if refusal is None:
            accepted.append(recipient)
        else:
            rejected.append((recipient, refusal))
    if not accepted:
        return base(accepted=(), rejected=tuple(rejected), filter=decision,
                    rules=tuple(_explain(rule, [], inbound.tls, covers) for rule in rules))

    receiving.remember(message_id, inbound.raw, accepted, inbound.sender, received_at, inbound.source_ip)
    run = _Run(backend, inbound, message_id, received_at, accepted, deliver, lambda_answers)
    results: list[RuleResult] = []
    for rule in rules:
        if run.stopped is not None:
            results.append(RuleResult(rule.name, False, (), f"not reached: {run.stopped}"))
            continue
        result = _explain(rule, accepted, inbound.tls, covers)
        results.append(result)
        if result.matched:
            run.rule(rule, list(result.recipients))
    return base(accepted=tuple(accepted), rejected=tuple(rejected), filter=decision,
                rules=tuple(results), actions=tuple(run.actions), stopped=run.stopped)


def _refusal(active: bool, rules: Sequence[ReceiptRule], recipient: str, tls: bool,
             covers: Callable[[str], bool]) -> Optional[str]:
    """Why SES refuses ``recipient`` at SMTP, or None when a rule takes it."""
    if not active:
        return "no receipt rule set is active"
    applying = [r for r in rules if r.enabled and rule_applies(r, recipient, covers)]
    if not applying:
        return "no enabled rule of the active rule set matches it"
    if not tls and all(r.tls_policy == "Require" for r in applying):
        return "the matching rules require TLS and the message came without it"
    return None


def _explain(rule: ReceiptRule, accepted: Sequence[str], tls: bool, covers: Callable[[str], bool]) -> RuleResult:
    """Whether ``rule`` runs for the message, for which of the ``accepted`` recipients, and why."""
    if not rule.enabled:
        return RuleResult(rule.name, False, (), "the rule is disabled")
    matched = tuple(r for r in accepted if rule_applies(rule, r, covers))
    if not matched:
        if rule.recipients:
            why = f"no recipient matches its recipients {list(rule.recipients)}"
        else:
            why = "it has no recipients and no recipient is at a verified domain"
        return RuleResult(rule.name, False, (), why)
    if rule.tls_policy == "Require" and not tls:
        return RuleResult(rule.name, False, matched, "TlsPolicy is Require and the message came without TLS")
    how = f"matches {list(rule.recipients)}" if rule.recipients else "no recipients: every verified domain"
    return RuleResult(rule.name, True, matched, how)


class _Run:
    """The actions of the matched rules, run in order on one message."""

    def __init__(self, backend: Backend, inbound: Inbound, message_id: str, at: _dt.datetime,
                 accepted: list[str], deliver: Optional[Deliver], lambda_answers: LambdaAnswers) -> None:
        self.backend = backend
        self.inbound = inbound
        self.message_id = message_id
        self.at = at
        self.accepted = accepted
        self.deliver = deliver
        self.lambda_answers = lambda_answers
        self.added: list[tuple[str, str]] = []  # AddHeader actions so far, in order
        self.actions: list[ActionResult] = []
        self.stopped: Optional[str] = None

    # -- the message as each action sees it --------------------------------------------------
    def stored(self, rule: ReceiptRule) -> bytes:
        fields = documents.ses_headers(
            message_id=self.message_id, sender=self.inbound.sender, recipient=self.accepted[0],
            source_ip=self.inbound.source_ip, region=self.backend.region, at=self.at,
            verdicts=self.inbound.verdicts, scan=rule.scan_enabled, from_domain=self.inbound.from_domain)
        # AddHeader: on top of the message, below SES's own fields (?), for every later action.
        return documents.prepend(documents.prepend(self.inbound.raw, self.added), fields)

    def documents_for(self, rule: ReceiptRule, recipients: list[str],
                      action: dict[str, Any]) -> tuple[bytes, dict[str, Any], dict[str, Any]]:
        stored = self.stored(rule)
        mail = documents.mail_object(stored, message_id=self.message_id, sender=self.inbound.sender,
                                     destination=self.inbound.destination, at=self.at)
        elapsed = max(0, int((clock.utcnow() - self.at).total_seconds() * 1000))
        receipt = documents.receipt_object(at=self.at, processing_ms=elapsed, recipients=recipients,
                                           verdicts=self.inbound.verdicts, scan=rule.scan_enabled, action=action)
        return stored, mail, receipt

    def send(self, kind: str, payload: dict[str, Any]) -> tuple[str, Any]:
        if self.deliver is None:
            return "recorded", None
        return self.deliver(self.backend, kind, payload)

    def notify(self, topic: Optional[str], document: dict[str, Any]) -> Optional[str]:
        """Publish ``document`` to ``topic``: the outcome, or None without a topic."""
        if not topic:
            return None
        outcome, _ = self.send("sns", {"topic_arn": topic, "subject": documents.SUBJECT,
                                       "message": json.dumps(document, separators=(",", ":"))})
        return outcome

    # -- one rule ---------------------------------------------------------------------------
    def rule(self, rule: ReceiptRule, recipients: list[str]) -> None:
        for action in rule.actions:
            if self.action(rule, recipients, action) is not None:  # "rule" or "set": the rule ends here
                break

    def action(self, rule: ReceiptRule, recipients: list[str], action: ReceiptAction) -> Optional[str]:
        kind = _ACTION_TYPES[type(action)]
        handler = getattr(self, f"_{kind.lower()}")
        return handler(rule, recipients, action)  # type: ignore[no-any-return]

    def record(self, rule: ReceiptRule, kind: str, target: Optional[str], outcome: str, delivered: Any = None,
               notification: Optional[dict[str, Any]] = None, notified: Optional[str] = None,
               response: Any = None) -> None:
        if notified is not None and notified != outcome:
            outcome = f"{outcome}; notification {notified}"
        self.actions.append(ActionResult(rule.name, kind, target, outcome, delivered, notification, response))

    def _s3(self, rule: ReceiptRule, recipients: list[str], action: S3Action) -> Optional[str]:
        key = documents.object_key(action.object_key_prefix, self.message_id)
        described: dict[str, Any] = {"type": "S3"}
        if action.topic_arn:
            described["topicArn"] = action.topic_arn
        described["bucketName"] = action.bucket_name
        if action.object_key_prefix:
            described["objectKeyPrefix"] = action.object_key_prefix
        described["objectKey"] = key
        if action.kms_key_arn:
            described["kmsKeyArn"] = action.kms_key_arn  # (?) not in a recorded document
        stored, mail, receipt = self.documents_for(rule, recipients, described)
        delivered = {"bucket": action.bucket_name, "key": key, "body": stored, "kms_key_arn": action.kms_key_arn}
        if len(stored) > documents.S3_MAX_SIZE:
            self.record(rule, "S3", action.bucket_name, "failed: the message is larger than 30 MB", delivered)
            return None
        outcome, _ = self.send("s3", delivered)
        document = documents.notification(mail, receipt) if action.topic_arn else None
        notified = self.notify(action.topic_arn, document) if document is not None else None
        self.record(rule, "S3", action.bucket_name, outcome, delivered, document, notified)
        return None

    def _sns(self, rule: ReceiptRule, recipients: list[str], action: SNSAction) -> Optional[str]:
        described = {"type": "SNS", "topicArn": action.topic_arn, "encoding": documents.encoding_word(action.encoding)}
        stored, mail, receipt = self.documents_for(rule, recipients, described)
        if len(stored) > documents.SNS_MAX_SIZE:
            # "Larger emails will bounce" (receiving-email-action-sns): nothing is published.
            self.record(rule, "SNS", action.topic_arn, "failed: the message is larger than 150 KB (SES bounces it)")
            return None
        document = documents.notification(mail, receipt, documents.content_of(stored, action.encoding))
        outcome = self.notify(action.topic_arn, document) or "recorded"
        self.record(rule, "SNS", action.topic_arn, outcome, document)
        return None

    def _lambda(self, rule: ReceiptRule, recipients: list[str], action: LambdaAction) -> Optional[str]:
        invocation = action.invocation_type or "Event"  # the model's default
        described: dict[str, Any] = {"type": "Lambda"}
        if action.topic_arn:
            described["topicArn"] = action.topic_arn
        described.update(functionArn=action.function_arn, invocationType=invocation)
        _, mail, receipt = self.documents_for(rule, recipients, described)
        event = documents.lambda_event(mail, receipt)
        answer = _answer(self.lambda_answers, action.function_arn, event)
        if answer is not _NO_ANSWER:
            outcome, response = "answered by the test's lambda_answers", answer
        else:
            outcome, response = self.send("lambda", {"function_arn": action.function_arn,
                                                     "invocation_type": invocation, "event": event})
        document = documents.notification(mail, receipt) if action.topic_arn else None
        notified = self.notify(action.topic_arn, document) if document is not None else None
        disposition = _disposition(response) if invocation == "RequestResponse" else None
        self.record(rule, "Lambda", action.function_arn, outcome, event, document, notified, response)
        if disposition == "STOP_RULE":
            return "rule"
        if disposition == "STOP_RULE_SET":
            self.stopped = f"Lambda function {action.function_arn} answered STOP_RULE_SET (rule {rule.name!r})"
            return "set"
        return None

    def _bounce(self, rule: ReceiptRule, recipients: list[str], action: BounceAction) -> Optional[str]:
        described: dict[str, Any] = {"type": "Bounce"}
        if action.topic_arn:
            described["topicArn"] = action.topic_arn
        described.update(smtpReplyCode=action.smtp_reply_code, statusCode=action.status_code or "",
                         message=action.message, sender=action.sender)
        _, mail, receipt = self.documents_for(rule, recipients, described)
        bounce = _bounce_message(self.backend, self.inbound, self.message_id, recipients, action)
        document = documents.notification(mail, receipt) if action.topic_arn else None
        notified = self.notify(action.topic_arn, document) if document is not None else None
        self.record(rule, "Bounce", self.inbound.sender, f"bounce {bounce.message_id} sent to {self.inbound.sender}",
                    bounce.message_id, document, notified)
        return None

    def _addheader(self, rule: ReceiptRule, recipients: list[str], action: AddHeaderAction) -> Optional[str]:
        self.added.append((action.header_name, action.header_value))
        self.record(rule, "AddHeader", action.header_name, f"added {action.header_name}: {action.header_value}",
                    (action.header_name, action.header_value))
        return None

    def _stop(self, rule: ReceiptRule, recipients: list[str], action: StopAction) -> Optional[str]:
        described: dict[str, Any] = {"type": "Stop"}
        if action.topic_arn:
            described["topicArn"] = action.topic_arn
        _, mail, receipt = self.documents_for(rule, recipients, described)
        document = documents.notification(mail, receipt) if action.topic_arn else None
        notified = self.notify(action.topic_arn, document) if document is not None else None
        self.record(rule, "Stop", None, "stopped the rule set", None, document, notified)
        self.stopped = f"Stop action of rule {rule.name!r}"
        return "set"

    def _workmail(self, rule: ReceiptRule, recipients: list[str], action: WorkmailAction) -> Optional[str]:
        described: dict[str, Any] = {"type": "WorkMail"}
        if action.topic_arn:
            described["topicArn"] = action.topic_arn
        described["organizationArn"] = action.organization_arn
        stored, mail, receipt = self.documents_for(rule, recipients, described)
        document = documents.notification(mail, receipt) if action.topic_arn else None
        notified = self.notify(action.topic_arn, document) if document is not None else None
        # WorkMail is outside what a fake can run: the message it would have received.
        self.record(rule, "WorkMail", action.organization_arn, "recorded", stored, document, notified)
        return None

    def _connect(self, rule: ReceiptRule, recipients: list[str], action: ConnectAction) -> Optional[str]:
        stored = self.stored(rule)
        self.record(rule, "Connect", action.instance_arn, "recorded", stored)
        return None


_NO_ANSWER = object()


def _answer(answers: LambdaAnswers, function_arn: str, event: dict[str, Any]) -> Any:
    """The test's answer for ``function_arn`` (by ARN or function name), or _NO_ANSWER."""
    if answers is None:
        return _NO_ANSWER
    if callable(answers):
        return answers(function_arn, event)
    name = function_arn.rpartition(":function:")[2].split(":")[0] if ":function:" in function_arn else function_arn
    for key in (function_arn, name):
        if key in answers:
            return answers[key]
    return _NO_ANSWER


def _disposition(response: Any) -> Optional[str]:
    """A RequestResponse function's ``disposition``; anything else counts as CONTINUE."""
    if isinstance(response, (bytes, str)):
        try:
            response = json.loads(response)
        except ValueError:
            return None
    if isinstance(response, Mapping):
        value = response.get("disposition")
        if value in ("STOP_RULE", "STOP_RULE_SET", "CONTINUE"):
            return str(value)
    return None


def _bounce_message(backend: Backend, inbound: Inbound, message_id: str, recipients: list[str],
                    action: BounceAction) -> Any:
    """The bounce SES sends from the action's sender to the message's sender: a delivery
    status notification (RFC 3464) with the action's text, reply code and status, recorded
    as a sent message (operation "BounceAction")."""
    from ..messages import SentMessage
    from .bounce import SUBJECT, report

    status = action.status_code or "5.0.0"
    head, _ = mime.split_head(inbound.raw)
    raw = report(
        sender=action.sender, to=inbound.sender, boundary="fakeses-bounce", text=action.message,
        per_message=[f"Reporting-MTA: dns; inbound-smtp.{backend.region}.amazonaws.com"],
        recipients=[[f"Final-Recipient: rfc822; {recipient}", "Action: failed", f"Status: {status}",
                     f"Diagnostic-Code: smtp; {action.smtp_reply_code} {status} {action.message}"]
                    for recipient in recipients],
        headers=head.decode("utf-8", errors="replace"))
    now = clock.utcnow()
    message = SentMessage(
        message_id=ids.message_id(backend.region, int(now.timestamp() * 1000)), operation="BounceAction",
        service="ses", region=backend.region, account_id=backend.account_id, source=action.sender,
        to=[inbound.sender], cc=[], bcc=[], destinations=[inbound.sender], reply_to=[],
        subject=SUBJECT, sent_at=now, _content=mime.RawContent(raw),
    )
    backend.world.record(message)
    return message
