"""Identities: v1 Verify*/List*/Get*Attributes/Delete*, v2 *EmailIdentity.

Sources for the shapes of the answers: docs/_research/foundation.md (G16-G29).
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import dkim, routing
from ..domain.errors import (
    BadRequest,
    ConfigurationSetNotFound,
    DomainUnknownForHeaders,
    IdentityNotFoundForDefaultSet,
    IdentityUnknownForHeaders,
    IdentityUnknownForNotifications,
    InvalidNotificationTopic,
    InvalidParameterValue,
)
from ..domain.identities import DOMAIN, EASY_DKIM, EMAIL, Identity, is_domain
from ..domain.pages import page
from ..domain.state import Backend
from ..mail import addresses
from . import operation
from .identity_settings import replica, v2_mail_from
from .tags import given


def _check_domain(domain: str) -> str:
    """SES's text for a bad domain: "Invalid domain name X." (terraform-provider-aws PR #3840)."""
    if not is_domain(domain):
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
    names = backend.identities.names(IdentityType)
    # MaxItems is 1-1000 (seed 003); out-of-range values are clamped (F29).
    size = 1000 if MaxItems is None else min(max(MaxItems, 1), 1000)
    items, token = page(names, NextToken, size)
    return {"Identities": items, "NextToken": token}


@operation("ses", "ListVerifiedEmailAddresses")
def list_verified_email_addresses(backend: Backend) -> dict[str, Any]:
    return {"VerifiedEmailAddresses": [i.name for i in backend.identities if i.kind == EMAIL and i.verified]}


@operation("ses", "DeleteIdentity")
def delete_identity(backend: Backend, *, Identity: str) -> dict[str, Any]:
    from ..domain import tenants  # loaded here: only a deletion asks about tenants

    tenants.check_deletable(backend, "identity", Identity)
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
        if dkim.dkim_tokens:  # set up, signing or not (?)
            attributes["DkimTokens"] = list(dkim.dkim_tokens)
        out[name] = attributes
    return {"DkimAttributes": out}


# -- v2 ----------------------------------------------------------------------------------

_V2_STATUS = {"Pending": "PENDING", "Success": "SUCCESS", "Failed": "FAILED",
              "TemporaryFailure": "TEMPORARY_FAILURE", "NotStarted": "NOT_STARTED"}
_V2_TYPE = {EMAIL: "EMAIL_ADDRESS", DOMAIN: "DOMAIN"}


