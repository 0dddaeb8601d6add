"""Identity settings: DKIM signing, custom MAIL FROM and S/MIME certificates, v1 beside v2.

The rules and their sources are in fakeses/domain/dkim.py, mail_from.py and
certificates.py; GetEmailIdentity and the v1 Get*Attributes read the same state
(fakeses/api/identities.py).
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import certificates, dkim, mail_from
from ..domain.errors import (
    BadRequest,
    CertificateNotFound,
    DkimIdentityNotDomain,
    IdentityUnknownForMailFrom,
)
from ..domain.identities import Identity, is_domain
from ..domain.pages import page
from ..domain.state import Backend
from . import operation

_V2_STATUS = {"Pending": "PENDING", "Success": "SUCCESS", "Failed": "FAILED",
              "TemporaryFailure": "TEMPORARY_FAILURE", "NotStarted": "NOT_STARTED"}


# -- DKIM ------------------------------------------------------------------------------------

@operation("ses", "SetIdentityDkimEnabled")
def set_identity_dkim_enabled(backend: Backend, *, Identity: str, DkimEnabled: bool) -> dict[str, Any]:
    dkim.set_signing(backend.identities, Identity, DkimEnabled)
    return {}


@operation("sesv2", "PutEmailIdentityDkimAttributes")
def put_email_identity_dkim_attributes(backend: Backend, *, EmailIdentity: str,
                                       SigningEnabled: Optional[bool] = None) -> dict[str, Any]:
    # SigningEnabled is optional in the model; absent is taken as false, a Java boolean's
    # default, as for PutEmailIdentityFeedbackAttributes (?).
    dkim.set_signing(backend.identities, EmailIdentity, bool(SigningEnabled))
    return {}


@operation("sesv2", "PutEmailIdentityDkimSigningAttributes")
def put_email_identity_dkim_signing_attributes(
    backend: Backend, *, EmailIdentity: str, SigningAttributesOrigin: str,
    SigningAttributes: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    if "@" in EmailIdentity or not is_domain(EmailIdentity):
        raise DkimIdentityNotDomain()
    identity = backend.identities.require(EmailIdentity)
    signing = dkim.signing(SigningAttributesOrigin, SigningAttributes or {}, put=True)
    status = dkim.apply(backend.identities, identity, signing, replica(backend, identity.name, signing))
    return {"DkimStatus": _V2_STATUS[status], "DkimTokens": list(identity.dkim_tokens)}


def replica(backend: Backend, name: str, signing: dkim.Signing) -> Optional[Identity]:
    """For a replicated (DEED) origin, the same domain in the origin's region, checked."""
    if signing.replica_of is None:
        return None
    other = backend.world.backend(backend.account_id, signing.replica_of)
    with other.lock:
        return dkim.replica_source(other.identities.get(name), name, signing)


# -- MAIL FROM --------------------------------------------------------------------------------

def _mail_from_identity(backend: Backend, name: str) -> Identity:
    identity = backend.identities.get(name)
    if identity is None:
        raise IdentityUnknownForMailFrom(identity=name)
    return identity


@operation("ses", "SetIdentityMailFromDomain")
def set_identity_mail_from_domain(backend: Backend, *, Identity: str, MailFromDomain: Optional[str] = None,
                                  BehaviorOnMXFailure: Optional[str] = None) -> dict[str, Any]:
    identity = _mail_from_identity(backend, Identity)
    mail_from.set_mail_from(backend.identities, identity, Identity, MailFromDomain, BehaviorOnMXFailure)
    return {}


@operation("sesv2", "PutEmailIdentityMailFromAttributes")
def put_email_identity_mail_from_attributes(backend: Backend, *, EmailIdentity: str,
                                            MailFromDomain: Optional[str] = None,
                                            BehaviorOnMxFailure: Optional[str] = None) -> dict[str, Any]:
    identity = _mail_from_identity(backend, EmailIdentity)
    behavior = mail_from.V1_BEHAVIOR.get(BehaviorOnMxFailure or "")
    mail_from.set_mail_from(backend.identities, identity, EmailIdentity, MailFromDomain, behavior)
    return {}


