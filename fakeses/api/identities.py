"""Identities: v1 Verify*/List*/Get*Attributes/Delete*, v2 *EmailIdentity.

Sources for the shapes of the answers: docs/_research/foundation.md (G16-G29).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..domain.errors import (
    BadRequest,
    ConfigurationSetNotFound,
    IdentityUnknownForHeaders,
    IdentityUnknownForNotifications,
    InvalidParameterValue,
)
from ..domain.identities import DOMAIN, EASY_DKIM, EMAIL, Identity
from ..domain.pages import page
from ..domain.state import Backend
from ..mail import addresses
from . import operation

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def _check_domain(domain: str) -> str:
    """SES's text for a bad domain: "Invalid domain name X." (terraform-provider-aws PR #3840)."""
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidParameterValue(message=f"Invalid domain name {domain}.")
    return domain


def _check_email(address: str) -> str:
    try:
        return addresses.check(address)
    except addresses.AddressError:
        raise InvalidParameterValue(message=f"Invalid email address {address}.") from None


def _v2_name(name: str) -> str:
    try:
        return _check_email(name) if "@" in name else _check_domain(name)
    except InvalidParameterValue as error:
        raise BadRequest(message=error.message) from None


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "VerifyEmailIdentity")
def verify_email_identity(backend: Backend, *, EmailAddress: str) -> dict[str, Any]:
    backend.identities.verify_email(_check_email(EmailAddress))
    return {}


@operation("ses", "VerifyEmailAddress")
def verify_email_address(backend: Backend, *, EmailAddress: str) -> dict[str, Any]:
    backend.identities.verify_email(_check_email(EmailAddress))
    return {}


@operation("ses", "VerifyDomainIdentity")
def verify_domain_identity(backend: Backend, *, Domain: str) -> dict[str, Any]:
    identity = backend.identities.verify_domain(_check_domain(Domain))
    return {"VerificationToken": identity.verification_token}


@operation("ses", "VerifyDomainDkim")
def verify_domain_dkim(backend: Backend, *, Domain: str) -> dict[str, Any]:
    identity = backend.identities.verify_domain_dkim(_check_domain(Domain))
    return {"DkimTokens": list(identity.dkim_tokens)}


@operation("ses", "ListIdentities")
def list_identities(
    backend: Backend, *, IdentityType: Optional[str] = None, NextToken: Optional[str] = None,
    MaxItems: Optional[int] = None,
) -> dict[str, Any]:
    # Every identity, whatever its status (G21), in creation order (order undocumented).
    names = [i.name for i in backend.identities if IdentityType in (None, i.kind)]
    # MaxItems is 1-1000 (seed 003); out-of-range values are clamped (F29).
    size = 1000 if MaxItems is None else min(max(MaxItems, 1), 1000)
    items, token = page(names, NextToken, size)
    return {"Identities": items, "NextToken": token}


@operation("ses", "ListVerifiedEmailAddresses")
def list_verified_email_addresses(backend: Backend) -> dict[str, Any]:
    return {"VerifiedEmailAddresses": [i.name for i in backend.identities if i.kind == EMAIL and i.verified]}


@operation("ses", "DeleteIdentity")
def delete_identity(backend: Backend, *, Identity: str) -> dict[str, Any]:
    backend.identities.delete(Identity)  # unknown identities succeed (F14)
    return {}


@operation("ses", "DeleteVerifiedEmailAddress")
def delete_verified_email_address(backend: Backend, *, EmailAddress: str) -> dict[str, Any]:
    backend.identities.delete(EmailAddress)
    return {}


@operation("ses", "GetIdentityVerificationAttributes")
def get_identity_verification_attributes(backend: Backend, *, Identities: list[str]) -> dict[str, Any]:
    # Identities never submitted are left out of the map (aws-cli docs; G18).
    out: dict[str, Any] = {}
    for name in Identities:
        identity = backend.identities.get(name)
        if identity is None:
            continue
        attributes: dict[str, Any] = {"VerificationStatus": identity.status}
        if identity.kind == DOMAIN and identity.verification_token:
            attributes["VerificationToken"] = identity.verification_token
        out[name] = attributes
    return {"VerificationAttributes": out}


@operation("ses", "GetIdentityDkimAttributes")
def get_identity_dkim_attributes(backend: Backend, *, Identities: list[str]) -> dict[str, Any]:
    # An address reports its domain's DKIM state (seed 003; G19); unknown ones are left out.
    out: dict[str, Any] = {}
    for name in Identities:
        identity = backend.identities.get(name)
        if identity is None:
            continue
        dkim = backend.identities.dkim_source(identity)
        attributes: dict[str, Any] = {
            "DkimEnabled": dkim.dkim_enabled,
            "DkimVerificationStatus": dkim.dkim_status,
        }
        if dkim.dkim_enabled and dkim.dkim_tokens:
            attributes["DkimTokens"] = list(dkim.dkim_tokens)
        out[name] = attributes
    return {"DkimAttributes": out}


