"""Identities: email addresses and domains, their verification and DKIM state.

One store per (account, region), shared by the v1 and v2 doors. Email addresses are
case-sensitive for verification, domains are not (fact F11). A verified domain covers
its addresses and every subdomain (fact F10).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import clock, ids
from .errors import FeedbackTopicsMissing, IdentityAlreadyExists, IdentityNotFound

if TYPE_CHECKING:
    from .dkim import Signing

EMAIL = "EmailAddress"
DOMAIN = "Domain"
# v1 statuses; v2 spells them in capitals (PENDING, SUCCESS, ...).
PENDING, SUCCESS, NOT_STARTED = "Pending", "Success", "NotStarted"
# DKIM signing origins (v2 DkimAttributes.SigningAttributesOrigin).
EASY_DKIM, BYODKIM = "AWS_SES", "EXTERNAL"


_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def is_domain(name: str) -> bool:
    """Is ``name`` a domain SES takes as an identity: two or more labels of letters,
    digits and inner hyphens, 1-63 characters each."""
    labels = name.split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def kind_of(name: str) -> str:
    return EMAIL if "@" in name else DOMAIN


def key_of(name: str) -> str:
    return name if "@" in name else name.lower()


@dataclasses.dataclass
class Identity:
    """One email address or domain and what SES knows about it."""

    name: str
    kind: str
    status: str = PENDING
    verification_token: Optional[str] = None
    dkim_enabled: bool = False
    dkim_status: str = NOT_STARTED
    #: Easy DKIM: three CNAME tokens; BYODKIM: the selector (v2 DkimAttributes.Tokens doc, seed 001).
    dkim_tokens: list[str] = dataclasses.field(default_factory=list)
    dkim_origin: str = EASY_DKIM
    dkim_key_length: str = "RSA_2048_BIT"
    dkim_selector: Optional[str] = None
    dkim_generated_at: Optional[_dt.datetime] = None
    #: Easy DKIM: the key length of the next key pair (PutEmailIdentityDkimSigningAttributes
    #: NextSigningKeyLength); None: the current one's.
    dkim_next_key_length: Optional[str] = None
    #: Custom MAIL FROM (fakeses/domain/mail_from.py): the domain (None: SES's own), the
    #: MX record's status (v1 spelling) and what a send does while it is not Success.
    mail_from_domain: Optional[str] = None
    mail_from_status: str = PENDING
    mail_from_behavior: str = "UseDefaultValue"
    #: S/MIME certificate associations by from address (fakeses/domain/certificates.py).
    certificates: dict[str, Any] = dataclasses.field(default_factory=dict)
    # What decides where the events of mail sent as this identity go. A new identity,
    # whichever door made it, forwards feedback by email, has no topics and no headers in
    # notifications (Ansible community.aws ses_identity integration tests, assert_defaults,
    # run against AWS: forwarding_enabled true, headers_in_* false, no *_topic).
    #: Bounces and complaints forwarded by email (v1 ForwardingEnabled, v2 FeedbackForwardingStatus).
    feedback_forwarding: bool = True
    #: The identity's default configuration set (v2 PutEmailIdentityConfigurationSetAttributes,
    #: CreateEmailIdentity); None: none.
    configuration_set: Optional[str] = None
    #: SNS topic per notification type ("Bounce", "Complaint", "Delivery"): SetIdentityNotificationTopic.
    notification_topics: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Notification types whose notifications carry the headers: SetIdentityHeadersInNotificationsEnabled.
    headers_in: set[str] = dataclasses.field(default_factory=set)
    #: v2 Tags as (key, value) pairs in the order given, as every taggable resource keeps them.
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)

    @property
    def verified(self) -> bool:
        return self.status == SUCCESS

    @property
    def dkim_set_up(self) -> bool:
        """Whether DKIM was set up (Easy DKIM tokens, or a BYODKIM selector), signing or not."""
        return bool(self.dkim_tokens)

    def notification_topic(self, notification_type: str) -> Optional[str]:
        """The SNS topic notifications of ``notification_type`` ("Bounce", "Complaint",
        "Delivery") go to, or None."""
        return self.notification_topics.get(notification_type)

    def headers_in_notifications(self, notification_type: str) -> bool:
        """Whether notifications of ``notification_type`` carry the message's headers (F23)."""
        return notification_type in self.headers_in


