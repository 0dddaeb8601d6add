"""The handle a test holds: what was sent, and the state behind it."""
from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from ._options import check_account_id, check_principal, check_region
from .domain.events import EVENT_TYPES, Event, Publication
from .domain.identities import Identity, is_domain
from .domain.messages import SentMessage
from .domain.state import Backend, Options, World

if TYPE_CHECKING:  # annotations only: `import fakeses` does not load receiving or authorization
    import email.message

    from .domain.authorization import AuthorizationDecision
    from .domain.receiving.records import ReceivedMail

_KEEP: Any = object()  # set_dns(): a record not named keeps its value


class FakeSES:
    """An active fake of SES: read what was sent, set up state, reach the backends.

    Get one from ``with fakeses() as fake:``, from the pytest fixture ``ses_backend``,
    or with ``fakeses.current()`` inside a decorated test.
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self._world = World(options)
        self._received: list[ReceivedMail] = []

    @property
    def region(self) -> str:
        """The default region: of :meth:`backend`, and whose identity :meth:`verify_identity` returns."""
        return self.options.region

    @property
    def account_id(self) -> str:
        """The account every request is served as, unless its access key is a 12-digit id."""
        return self.options.account_id

    @property
    def sent_messages(self) -> list[SentMessage]:
        """Every message accepted while active, in order, across regions, accounts and APIs.

        A new list each time you read it, as things were then (``assert fake.sent_messages
        == []`` works); reading it costs one copy of the list of references, about 0.1 ms
        at 50,000 messages, so keep it in a variable inside a loop.
        """
        return _Snapshot(self._world.sent)  # one C-level copy: atomic under the GIL

    @property
    def received_messages(self) -> list[ReceivedMail]:
        """Every message given to :meth:`receive`, in order, with what SES did with each; a
        new list each time, like :attr:`sent_messages`."""
        return _Snapshot(self._received)

    def receive(self, message: Union[bytes, str, email.message.Message], *,
                recipients: Optional[Sequence[str]] = None, sender: Optional[str] = None,
                source_ip: Optional[str] = None, region: Optional[str] = None, account_id: Optional[str] = None,
                tls: bool = True, spam: str = "PASS", virus: str = "PASS", spf: str = "PASS", dkim: str = "PASS",
                dmarc: str = "PASS", dmarc_policy: Optional[str] = None,
                lambda_answers: Union[Mapping[str, Any], Callable[[str, dict[str, Any]], Any], None] = None,
                ) -> ReceivedMail:
        """Deliver ``message`` to SES's receiving endpoint: the active receipt rule set runs.

        ``message`` is the whole message (bytes, str or an ``email.message.Message``). The
        envelope: ``recipients`` (default: the To, Cc and Bcc headers' addresses) and
        ``sender``, the MAIL FROM (default: the Return-Path, else the From address).
        ``source_ip`` is the sending server's address, judged by the receipt filters
        (default a public mail server's, 209.85.128.45); ``tls`` whether it came over TLS
        (a rule with TlsPolicy Require takes nothing else). ``spam``, ``virus``, ``spf``,
        ``dkim`` and ``dmarc`` are the checks' verdicts ("PASS", "FAIL", "GRAY",
        "PROCESSING_FAILED"), ``dmarc_policy`` the sender's DMARC policy reported with a
        failed DMARC check. ``lambda_answers`` stands in for Lambda functions: a function's
        ARN or name to what it returns (``{"disposition": "STOP_RULE_SET"}``), or a callable
        ``(function_arn, event)``; other functions are invoked in moto when it can run them.
        ``region`` and ``account_id`` select the receiving account (default: the handle's).

        The rules' actions happen in moto when ``mock_aws`` is active (an S3 object, an SNS
        message, a Lambda invocation); otherwise each is recorded with what it would have
        delivered. Returns the :class:`~fakeses.ReceivedMail` record, also kept in
        :attr:`received_messages`. Raises TypeError or ValueError for arguments SES could not
        have received (no recipient, no sender, an unknown verdict, a region where SES
        receives no mail).

        Example::

            mail = fake.receive(b"From: ann@example.org\\r\\nTo: support@example.com\\r\\n"
                                b"Subject: Help\\r\\n\\r\\nHello\\r\\n")
            [stored] = mail.actions_of("S3")
            assert stored.delivered["key"] == f"inbox/{mail.message_id}"
        """
        from . import _receive
        from .domain.receiving import engine
        from .domain.receiving.records import Verdicts

        given = {"spam": spam, "virus": virus, "spf": spf, "dkim": dkim, "dmarc": dmarc}
        for name, value in given.items():
            if value not in engine.VERDICTS:
                raise ValueError(f"receive(): {name}= takes one of {', '.join(map(repr, engine.VERDICTS))}, "
                                 f"not {value!r}")
        if dmarc_policy is not None and dmarc_policy not in engine.DMARC_POLICIES:
            raise ValueError(f"receive(): dmarc_policy= takes one of {', '.join(map(repr, engine.DMARC_POLICIES))}, "
                             f"not {dmarc_policy!r}")
        if source_ip is not None:
            import ipaddress

            try:
                ipaddress.ip_address(source_ip)
            except ValueError:
                raise ValueError(f"receive(): source_ip= takes an IP address, not {source_ip!r}") from None
        inbound = engine.parse(message, recipients=recipients, sender=sender, source_ip=source_ip, tls=bool(tls),
                               verdicts=Verdicts(dmarc_policy=dmarc_policy, **given))
        backend = self._backend(region, account_id, "receive()")
        from .domain.receiving.store import RECEIVING_REGIONS, receives

        if not receives(backend.region):
            raise ValueError(f"receive(): SES receives no mail in {backend.region} (no inbound-smtp endpoint there); "
                             f"pass region= one of {', '.join(sorted(RECEIVING_REGIONS))}")
        with backend.lock:
            record = engine.receive(backend, inbound, deliver=_receive.deliver, lambda_answers=lambda_answers)
        self._received.append(record)
        return record

    @property
    def events(self) -> list[Event]:
        """Every event SES reported while active (Send, Rendering Failure, Bounce, ...), in
        order; a new list each time, like :attr:`sent_messages`."""
        return _Snapshot(self._world.events)

    @property
    def published(self) -> list[Publication]:
        """Everything SES published to other services while active, in order, with or without
        moto: each routed event, and the notices SES sends unasked when a topic is set up
        (an SNS event destination's validation message, an identity topic's subscription
        message). The whole stream a queue subscribed to the topics would see; a new list
        each time, like :attr:`sent_messages`.

        Example::

            [notice, sent] = fake.published
            assert notice.message == "Successfully validated SNS topic for Amazon SES event publishing."
            assert sent.event.type == "Send" and sent.subject == "Amazon SES Email Event Notification"
        """
        return _Snapshot(self._world.published)

    @property
    def authorization_decisions(self) -> list[AuthorizationDecision]:
        """How each send that named another account's identity by ARN was judged, in order:
        who asked for which action on which identity, allowed or not, and the statement
        that decided or why none applied. A new list each time, like :attr:`sent_messages`.

        Example::

            [decision] = fake.authorization_decisions
            assert decision.allowed, decision.reason
        """
        return _Snapshot(self._world.decisions)

    def use_principal(self, access_key_id: str, principal: str) -> None:
        """Make requests signed with ``access_key_id`` come from the IAM ``principal``.

        ``principal`` is a user, role or assumed-role ARN (``arn:aws:iam::222233334444:user/ann``,
        ``arn:aws:iam::222233334444:role/mailer``); its account serves the requests. Without
        this, a request comes from its account's root (``arn:aws:iam::<account>:root``): the
        account of a 12-digit access key id, or :attr:`account_id`. Sending authorization
        policies see the principal (``Principal``, ``aws:PrincipalArn``).

        Raises TypeError or ValueError for anything but a non-empty key and such an ARN.

        Example::

            fake.use_principal("AKIAMAILER", "arn:aws:iam::222233334444:role/mailer")
            ses = boto3.client("sesv2", aws_access_key_id="AKIAMAILER", aws_secret_access_key="x")
        """
        if not isinstance(access_key_id, str) or not access_key_id:
            raise TypeError(f"use_principal() takes an access key id (a non-empty string), not {access_key_id!r}")
        self._world.principals[access_key_id] = check_principal(principal, "use_principal()")

    def events_of(self, message: SentMessage, type: Optional[str] = None) -> list[Event]:
        """The events about ``message`` (of one ``type``, e.g. "Bounce", if given), in order.

        Found by the message's id, without reading the rest of the log. Raises TypeError
        if ``message`` is not a :class:`~fakeses.SentMessage`, ValueError if it was not sent
        through this fake (or ``clear()`` forgot it) or ``type`` is not an SES event type.
        """
        self._known(message, "events_of")
        if type is not None and type not in EVENT_TYPES:
            raise ValueError(f"events_of() takes an SES event type ({', '.join(map(repr, EVENT_TYPES))}), "
                             f"not {type!r}")
        found = self._world.events_about(message.message_id)
        return found if type is None else [event for event in found if event.type == type]

    def _known(self, message: SentMessage, caller: str) -> None:
        if not isinstance(message, SentMessage):
            raise TypeError(f"{caller}() takes a message from sent_messages, not {message!r}")
        if self._world.message(message.message_id) is not message:
            raise ValueError(f"{message.message_id} was not sent through this fake "
                             "(or clear() has forgotten it)")

    # -- what happened next: make SES report it -----------------------------------------
    # Each outcome below raises ValueError when SES could not publish it after the message's
    # events so far (a second Delivery of a recipient, a Complaint before any Delivery, ...):
    # the rules are in fakeses/domain/outcomes.py and docs/events.md.
    def deliver(self, message: SentMessage, recipients: Optional[Sequence[str]] = None) -> Event:
        """Report ``message`` delivered (to all its recipients, or to ``recipients``).

        fakeses delivers ordinary recipients at send, as SES does; give this for recipients
        held with the ``outcomes`` option (``fakeses(outcomes="hold")``).
        """
        return self._outcome("deliver", message, recipients)

    def bounce(self, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
               bounce_type: str = "Permanent", subtype: str = "General", diagnostic: Optional[str] = None) -> Event:
        """Report ``message`` bounced: ``bounce_type`` "Permanent", "Transient" or "Undetermined"
        with one of SES's subtypes ("General", "NoEmail", "Suppressed", "MailboxFull", ...)."""
        return self._outcome("bounce", message, recipients, bounce_type=bounce_type, subtype=subtype,
                             diagnostic=diagnostic)

    def complain(self, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
                 feedback_type: Optional[str] = "abuse") -> Event:
        """Report a recipient marking ``message`` as spam."""
        return self._outcome("complain", message, recipients, feedback_type=feedback_type)

    def open(self, message: SentMessage) -> Event:
        """Report a recipient opening ``message``."""
        return self._outcome("open_", message)

    def click(self, message: SentMessage, link: str, *, link_tags: Optional[dict[str, list[str]]] = None) -> Event:
        """Report a recipient clicking ``link`` in ``message``."""
        return self._outcome("click", message, link, link_tags=link_tags)

    def delay(self, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
              delay_type: str = "TransientCommunicationFailure") -> Event:
        """Report the delivery of ``message`` delayed (SES keeps trying)."""
        return self._outcome("delay", message, recipients, delay_type=delay_type)

    def reject(self, message: SentMessage, reason: str = "Bad content") -> Event:
        """Report ``message`` rejected after acceptance (SES found a virus)."""
        return self._outcome("reject", message, reason)

    def subscription(self, message: SentMessage, contact_list: str, *,
                     new_topics: Optional[dict[str, str]] = None, old_topics: Optional[dict[str, str]] = None,
                     unsubscribe_all: bool = False, recipient: Optional[str] = None) -> Event:
        """Report a recipient changing their subscription to ``contact_list`` from ``message``
        (topic name to "OptIn" or "OptOut", as in SES's example).

        When the account has that contact list, the contact (``recipient``, needed when the
        message has several) changes as reported, and the event's old and new preferences
        are the contact's, for every topic of the list.
        """
        return self._outcome("subscription", message, contact_list, new_topics=new_topics,
                             old_topics=old_topics, unsubscribe_all=unsubscribe_all, recipient=recipient)

    def unsubscribe(self, link: Union[SentMessage, str], recipient: Optional[str] = None, *,
                    all_topics: bool = False) -> Event:
        """Follow the unsubscribe link SES put in a list-managed message: what its recipient does.

        ``link`` is a message sent with ListManagementOptions (or the
        X-SES-LIST-MANAGEMENT-OPTIONS header), or its link (``message.unsubscribe_url``, the
        List-Unsubscribe header's). The contact opts out of the message's topic or, for a
        message with no topic or with ``all_topics``, of everything (UnsubscribeAll); SES
        reports a Subscription event. SES puts a link only in a single-recipient message;
        for one of several recipients of a list-managed message, name ``recipient``.

        Returns the Subscription event. Raises TypeError for anything else, ValueError for a
        message without list management, a link this fake never sent, or a recipient that is
        not one of the message's.

        Example::

            [mail] = fake.sent_messages
            fake.unsubscribe(mail)
            contact = ses.get_contact(ContactListName="news", EmailAddress="ann@example.org")
            assert contact["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
        """
        from .domain import contacts

        if isinstance(link, SentMessage):
            self._known(link, "unsubscribe")
        elif not isinstance(link, str):
            raise TypeError(f"unsubscribe() takes a message from sent_messages or its unsubscribe_url, not {link!r}")
        return contacts.follow(self._world, link, recipient, all_topics=all_topics)

    def _outcome(self, name: str, message: SentMessage, *args: Any, **kwargs: Any) -> Event:
        from .domain import outcomes

        self._known(message, name.rstrip("_"))
        backend = self._world.backend(message.account_id, message.region)
        with backend.lock:
            event: Event = getattr(outcomes, name)(backend, message, *args, **kwargs)
        return event

    # -- S3 files of import and export jobs (fakeses/domain/jobs.py) ------------------------------
    def put_object(self, s3_url: str, data: Union[bytes, str]) -> None:
        """Put the file ``data`` (str is UTF-8 encoded) at ``s3_url`` (``s3://bucket/key``), for
        an import job (CreateImportJob's ImportDataSource.S3Url) to read.

        With moto's ``mock_aws`` active the object goes to moto's S3 (its bucket must
        exist); otherwise fakeses keeps it, in :attr:`objects`.

        >>> fake.put_object("s3://lists/suppressed.csv", "ann@example.org,BOUNCE\\n")
        """
        from .domain import jobs

        url = _s3_url(s3_url, "put_object()")
        if not isinstance(data, (bytes, str)):
            raise TypeError(f"put_object(): data must be bytes or str, not {type(data).__name__}")
        try:
            jobs.write_object(self.backend(), url, data.encode() if isinstance(data, str) else bytes(data))
        except jobs.StorageFailure as error:
            raise ValueError(f"put_object(): S3 refused {url}: {error}") from None

    def get_object(self, s3_url: str) -> bytes:
        """The file at ``s3_url``: an export job's output, or an import job's failed records.

        Export jobs still pending are written first (as GetExportJob would). With moto's
        ``mock_aws`` active the object is read from moto's S3. Raises KeyError, naming the
        objects there are, if there is no such object.
        """
        from .domain import jobs

        url = _s3_url(s3_url, "get_object()")
        jobs.settle_all(self._world.all_backends())
        try:
            return jobs.read_object(self.backend(), url)
        except jobs.StorageFailure as error:
            known = ", ".join(sorted(self._world.objects)) or "none"
            raise KeyError(f"get_object(): no object at {url} ({error}); objects fakeses holds: {known}") from None

    @property
    def objects(self) -> dict[str, bytes]:
        """Every file fakeses holds (moto not active), by ``s3://bucket/key`` URL: those put
        with :meth:`put_object` and those import and export jobs wrote. A new dict each time;
        pending export jobs are written first."""
        from .domain import jobs

        jobs.settle_all(self._world.all_backends())
        with self._world.objects_lock:
            return dict(self._world.objects)

    def backend(self, region: Optional[str] = None, account_id: Optional[str] = None) -> Backend:
        """The state of one (account, region): identities, account settings, ...

        Defaults: the handle's :attr:`region` and :attr:`account_id`. Raises TypeError or
        ValueError for something that is not a region name or a 12-digit account id.
        """
        return self._backend(region, account_id, "backend()")

    def _backend(self, region: Optional[str], account_id: Optional[str], caller: str) -> Backend:
        region = self.options.region if region is None else check_region(region, caller)
        account_id = self.options.account_id if account_id is None else check_account_id(account_id, caller)
        return self._world.backend(account_id, region)

    def verify_identity(
        self, identity: str, region: Optional[str] = None, account_id: Optional[str] = None
    ) -> Identity:
        """Create ``identity`` (an email address or a domain) if needed and mark it verified.

        This is what clicking the verification link, or SES finding the DNS records,
        does; with ``auto_verify=False`` it is the only way an identity becomes verified.

        With no ``region`` the identity is verified in every region of the account,
        including regions no request has reached yet: DNS records are global, so a test
        that says "the domain is set up" means it everywhere. ``region=`` keeps it to
        that one region, as SES does (each region verifies on its own).
        ``account_id`` selects the account (default: the handle's).

        Returns the identity as the given region holds it, or with no region as the
        handle's default region (:attr:`region`) holds it. Raises ValueError for anything
        but a bare address or a domain name (a display name, ``Shop <no-reply@example.com>``,
        is refused: nobody sends from that identity), TypeError for a non-string.

        Example::

            fake.verify_identity("example.com")                    # every region
            fake.verify_identity("ann@example.org", region="eu-west-1")
        """
        identity = _identity_name(identity)
        if region is not None:
            backend = self._backend(region, account_id, "verify_identity()")
            with backend.lock:
                return backend.identities.force_verify(identity)
        backend = self._backend(None, account_id, "verify_identity()")
        self._world.verify_everywhere(backend.account_id, identity)
        with backend.lock:
            return backend.identities.force_verify(identity)  # already verified: finds it

    def follow_verification_link(self, link: Union[SentMessage, str]) -> str:
        """Click the link of a custom verification email: what its recipient does.

        ``link`` is the message from :attr:`sent_messages` that SendCustomVerificationEmail
        recorded, or the link itself (``message.verification_link``). Returns the URL SES
        redirects the browser to: the template's SuccessRedirectionURL, after which the
        address is a verified identity; or its FailureRedirectionURL, verifying nothing,
        when the link is more than 24 hours old by the fake's clock or the address is no
        longer an identity. Raises TypeError for anything else, ValueError for a message
        with no verification link or a link this fake never sent.

        Example::

            ses.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
            [mail] = fake.sent_messages
            assert fake.follow_verification_link(mail) == "https://example.com/verified"
        """
        from .domain import custom_verification

        if isinstance(link, SentMessage):
            url = link.verification_link
            if url is None:
                raise ValueError(f"follow_verification_link() takes a custom verification email; {link!r} "
                                 "has no verification link")
        elif isinstance(link, str):
            url = link
        else:
            raise TypeError("follow_verification_link() takes a message from sent_messages or its "
                            f"verification_link, not {link!r}")
        found = custom_verification.parse_link(url)
        if found is None:
            raise ValueError(f"{url!r} is not a custom verification link "
                             "(https://email-verification.<region>.amazonaws.com/?...)")
        region, account_id, token = found
        backend = self._world.backend(account_id, region)
        with backend.lock:
            try:
                redirect, _ = custom_verification.follow(backend, token)
            except KeyError:
                raise ValueError(f"{url!r} was not sent by this fake") from None
        return redirect

    def set_mail_from_status(
        self, identity: str, status: str, region: Optional[str] = None, account_id: Optional[str] = None
    ) -> None:
        """Say what SES found in DNS for the custom MAIL FROM domain of ``identity``: its MX
        record is there ("Success"), not yet looked for ("Pending"), missing ("Failed") or
        could not be read ("TemporaryFailure"). v2's spellings (``"TEMPORARY_FAILURE"``) work too.

        A send from the identity then uses the MAIL FROM domain (Success) or, otherwise,
        SES's own, or is refused with MailFromDomainNotVerified when the identity's
        BehaviorOnMXFailure is RejectMessage. With ``auto_verify`` (the default) a MAIL
        FROM domain is Success as soon as it is set; with ``auto_verify=False`` it is
        Pending until this is called.

        With no ``region`` every region of the account where the identity has a MAIL FROM
        domain now; ``region=`` keeps it to one. Raises ValueError for an unknown status, or
        when the identity has no MAIL FROM domain there (set one first, with
        SetIdentityMailFromDomain or PutEmailIdentityMailFromAttributes).

        Example::

            fake.set_mail_from_status("example.com", "Failed")
        """
        from .domain.mail_from import STATUSES

        identity = _identity_name(identity, "set_mail_from_status()")
        by_name = {s.upper(): s for s in STATUSES} | {"TEMPORARY_FAILURE": "TemporaryFailure"}
        found = by_name.get(status.upper() if isinstance(status, str) else "")
        if found is None:
            raise ValueError(f"set_mail_from_status() takes a status of {', '.join(map(repr, STATUSES))}, "
                             f"not {status!r}")
        if region is not None:
            backends = [self._backend(region, account_id, "set_mail_from_status()")]
        else:
            account = self._backend(None, account_id, "set_mail_from_status()").account_id
            backends = self._world.backends_of(account)
        changed = 0
        for backend in backends:
            with backend.lock:
                held = backend.identities.get(identity)
                if held is not None and held.mail_from_domain is not None:
                    held.mail_from_status = found
                    changed += 1
        if not changed:
            where = f"in {region}" if region is not None else "in any region"
            raise ValueError(f"set_mail_from_status(): {identity!r} has no MAIL FROM domain {where}; set one "
                             "first (SetIdentityMailFromDomain or PutEmailIdentityMailFromAttributes)")

    def provision_dedicated_ips(
        self, count: int = 1, pool: Optional[str] = None, region: Optional[str] = None,
        account_id: Optional[str] = None,
    ) -> list[str]:
        """Give the account ``count`` dedicated IP addresses: what SES does when AWS Support
        grants a request for dedicated IPs, or when it scales a MANAGED pool.

        With no ``pool`` the addresses land in ``ses-default-dedicated-pool`` (every
        dedicated IP in no pool of yours), as leased IPs do; with the name of a pool made by
        CreateDedicatedIpPool, in that pool. A standard IP starts its warm-up at 0 %
        (``IN_PROGRESS``); in a MANAGED pool SES warms it (``-1``, ``NOT_APPLICABLE``).
        The addresses come from the documentation ranges of RFC 5737 (198.51.100.0/24,
        then 203.0.113.0/24, then 192.0.2.0/24), never twice in one fake.
        ``region`` and ``account_id`` default to the handle's.

        Returns the addresses, in order. Raises ValueError for a count below 1, a pool that
        does not exist there, or when the ranges are used up.

        Example::

            [ip] = fake.provision_dedicated_ips()
            sesv2.put_dedicated_ip_in_pool(Ip=ip, DestinationPoolName="marketing")
        """
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"provision_dedicated_ips() takes a count of 1 or more, not {count!r}")
        backend = self._backend(region, account_id, "provision_dedicated_ips()")
        used = {ip.ip for other in self._world.all_backends() for ip in other.dedicated_ips.ips()}
        free = (address for address in _DOCUMENTATION_ADDRESSES if address not in used)
        ips = [address for address, _ in zip(free, range(count))]
        if len(ips) < count:
            raise ValueError(f"provision_dedicated_ips(): only {len(ips)} documentation addresses are left "
                             f"in this fake, {count} asked for")
        with backend.lock:
            return [ip.ip for ip in backend.dedicated_ips.provision(ips, pool)]
    def set_dns(self, domain: str, *, dmarc: Optional[str] = _KEEP, spf: Optional[str] = _KEEP,
                bimi: Optional[str] = _KEEP, mx: bool = _KEEP) -> None:
        """Say what the public DNS holds for ``domain``, as SES's Virtual Deliverability
        Manager reads it: the DMARC record (``dmarc="v=DMARC1; p=reject"``), the SPF record
        (``spf="v=spf1 include:amazonses.com ~all"``; for a custom MAIL FROM domain, the one
        SES asks for), the BIMI record (``bimi="v=BIMI1; l=https://example.com/logo.svg"``),
        each ``None`` when none is published, and whether the domain has MX records
        (``mx=False``: it receives no mail). Records not named keep their value. Until set,
        a domain publishes no DMARC or BIMI record and has MX records, and a custom MAIL FROM
        domain whose MX record SES found (``set_mail_from_status``) has the SPF record SES
        asked for.

        DNS is the same for every account and region. ListRecommendations derives its DMARC,
        SPF and BIMI recommendations from it, GetEmailAddressInsights its DNS verdict.
        Raises TypeError for a record that is not a string or None (``mx``: a bool).

        Example::

            fake.set_dns("example.com", dmarc="v=DMARC1; p=quarantine", bimi=None)
        """
        if not isinstance(domain, str) or not domain.strip(".").strip():
            raise TypeError(f"set_dns() takes a domain name, not {domain!r}")
        changes: dict[str, Any] = {}
        for name, value in (("dmarc", dmarc), ("spf", spf), ("bimi", bimi)):
            if value is _KEEP:
                continue
            if value is not None and not isinstance(value, str):
                raise TypeError(f"set_dns(): {name} is the record's text (a str) or None, not {value!r}")
            changes[name] = value
        if mx is not _KEEP:
            if not isinstance(mx, bool):
                raise TypeError(f"set_dns(): mx is True or False, not {mx!r}")
            changes["mx"] = mx
        self._world.dns.set(domain, **changes)
    def set_placement(self, *, inbox: float = 100, spam: float = 0, missing: float = 0,
                      isp: Optional[str] = None, region: Optional[str] = None,
                      account_id: Optional[str] = None) -> None:
        """Say where mail lands at the mailbox providers, in percent: ``inbox + spam +
        missing`` must be 100. With ``isp`` (a name as the dashboard reports it: "Gmail",
        "Yahoo", "Hotmail", "iCloud", "Comcast", "Web.de", "GMX", "Other") for that
        provider only; without, for every provider (forgetting what was set for single ones).
        The default is everything in the inbox.

        Predictive inbox placement tests created afterwards report it, and the Deliverability
        dashboard's domain statistics and campaigns place each delivery by it (see
        docs/deliverability.md). Raises ValueError when the shares do not add up to 100.

        Example::

            fake.set_placement(inbox=80, spam=20, isp="Gmail")
        """
        from .domain.deliverability import Placement

        shares = (inbox, spam, missing)
        if any(not isinstance(x, (int, float)) or isinstance(x, bool) or x < 0 for x in shares) \
                or abs(sum(shares) - 100) > 1e-9:
            raise ValueError(f"set_placement() takes inbox, spam and missing percentages that add up to 100, "
                             f"not {inbox!r}, {spam!r}, {missing!r}")
        backend = self._backend(region, account_id, "set_placement()")
        with backend.lock:
            backend.account.dashboard.observations.set_placement(
                Placement(float(inbox), float(spam), float(missing)), isp)

    def list_on_blacklist(self, item: str, rbl_name: str, *, description: Optional[str] = None,
                          listed_at: Optional[_dt.datetime] = None, region: Optional[str] = None,
                          account_id: Optional[str] = None) -> None:
        """Put ``item`` (a dedicated IP address or a domain) on the blocklist ``rbl_name``:
        GetBlacklistReports then reports the listing, at ``listed_at`` (default: now, by
        the fake's clock). Nothing is listed until a test says so.

        Example::

            fake.list_on_blacklist("192.0.2.1", "Spamhaus", description="Listed for spam traps")
        """
        from .domain import clock
        from .domain.deliverability import BlacklistEntry

        if not isinstance(item, str) or not item or not isinstance(rbl_name, str) or not rbl_name:
            raise ValueError("list_on_blacklist() takes an item (IP address or domain) and a blocklist name")
        backend = self._backend(region, account_id, "list_on_blacklist()")
        with backend.lock:
            backend.account.dashboard.observations.list_on(
                item, BlacklistEntry(rbl_name, listed_at or clock.utcnow(), description))
    def impair_region(self, region: str, impaired: bool = True) -> None:
        """Say that SES in ``region`` is impaired (or, with ``impaired=False``, recovered).

        A send through a multi-region endpoint (``EndpointId``) goes out of the endpoint's
        primary region, or out of its secondary while the primary is impaired, as SES
        shifts traffic away from an impaired region (developer guide, global endpoints).
        Sends to a regional endpoint are not affected. Raises TypeError or ValueError for
        something that is not a region name.

        Example::

            fake.impair_region("us-east-1")      # sends through endpoints now leave eu-west-1
        """
        region = check_region(region, "impair_region()")
        if impaired:
            self._world.impaired_regions.add(region)
        else:
            self._world.impaired_regions.discard(region)

    def fail_endpoint(self, name: str, region: Optional[str] = None, account_id: Optional[str] = None) -> None:
        """Make SES fail to provision the multi-region endpoint ``name`` of ``region`` (its
        primary; default: the handle's): Get and List answer FAILED, and a send through it
        is refused. Raises ValueError when there is no such endpoint.

        Example::

            fake.fail_endpoint("global")
        """
        from .domain.multi_region import FAILED

        backend = self._backend(region, account_id, "fail_endpoint()")
        with backend.lock:
            found = backend.multi_region_endpoints.get(name)
            if found is None:
                raise ValueError(f"fail_endpoint(): no multi-region endpoint {name!r} in {backend.region}; "
                                 "create it first (CreateMultiRegionEndpoint)")
            found.status = FAILED

    def clear(self) -> None:
        """Forget the messages sent, the events and the publications so far (state such as
        identities is kept).

        Lists read from :attr:`sent_messages`, :attr:`events` and :attr:`published` before
        keep their items.
        """
        self._world.clear()
        self._received.clear()

    def __repr__(self) -> str:
        o = self.options
        return (
            f"<FakeSES region={o.region!r} account_id={o.account_id!r} sandbox={o.sandbox} "
            f"auto_verify={o.auto_verify} sent={len(self._world.sent)}>"
        )