@operation("ses", "GetIdentityMailFromDomainAttributes")
def get_identity_mail_from_domain_attributes(backend: Backend, *, Identities: list[str]) -> dict[str, Any]:
    # Identities never submitted are left out of the map, as for the other Get*Attributes
    # (G18; Terraform's aws_ses_domain_mail_from reads a missing entry as "not found").
    out: dict[str, Any] = {}
    for name in Identities:
        identity = backend.identities.get(name)
        if identity is not None:
            out[name] = v1_mail_from(identity)
    return {"MailFromDomainAttributes": out}


def v1_mail_from(identity: Identity) -> dict[str, Any]:
    """IdentityMailFromDomainAttributes. With no custom domain only BehaviorOnMXFailure is
    there: recorded for v2 (floci PR #1310, AWS's answer of 2026-06-10; getmoto/moto#9771),
    taken to be the same for v1 (?)."""
    out: dict[str, Any] = {"BehaviorOnMXFailure": identity.mail_from_behavior}
    if identity.mail_from_domain is not None:
        out["MailFromDomain"] = identity.mail_from_domain
        out["MailFromDomainStatus"] = identity.mail_from_status
    return out


def v2_mail_from(identity: Identity) -> dict[str, Any]:
    """GetEmailIdentity's MailFromAttributes (see :func:`v1_mail_from`)."""
    out: dict[str, Any] = {"BehaviorOnMxFailure": mail_from.V2_BEHAVIOR[identity.mail_from_behavior]}
    if identity.mail_from_domain is not None:
        out["MailFromDomain"] = identity.mail_from_domain
        out["MailFromDomainStatus"] = _V2_STATUS[identity.mail_from_status]
    return out


# -- S/MIME certificates ------------------------------------------------------------------------

# An unknown identity: NotFoundException ("returns a NotFoundException only when the
# specified email identity doesn't exist", model docs of DisassociateEmailIdentityCertificate),
# with the text of the other v2 identity operations (G27) (?): Identities.require's.


@operation("sesv2", "AssociateEmailIdentityCertificate")
def associate_email_identity_certificate(backend: Backend, *, EmailIdentity: str, CertificateArn: str,
                                         FromAddress: Optional[str] = None) -> dict[str, Any]:
    identity = backend.identities.require(EmailIdentity)
    address = certificates.from_address(identity, FromAddress)
    # With moto's mock_aws active the certificate must exist in ACM (as event destinations'
    # topics must exist in SNS); without it any well-formed ARN is accepted (?).
    exists = backend.world.destination_exists
    if exists is not None and not exists(backend, "acm", CertificateArn):
        raise CertificateNotFound(arn=CertificateArn)
    certificates.associate(backend.identities, identity, address, CertificateArn)
    return {}


@operation("sesv2", "DisassociateEmailIdentityCertificate")
def disassociate_email_identity_certificate(backend: Backend, *, EmailIdentity: str,
                                            FromAddress: Optional[str] = None) -> dict[str, Any]:
    identity = backend.identities.require(EmailIdentity)
    certificates.disassociate(backend.identities, identity, FromAddress)
    return {}


@operation("sesv2", "ListEmailIdentityCertificates")
def list_email_identity_certificates(backend: Backend, *, EmailIdentity: str, NextToken: Optional[str] = None,
                                     PageSize: Optional[int] = None) -> dict[str, Any]:
    identity = backend.identities.require(EmailIdentity)
    # The model gives no range or default for PageSize: 1-1000, 100 by default, as the other
    # v2 lists do (?).
    if PageSize is not None and not 1 <= PageSize <= 1000:
        raise BadRequest(message="The page size must be between 1 and 1000")
    items, token = page(certificates.listing(identity), NextToken, PageSize or 100)
    return {
        "Certificates": [
            {"FromAddress": c.from_address, "Status": c.status, "CertificateArn": c.arn,
             **({"CertificateExpiryTime": c.expires_at} if c.expires_at is not None else {})}
            for c in items
        ],
        "NextToken": token,
    }