# -- v2 ----------------------------------------------------------------------------------

_V2_STATUS = {"Pending": "PENDING", "Success": "SUCCESS", "Failed": "FAILED",
              "TemporaryFailure": "TEMPORARY_FAILURE", "NotStarted": "NOT_STARTED"}
_V2_TYPE = {EMAIL: "EMAIL_ADDRESS", DOMAIN: "DOMAIN"}


def _v2_dkim(identity: Identity, *, status: Optional[str] = None) -> dict[str, Any]:
    if not identity.dkim_enabled:
        # Recorded for an email identity (getmoto/moto#9771; G24); used as well for a
        # domain that v1 verified without DKIM (no recording: assumed the same).
        return {"SigningEnabled": False, "Status": "NOT_STARTED",
                "SigningAttributesOrigin": EASY_DKIM, "NextSigningKeyLength": "RSA_1024_BIT"}
    out: dict[str, Any] = {
        "SigningEnabled": True,
        "Status": status or _V2_STATUS[identity.dkim_status],
        "Tokens": list(identity.dkim_tokens),  # BYODKIM: the selector (seed 001, DkimAttributes)
        "SigningAttributesOrigin": identity.dkim_origin,
    }
    if identity.dkim_origin != "EXTERNAL":
        # Key lengths and generation time are Easy DKIM's only (seed 001); the
        # timestamp is whole seconds (G25).
        out["NextSigningKeyLength"] = identity.dkim_key_length
        out["CurrentSigningKeyLength"] = identity.dkim_key_length
        out["LastKeyGenerationTimestamp"] = identity.dkim_generated_at
    return out


def _tags(tags: Optional[list[dict[str, str]]]) -> dict[str, str]:
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


@operation("sesv2", "CreateEmailIdentity")
def create_email_identity(
    backend: Backend, *, EmailIdentity: str, Tags: Optional[list[dict[str, str]]] = None,
    DkimSigningAttributes: Optional[dict[str, Any]] = None, ConfigurationSetName: Optional[str] = None,
) -> dict[str, Any]:
    name = _v2_name(EmailIdentity)
    # Checked in this order, and a failure creates nothing (floci PR #3146, probed; G28).
    backend.identities.require_absent(name)
    if ConfigurationSetName and ConfigurationSetName not in backend.configuration_sets:
        raise ConfigurationSetNotFound(name=ConfigurationSetName)
    signing = DkimSigningAttributes or {}
    identity = backend.identities.create(
        name, tags=_tags(Tags), configuration_set=ConfigurationSetName or None,
        dkim_origin=signing.get("DomainSigningAttributesOrigin"),
        dkim_selector=signing.get("DomainSigningSelector"),
        dkim_key_length=signing.get("NextSigningKeyLength"),
    )
    # SES answers with the state at creation, before any verification happened: not
    # verified unless a parent domain already is, DKIM NOT_STARTED; an address has no
    # DkimAttributes (G24, G25, G29).
    out: dict[str, Any] = {
        "IdentityType": _V2_TYPE[identity.kind],
        "VerifiedForSendingStatus": backend.identities.inherited(identity.name),
    }
    if identity.kind == DOMAIN:
        out["DkimAttributes"] = _v2_dkim(identity, status="NOT_STARTED")
    return out


@operation("sesv2", "GetEmailIdentity")
def get_email_identity(backend: Backend, *, EmailIdentity: str) -> dict[str, Any]:
    identity = backend.identities.require(EmailIdentity)
    return {
        "IdentityType": _V2_TYPE[identity.kind],
        "FeedbackForwardingStatus": identity.feedback_forwarding,
        "VerifiedForSendingStatus": backend.identities.verified_for_sending(identity),
        "DkimAttributes": _v2_dkim(identity),
        "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
        "Policies": {},
        "Tags": [{"Key": k, "Value": v} for k, v in identity.tags.items()],
        "ConfigurationSetName": identity.configuration_set,
        "VerificationStatus": _V2_STATUS[identity.status],
        "VerificationInfo": {},
    }