T = TypeVar("T")


#: The addresses provision_dedicated_ips() hands out: RFC 5737's documentation ranges,
#: which no real mail server uses.
_DOCUMENTATION_ADDRESSES = tuple(f"{prefix}.{host}" for prefix in ("198.51.100", "203.0.113", "192.0.2")
                                 for host in range(1, 255))


class _Snapshot(list[T]):
    """What the fake recorded, as a list of the records at the moment it was read.

    It is a list in every way. For the tests written when ``sent_messages`` was a tuple,
    it also equals a tuple of the same items (``fake.sent_messages == ()``), with a
    DeprecationWarning: that comparison will be False one day, as for any list.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple):
            _deprecated_tuple()
            return list.__eq__(self, list(other))
        return list.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        if isinstance(other, tuple):
            _deprecated_tuple()
            return list.__ne__(self, list(other))
        return list.__ne__(self, other)

    __hash__ = None


def _deprecated_tuple() -> None:
    warnings.warn(
        "fakeses: sent_messages and events are lists now: compare them with a list "
        "(fake.sent_messages == []), not a tuple; a tuple will stop being equal to them",
        DeprecationWarning, stacklevel=3,
    )


_EXPECTED = "an email address such as 'no-reply@example.com' or a domain such as 'example.com'"


def _identity_name(identity: object, caller: str = "verify_identity()") -> str:
    """``identity`` if it is a bare address or a domain, by the rules SES identities follow
    (fakeses/mail/addresses.py; ``is_domain``); otherwise what to pass instead."""
    if not isinstance(identity, str):
        raise TypeError(f"{caller} takes {_EXPECTED}, not {identity!r} ({type(identity).__name__})")
    if "@" not in identity:
        if not is_domain(identity):
            raise ValueError(f"{caller} takes {_EXPECTED}, not {identity!r}")
        return identity
    # Imported here: `import fakeses` leaves the address parser for later.
    from .mail import addresses

    try:
        bare = addresses.check(identity)
    except addresses.AddressError as error:
        raise ValueError(f"{caller} takes {_EXPECTED}; {identity!r} is not an email address "
                         f"({error})") from None
    if bare != identity:
        raise ValueError(f"{caller} takes the address alone: pass the bare address {bare!r}, "
                         f"not {identity!r}")
    return identity


def _s3_url(url: object, caller: str) -> str:
    from .domain.jobs import split_url

    if not isinstance(url, str):
        raise TypeError(f"{caller}: the URL must be a str such as 's3://bucket/key', not {type(url).__name__}")
    try:
        split_url(url)
    except ValueError:
        raise ValueError(f"{caller}: {url!r} is not an S3 URL; write it as 's3://bucket/key'") from None
    return url