class Identities:
    """The identities of one (account, region), in creation order.

    With ``auto_verify`` an identity is verified as soon as it is submitted (as if the
    link were clicked or the DNS records found at once); without it, it stays pending
    until :meth:`force_verify`.
    """

    def __init__(self, auto_verify: bool) -> None:
        self.auto_verify = auto_verify
        self._by_key: dict[str, Identity] = {}
        # What the list operations page through, kept until an identity is added or
        # deleted, so that paging through N identities costs O(N) in all, not O(N) a page.
        self._listing: Optional[tuple[Identity, ...]] = None
        self._names: dict[Optional[str], tuple[str, ...]] = {}
        #: True once an identity has a notification topic: sends then look for routes.
        self.notifying = False
        #: True once an identity has had a custom MAIL FROM domain: sends then look for it.
        self.mail_from_set = False

    # -- settings that decide where a message's events go ---------------------------------
    def settings_for(self, sender: str) -> Optional[Identity]:
        """The identity whose notification settings and default configuration set apply to
        mail from ``sender`` (a bare address, or one with a display name), or None.

        The candidates are the address itself, then its domain, then each parent domain
        (as for sending, F10). The first *verified* candidate wins, with all its settings:
        "Verified domain notification settings apply to all mail sent from email addresses
        in that domain except for email addresses that are also verified" (developer
        guide, configure-sns-notifications); "A default configuration set at the email
        address level overrides a default configuration set at the domain level" and "A
        default configuration set at the domain level applies to all email addresses for
        that domain (unless you verify specific addresses for the domain)" (developer
        guide, managing-configuration-sets-default; F18). So a verified address beats its
        domain even where it has no topic or default set of its own, and a pending address
        under a verified domain gets the domain's settings. If no candidate is verified
        (SES would refuse the send anyway) the first one that exists is answered. That a
        parent domain's settings reach its subdomains' addresses is inferred from F10 (?).

        Example::

            identities.settings_for("Ann <ann@example.com>")   # ann@example.com, else example.com
        """
        from ..mail.addresses import AddressError, check

        try:
            address = check(sender)
        except AddressError:
            return None
        return self.settings_of(address)

    def settings_of(self, address: str) -> Optional[Identity]:
        """:meth:`settings_for` of a bare address (or domain), already checked."""
        first: Optional[Identity] = None
        for key in self._candidates(address):
            found = self._by_key.get(key)
            if found is None:
                continue
            if found.verified:
                return found
            first = first or found
        return first

    @staticmethod
    def _candidates(address: str) -> Iterator[str]:
        yield address  # addresses are case-sensitive (F11)
        domain = address.rpartition("@")[2].lower()
        while domain:
            yield domain
            domain = domain.partition(".")[2]

    def default_configuration_set(self, sender: str) -> Optional[str]:
        """The default configuration set of the identity that applies to ``sender``
        (:meth:`settings_for`), or None. "Default configuration sets will only be applied
        if the identity is verified" (developer guide, managing-configuration-sets-default).
        An empty name, which v2 stores as given (floci PR #1698, probed), is taken as no
        default (?)."""
        identity = self.settings_for(sender)
        if identity is None or not identity.verified:
            return None
        return identity.configuration_set or None

    def set_notification_topic(self, identity: Identity, notification_type: str, topic: Optional[str]) -> None:
        """SetIdentityNotificationTopic: no ``topic`` (absent or empty) stops notifications
        of the type ("If the parameter is omitted from the request or a null value is
        passed, SnsTopic is cleared and publishing is disabled", seed 003)."""
        if topic:
            identity.notification_topics[notification_type] = topic
            self.notifying = True
        else:
            identity.notification_topics.pop(notification_type, None)

    def set_headers_in_notifications(self, identity: Identity, notification_type: str, enabled: bool) -> None:
        """SetIdentityHeadersInNotificationsEnabled: whether notifications of the type carry
        the original headers. Allowed with or without a topic of that type (the Ansible
        ses_identity integration tests enable headers on an identity with no topics)."""
        if enabled:
            identity.headers_in.add(notification_type)
        else:
            identity.headers_in.discard(notification_type)

    def set_forwarding(self, identity: Identity, enabled: bool, *, require_topics: bool = True) -> None:
        """Feedback forwarding by email.

        v1 (``require_topics``): it can be turned off only while bounce and complaint
        notifications go to SNS topics ("Feedback forwarding can only be disabled when
        Amazon SNS topics are specified for both bounces and complaints", seed 003
        SetIdentityFeedbackForwardingEnabled); raises :class:`FeedbackTopicsMissing`.
        v2 PutEmailIdentityFeedbackAttributes turns it off without any topic: the
        Terraform acceptance tests TestAccSESV2EmailIdentityFeedbackAttributes_basic and
        _emailForwardingEnabled (hashicorp/terraform-provider-aws,
        internal/service/sesv2/email_identity_feedback_attributes_test.go) disable it on a
        fresh identity and read FeedbackForwardingStatus false back from AWS.
        """
        if require_topics and not enabled and not {"Bounce", "Complaint"} <= set(identity.notification_topics):
            raise FeedbackTopicsMissing(identity=identity.name)
        identity.feedback_forwarding = enabled

    def __iter__(self) -> Iterator[Identity]:
        return iter(self.listing())

    def listing(self) -> Sequence[Identity]:
        """Every identity, in creation order (a snapshot: later changes make a new one)."""
        if self._listing is None:
            self._listing = tuple(self._by_key.values())
        return self._listing

    def names(self, kind: Optional[str] = None) -> Sequence[str]:
        """The names of the identities of ``kind`` (EMAIL, DOMAIN; None: all), in creation order."""
        found = self._names.get(kind)
        if found is None:
            found = self._names[kind] = tuple(i.name for i in self.listing() if kind in (None, i.kind))
        return found

    def _changed(self) -> None:
        self._listing = None
        self._names.clear()

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, name: str) -> Optional[Identity]:
        """The identity ``name`` (a domain in any case), or None."""
        return self._by_key.get(key_of(name))

    def require(self, name: str) -> Identity:
        """The identity ``name``; raises :class:`IdentityNotFound` if there is none."""
        identity = self.get(name)
        if identity is None:
            raise IdentityNotFound(identity=name)
        return identity

    def require_absent(self, name: str) -> None:
        """Raises :class:`IdentityAlreadyExists` if ``name`` is an identity already (G26)."""
        if self.get(name) is not None:
            raise IdentityAlreadyExists(identity=name)

    def _new(self, name: str) -> Identity:
        kind = kind_of(name)
        identity = Identity(name=name if kind == EMAIL else name.lower(), kind=kind)
        if kind == DOMAIN:
            # Every domain identity carries a TXT token, whichever door created it; v1
            # VerifyDomainIdentity hands back the same one (G16).
            identity.verification_token = ids.verification_token()
        self._by_key[key_of(name)] = identity
        self._changed()
        return identity

    def _settle(self, identity: Identity) -> None:
        if self.auto_verify:
            self.mark_verified(identity)

    # -- v1 doors ---------------------------------------------------------------------
    def verify_email(self, address: str) -> Identity:
        """VerifyEmailIdentity / VerifyEmailAddress: idempotent, no error for a repeat (F14)."""
        identity = self.get(address) or self._new(address)
        if not identity.verified:
            identity.status = PENDING
            self._settle(identity)
        return identity

    def verify_domain(self, domain: str) -> Identity:
        """VerifyDomainIdentity: the domain's TXT token; asking again gives the same token (G16)."""
        identity = self.get(domain) or self._new(domain)
        if not identity.verified:
            identity.status = PENDING
            self._settle(identity)
        return identity

    def verify_domain_dkim(self, domain: str) -> Identity:
        """VerifyDomainDkim: three Easy DKIM tokens, stable across calls; registers the
        domain as a pending identity if it is not one yet (G20)."""
        identity = self.get(domain) or self._new(domain)
        self._start_dkim(identity)
        return identity

    # -- v2 door ----------------------------------------------------------------------
    def create(
        self,
        name: str,
        *,
        tags: Sequence[tuple[str, str]] = (),
        configuration_set: Optional[str] = None,
        signing: Optional[Signing] = None,
        replica: Optional[Identity] = None,
    ) -> Identity:
        """CreateEmailIdentity: raises :class:`IdentityAlreadyExists` for a known name (G26).

        A domain starts DKIM as ``signing`` says (fakeses/domain/dkim.py: Easy DKIM by
        default, BYODKIM, or a replica of ``replica``); an address gets no DKIM of its own.
        """
        from .dkim import Signing, apply

        self.require_absent(name)
        identity = self._new(name)
        identity.tags = list(tags)
        identity.configuration_set = configuration_set
        if identity.kind == DOMAIN:
            apply(self, identity, signing or Signing(), replica)
        self._settle(identity)
        return identity

    def _start_dkim(self, identity: Identity) -> None:
        if not identity.dkim_tokens:
            identity.dkim_tokens = ids.dkim_tokens(3)
            identity.dkim_generated_at = clock.utcnow().replace(microsecond=0)
        identity.dkim_enabled = True
        if identity.dkim_status != SUCCESS:
            identity.dkim_status = SUCCESS if self.auto_verify else PENDING

    def delete(self, name: str) -> bool:
        """Forget ``name``; True if it was an identity."""
        if self._by_key.pop(key_of(name), None) is None:
            return False
        self._changed()
        return True

    # -- test helpers -----------------------------------------------------------------
    def mark_verified(self, identity: Identity) -> None:
        """What SES does on the click or on finding the DNS records."""
        identity.status = SUCCESS
        if identity.kind == DOMAIN and identity.dkim_set_up:
            identity.dkim_status = SUCCESS

    def force_verify(self, name: str) -> Identity:
        """Create ``name`` if needed and mark it verified (the handle's ``verify_identity``)."""
        identity = self.get(name) or self._new(name)
        self.mark_verified(identity)
        return identity

    # -- reading ----------------------------------------------------------------------
    def dkim_source(self, identity: Identity) -> Identity:
        """Whose DKIM state ``identity`` reports: an address reports its exact domain's
        when that domain has DKIM set up (seed 003 GetIdentityDkimAttributes; G19, F10)."""
        if identity.kind == EMAIL:
            parent = self._by_key.get(identity.name.rpartition("@")[2].lower())
            if parent is not None and parent.dkim_set_up:
                return parent
        return identity

    def inherited(self, name: str) -> bool:
        """Is ``name`` covered by a verified identity other than itself (its domain or a
        parent domain)? (F10; G29: a pending address under a verified domain can send.)"""
        own = key_of(name)
        domain = name.rpartition("@")[2].lower()
        while domain:
            if domain != own:
                identity = self._by_key.get(domain)
                if identity is not None and identity.verified:
                    return True
            domain = domain.partition(".")[2]
        return False

    def verified_for_sending(self, identity: Identity) -> bool:
        """v2 VerifiedForSendingStatus / SendingEnabled (G24, G29)."""
        return identity.verified or self.inherited(identity.name)

    # -- sending ----------------------------------------------------------------------
    def covers(self, address: str) -> bool:
        """Is this bare address (or domain) verified, itself or through its domain or a parent domain?"""
        identity = self._by_key.get(key_of(address))
        if identity is not None and identity.verified:
            return True
        return self.inherited(address)

    def unverified(self, addresses: Iterable[str]) -> list[str]:
        return [a for a in addresses if not self.covers(a)]