def _v2_dkim(identity: Identity, *, status: Optional[str] = None) -> dict[str, Any]:
    if not identity.dkim_set_up:
        # Recorded for an email identity (getmoto/moto#9771; G24); used as well for a
        # domain that v1 verified without DKIM (no recording: assumed the same).
        return {"SigningEnabled": False, "Status": "NOT_STARTED",
                "SigningAttributesOrigin": EASY_DKIM, "NextSigningKeyLength": "RSA_1024_BIT"}
    out: dict[str, Any] = {
        # Turning signing off leaves the records' status (fakeses/domain/dkim.py set_signing).
        "SigningEnabled": identity.dkim_enabled,
        "Status": status or _V2_STATUS[identity.dkim_status],
        "Tokens": list(identity.dkim_tokens),  # BYODKIM: the selector (seed 001, DkimAttributes)
        "SigningAttributesOrigin": identity.dkim_origin,
    }
    if identity.dkim_origin != "EXTERNAL":
        # Key lengths and generation time are Easy DKIM's only (seed 001); the
        # timestamp is whole seconds (G25).
        out["NextSigningKeyLength"] = identity.dkim_next_key_length or identity.dkim_key_length
        out["CurrentSigningKeyLength"] = identity.dkim_key_length
        out["LastKeyGenerationTimestamp"] = identity.dkim_generated_at
    return out


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
    tag_list = given(Tags)  # SES's rules for tags (fakeses/domain/tags.py); order of this check (?)
    # DKIM signing attributes get the checks of PutEmailIdentityDkimSigningAttributes
    # (fakeses/domain/dkim.py); an address has no DKIM of its own, so they are not read.
    signing = None
    if DkimSigningAttributes is not None and "@" not in name:
        signing = dkim.signing(DkimSigningAttributes.get("DomainSigningAttributesOrigin"),
                               DkimSigningAttributes, put=False)
    identity = backend.identities.create(
        name, tags=tag_list, configuration_set=ConfigurationSetName or None, signing=signing,
        replica=replica(backend, name, signing) if signing is not None else None,
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
        "MailFromAttributes": v2_mail_from(identity),
        "Policies": backend.policies.texts(identity.name),
        "Tags": [{"Key": k, "Value": v} for k, v in identity.tags],
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
    items, token = page(backend.identities.listing(), NextToken, size)
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
    from ..domain import tenants  # loaded here: only a deletion asks about tenants

    tenants.check_deletable(backend, "identity", EmailIdentity)
    backend.identities.delete(EmailIdentity)
    return {}


# -- notifications: where a sender's bounces, complaints and deliveries are reported ------------

_NOTIFICATION_TYPES = ("Bounce", "Complaint", "Delivery")


def _named(backend: Backend, name: str) -> str:
    """The identity ``name`` names: SetIdentityNotificationTopic and
    GetIdentityNotificationAttributes also take the identity's ARN
    (arn:aws:ses:us-east-1:123456789012:identity/example.com, model docs). An ARN of
    another region or account names no identity here (boto/boto3#2645: refused)."""
    prefix = backend.arn("identity", "")
    return name[len(prefix):] if name.startswith(prefix) and len(name) > len(prefix) else name


def _notified(backend: Backend, name: str, *, by_arn: bool = False) -> Identity:
    """The identity a v1 notification setter names, pending or verified (the Ansible
    ses_identity integration tests set topics on an identity just submitted)."""
    identity = backend.identities.get(_named(backend, name) if by_arn else name)
    if identity is None:
        raise IdentityUnknownForNotifications(identity=name)  # echoed as given (boto/boto3#2645)
    return identity


def _check_topic(backend: Backend, topic: str) -> None:
    """SES checks that it can publish to the topic when it is set (binxio/cfn-ses-provider#16):
    an SNS topic ARN of SES's own region (developer guide, configure-sns-notifications);
    that it exists can be asked only of moto, when active (as for event destinations)."""
    parts = topic.split(":")
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "sns" or parts[3] != backend.region or not parts[5]:
        raise InvalidNotificationTopic(arn=topic)
    exists = backend.world.destination_exists
    if exists is not None and not exists(backend, "sns", topic):
        raise InvalidNotificationTopic(arn=topic)


@operation("ses", "SetIdentityNotificationTopic")
def set_identity_notification_topic(backend: Backend, *, Identity: str, NotificationType: str,
                                    SnsTopic: Optional[str] = None) -> dict[str, Any]:
    identity = _notified(backend, Identity, by_arn=True)
    if SnsTopic:
        _check_topic(backend, SnsTopic)
    backend.identities.set_notification_topic(identity, NotificationType, SnsTopic)
    if SnsTopic:
        # SES tells the topic it now gets this identity's notifications of the type, each
        # call that sets one (recorded for Bounce 2017 and Complaint; Delivery, and a topic
        # set again, not recorded (?)); clearing the topic publishes nothing (no topic).
        routing.subscription_succeeded(backend, identity.name, NotificationType, SnsTopic)
    return {}


@operation("ses", "SetIdentityHeadersInNotificationsEnabled")
def set_identity_headers_in_notifications_enabled(backend: Backend, *, Identity: str, NotificationType: str,
                                                  Enabled: bool) -> dict[str, Any]:
    identity = backend.identities.get(Identity)
    if identity is None:
        # Recorded for an address (F19) and, in other words, for a domain (floci PR #716).
        raise (IdentityUnknownForHeaders if "@" in Identity else DomainUnknownForHeaders)(identity=Identity)
    backend.identities.set_headers_in_notifications(identity, NotificationType, Enabled)
    return {}


@operation("ses", "SetIdentityFeedbackForwardingEnabled")
def set_identity_feedback_forwarding_enabled(backend: Backend, *, Identity: str,
                                             ForwardingEnabled: bool) -> dict[str, Any]:
    backend.identities.set_forwarding(_notified(backend, Identity), ForwardingEnabled)
    return {}


@operation("ses", "GetIdentityNotificationAttributes")
def get_identity_notification_attributes(backend: Backend, *, Identities: list[str]) -> dict[str, Any]:
    # Identities never submitted are left out of the map, as for the other Get*Attributes
    # (G18; the Ansible ses_identity module treats a missing entry as "not registered").
    # Pending identities are in it (Ansible's assert_defaults reads a just-submitted
    # identity). Keys are the names as asked, ARNs included (?).
    out: dict[str, Any] = {}
    for name in Identities:
        identity = backend.identities.get(_named(backend, name))
        if identity is None:
            continue
        # SES leaves an unset topic out, although the model marks the three required: the
        # Ansible community.aws ses_identity integration tests, run against AWS, assert
        # 'bounce_topic' not in the attributes of a new identity and after clearing them.
        attributes: dict[str, Any] = {f"{kind}Topic": identity.notification_topic(kind)
                                      for kind in _NOTIFICATION_TYPES if identity.notification_topic(kind)}
        attributes["ForwardingEnabled"] = identity.feedback_forwarding
        for kind in _NOTIFICATION_TYPES:
            attributes[f"HeadersIn{kind}NotificationsEnabled"] = identity.headers_in_notifications(kind)
        out[name] = attributes
    return {"NotificationAttributes": out}


@operation("sesv2", "PutEmailIdentityFeedbackAttributes")
def put_email_identity_feedback_attributes(backend: Backend, *, EmailIdentity: str,
                                           EmailForwardingEnabled: Optional[bool] = None) -> dict[str, Any]:
    identity = _notified(backend, EmailIdentity)  # BadRequestException, v1's text (?)
    # No topics needed in v2 (Terraform's acceptance tests; see Identities.set_forwarding).
    # EmailForwardingEnabled is optional in the model; absent is taken as false, the
    # default of a Java boolean (?).
    backend.identities.set_forwarding(identity, bool(EmailForwardingEnabled), require_topics=False)
    return {}


@operation("sesv2", "PutEmailIdentityConfigurationSetAttributes")
def put_email_identity_configuration_set_attributes(backend: Backend, *, EmailIdentity: str,
                                                    ConfigurationSetName: Optional[str] = None) -> dict[str, Any]:
    # Probed against SES v2 by floci (PR #1698): an unknown identity is NotFoundException
    # "Identity <X> does not exist.", checked first; an unknown set is NotFoundException
    # "Configuration set <X> does not exist."; an absent name removes the default; an
    # empty one is accepted and stored as given.
    identity = backend.identities.get(EmailIdentity)
    if identity is None:
        raise IdentityNotFoundForDefaultSet(identity=EmailIdentity)
    if ConfigurationSetName and ConfigurationSetName not in backend.configuration_sets:
        raise ConfigurationSetNotFound(name=ConfigurationSetName)
    identity.configuration_set = ConfigurationSetName
    return {}