@operation("sesv2", "ListEmailIdentities")
def list_email_identities(
    backend: Backend, *, NextToken: Optional[str] = None, PageSize: Optional[int] = None
) -> dict[str, Any]:
    # Default 25 (F29); the reference allows 0-1000 (seed 001), out-of-range is clamped as
    # for v1 (F29); a page of 0 would never advance, so 0 gives one item.
    size = 25 if PageSize is None else min(max(PageSize, 1), 1000)
    items, token = page(list(backend.identities), NextToken, size)
    return {
        "EmailIdentities": [
            {
                "IdentityType": _V2_TYPE[i.kind],
                "IdentityName": i.name,
                "SendingEnabled": backend.identities.verified_for_sending(i),
                "VerificationStatus": _V2_STATUS[i.status],
            }
            for i in items
        ],
        "NextToken": token,
    }


@operation("sesv2", "DeleteEmailIdentity")
def delete_email_identity(backend: Backend, *, EmailIdentity: str) -> dict[str, Any]:
    # v2 answers NotFoundException "Email identity X does not exist." (F14; G27, floci
    # PR #723 probed against AWS); v1's DeleteIdentity succeeds instead.
    backend.identities.require(EmailIdentity)
    backend.identities.delete(EmailIdentity)
    return {}


# -- notifications: where a sender's bounces, complaints and deliveries are reported ------------

def _notified(backend: Backend, name: str, error: type[IdentityUnknownForNotifications]
              | type[IdentityUnknownForHeaders] = IdentityUnknownForNotifications) -> Identity:
    identity = backend.identities.get(name)
    if identity is None:
        raise error(identity=name)  # F19
    return identity


@operation("ses", "SetIdentityNotificationTopic")
def set_identity_notification_topic(backend: Backend, *, Identity: str, NotificationType: str,
                                    SnsTopic: Optional[str] = None) -> dict[str, Any]:
    backend.identities.set_notification_topic(_notified(backend, Identity), NotificationType, SnsTopic)
    return {}


@operation("ses", "SetIdentityHeadersInNotificationsEnabled")
def set_identity_headers_in_notifications_enabled(backend: Backend, *, Identity: str, NotificationType: str,
                                                  Enabled: bool) -> dict[str, Any]:
    identity = _notified(backend, Identity, IdentityUnknownForHeaders)
    if Enabled:
        identity.headers_in.add(NotificationType)
    else:
        identity.headers_in.discard(NotificationType)
    return {}


@operation("ses", "SetIdentityFeedbackForwardingEnabled")
def set_identity_feedback_forwarding_enabled(backend: Backend, *, Identity: str,
                                             ForwardingEnabled: bool) -> dict[str, Any]:
    backend.identities.set_forwarding(_notified(backend, Identity), ForwardingEnabled)
    return {}


@operation("ses", "GetIdentityNotificationAttributes")
def get_identity_notification_attributes(backend: Backend, *, Identities: list[str]) -> dict[str, Any]:
    # Identities never submitted are left out of the map, as for the other Get*Attributes (G18).
    out: dict[str, Any] = {}
    for name in Identities:
        identity = backend.identities.get(name)
        if identity is None:
            continue
        # The model requires the three topics; an unset one is answered empty (no recording
        # of SES's answer for an identity without topics was found) (?).
        attributes: dict[str, Any] = {f"{kind}Topic": identity.notification_topic(kind) or ""
                                      for kind in ("Bounce", "Complaint", "Delivery")}
        attributes["ForwardingEnabled"] = identity.feedback_forwarding
        for kind in ("Bounce", "Complaint", "Delivery"):
            attributes[f"HeadersIn{kind}NotificationsEnabled"] = identity.headers_in_notifications(kind)
        out[name] = attributes
    return {"NotificationAttributes": out}


@operation("sesv2", "PutEmailIdentityFeedbackAttributes")
def put_email_identity_feedback_attributes(backend: Backend, *, EmailIdentity: str,
                                           EmailForwardingEnabled: Optional[bool] = None) -> dict[str, Any]:
    backend.identities.set_forwarding(backend.identities.require(EmailIdentity), bool(EmailForwardingEnabled))
    return {}


@operation("sesv2", "PutEmailIdentityConfigurationSetAttributes")
def put_email_identity_configuration_set_attributes(backend: Backend, *, EmailIdentity: str,
                                                    ConfigurationSetName: Optional[str] = None) -> dict[str, Any]:
    identity = backend.identities.require(EmailIdentity)
    if ConfigurationSetName and ConfigurationSetName not in backend.configuration_sets:
        raise ConfigurationSetNotFound(name=ConfigurationSetName)  # as CreateEmailIdentity checks it (?)
    identity.configuration_set = ConfigurationSetName or None  # absent: the default is removed (seed 001)
    return {}
