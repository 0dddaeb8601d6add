"""Custom MAIL FROM: the domain of the envelope sender SES uses for an identity's mail.

SetIdentityMailFromDomain (v1) and PutEmailIdentityMailFromAttributes (v2) set it on an
identity, an address or a domain (seed 003; moto#6753); the MX record's status decides
whether a send uses it (Success) or falls back as BehaviorOnMXFailure says: SES's own
domain, or a MailFromDomainNotVerified refusal (developer guide, mail-from.html
"MAIL FROM domain setup states"). The DNS is the test's: with ``auto_verify`` the MX
record is found at once, otherwise the handle's ``set_mail_from_status`` decides.
"""
from __future__ import annotations

from typing import Optional

from .errors import MailFromDomainNotVerified, MailFromNotSubdomain
from .identities import PENDING, SUCCESS, Identities, Identity, is_domain

USE_DEFAULT, REJECT = "UseDefaultValue", "RejectMessage"
#: The MX record's states, v1 spelling (seed 003 IdentityMailFromDomainAttributes).
STATUSES = ("Pending", "Success", "Failed", "TemporaryFailure")
V2_BEHAVIOR = {USE_DEFAULT: "USE_DEFAULT_VALUE", REJECT: "REJECT_MESSAGE"}
V1_BEHAVIOR = {v2: v1 for v1, v2 in V2_BEHAVIOR.items()}


def identity_domain(identity: Identity) -> str:
    """The domain a MAIL FROM domain of ``identity`` must be under: the domain itself, or
    an address's domain (developer guide: "a subdomain of the verified identity (email
    address or domain)"; moto#6753: bar.foo.com for test@foo.com)."""
    return identity.name.rpartition("@")[2].lower()


def is_subdomain(candidate: str, domain: str) -> bool:
    """Is ``candidate`` a domain strictly under ``domain``? (mail.example.com under
    example.com; example.com itself is not: SES refused mail.dive.day for ses.dive.day, so
    the rule is "under the identity", and a MAIL FROM domain equal to it is taken as not
    under it (?))."""
    lowered = candidate.lower()
    return is_domain(candidate) and lowered.endswith("." + domain.lower())


def set_mail_from(identities: Identities, identity: Identity, given_name: str, domain: Optional[str],
                  behavior: Optional[str]) -> None:
    """Set or clear ``identity``'s custom MAIL FROM domain.

    No domain (absent or empty) clears it: "A value of null disables the custom MAIL FROM
    setting" (seed 003; Terraform's aws_ses_domain_mail_from deletes by sending no
    MailFromDomain), and BehaviorOnMXFailure goes back to UseDefaultValue (floci PR #1310,
    verified against AWS: a cleared identity reads as one never configured). A new domain
    restarts the MX lookup (found at once with ``auto_verify``); the same domain again
    keeps its status (?). An absent behavior is UseDefaultValue, the documented default (?).
    Works on a pending identity too (Terraform's acceptance tests set it on domains that
    are never verified). Raises :class:`MailFromNotSubdomain`, naming the identity as given.
    """
    if not domain:
        identity.mail_from_domain = None
        identity.mail_from_status = PENDING
        identity.mail_from_behavior = USE_DEFAULT
        return
    if not is_subdomain(domain, identity_domain(identity)):
        raise MailFromNotSubdomain(domain=domain, identity=given_name)
    if identity.mail_from_domain is None or identity.mail_from_domain.lower() != domain.lower():
        identity.mail_from_status = SUCCESS if identities.auto_verify else PENDING
    identity.mail_from_domain = domain
    identity.mail_from_behavior = behavior or USE_DEFAULT
    identities.mail_from_set = True


def envelope_domain(identities: Identities, sender: str) -> Optional[str]:
    """The custom MAIL FROM domain a message from the bare address ``sender`` goes out
    with, or None for SES's own (:func:`default_domain`).

    The identity whose settings apply is the one :meth:`Identities.settings_of` finds
    (the address if verified, else its domain, then parent domains; that MAIL FROM follows
    the rule of the other identity settings is inferred (?)). Its domain is used while the
    MX record is Success; otherwise, with RejectMessage, the send is refused with
    :class:`MailFromDomainNotVerified` (seed 003 SetIdentityMailFromDomain: "taken when
    the custom MAIL FROM domain setup is in the Pending, Failed, and TemporaryFailure states").
    """
    if not identities.mail_from_set:
        return None
    identity = identities.settings_of(sender)
    if identity is None or identity.mail_from_domain is None:
        return None
    if identity.mail_from_status == SUCCESS:
        return identity.mail_from_domain
    if identity.mail_from_behavior == REJECT:
        raise MailFromDomainNotVerified(domain=identity.mail_from_domain)
    return None


def default_domain(region: str) -> str:
    """SES's own MAIL FROM domain in ``region``: a subdomain of amazonses.com that "varies
    based on the AWS Region" (developer guide, mail-from.html). Recorded envelope senders:
    ``<message id>@amazonses.com`` in us-east-1 (Return-Path and smtp.mailfrom of
    messages delivered by SES, e.g. 01000173532fd7b1-...-000000@amazonses.com),
    ``@eu-west-1.amazonses.com`` and ``@ap-south-1.amazonses.com`` elsewhere
    (rspamd/rspamd#4385)."""
    return "amazonses.com" if region == "us-east-1" else f"{region}.amazonses.com"
