"""SES refusals as domain errors, each with SES's message template and its source.

``fakeses.api.errors`` maps each class to the error shape of each API; the wire code
and HTTP status are read from the model there.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .messages import SentMessage


class DomainError(Exception):
    """An SES refusal. ``fmt`` is SES's text, filled from the keyword arguments."""

    fmt = "{message}"
    #: The v2 wording where it differs from v1's (None: the same).
    fmt_v2: str | None = None

    def __init__(self, **fields: Any) -> None:
        self.fields = fields
        self.message = self.fmt.format(**fields)
        super().__init__(self.message)

    def message_for(self, service: str) -> str:
        if service == "sesv2" and self.fmt_v2 is not None:
            return self.fmt_v2.format(**self.fields)
        return self.message


class InvalidParameterValue(DomainError):
    """Bad input found by SES's own checks (v1 ``InvalidParameterValue``, v2 ``BadRequestException``)."""


class InvalidAddress(InvalidParameterValue):
    # v1 answers with JavaMail's address-check texts (F8, G40); v2 with "Invalid email
    # address <addr>." (recorded for an empty address: domdomegg/aws-ses-v2-local#44, G39).
    fmt = "{reason}"
    fmt_v2 = "Invalid email address {address}."


class MessageRejected(DomainError):
    """The message itself was refused (v1 and v2 ``MessageRejected``)."""


class IdentityNotVerified(MessageRejected):
    # Recorded v1 response (mettle/sendportal#94): region upper-cased, identities as
    # given, joined with ", " (mageplaza/magento-2-smtp#152). Also used for sandbox
    # recipients (WPManageNinja/fluent-smtp#61).
    fmt = (
        "Email address is not verified. The following identities failed the check in "
        "region {region}: {identities}"
    )


class AccountSendingPaused(DomainError):
    # v1 AccountSendingPausedException, v2 SendingPausedException (botocore model). The
    # text for a pause the customer set is not recorded anywhere we found (G36).
    fmt = "Email sending is disabled for this account."


class DailyQuotaExceeded(DomainError):
    # "Daily message quota exceeded." (docs: manage-sending-quotas-errors; F5)
    fmt = "Daily message quota exceeded."


class NotFound(DomainError):
    """A named resource does not exist (v2 ``NotFoundException``)."""


class IdentityNotFound(NotFound):
    fmt = "Email identity {identity} does not exist."


class AlreadyExists(DomainError):
    """A resource of that name exists (v1 ``AlreadyExists``, v2 ``AlreadyExistsException``)."""


class IdentityAlreadyExists(AlreadyExists):
    fmt = "Email identity {identity} already exist."


class BadRequest(DomainError):
    """A request SES refuses as a whole (v2 ``BadRequestException``)."""


class Conflict(DomainError):
    """v2 ``ConflictException``."""


class LimitExceeded(DomainError):
    """v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class ConfigurationSetNotFound(NotFound):
    # With the name in angle brackets: "Configuration set <non-existent-configuration-set>
    # does not exist." (LocalStack snapshots of v1 DeleteConfigurationSet and the event
    # destination operations, recorded from AWS 2023-08-26; F17), and at send time
    # ("Configuration set <mailagents-production> does not exist.", haocn-ops/mailagents
    # smoke-testing notes). v2 NotFoundException is taken to say the same (?).
    fmt = "Configuration set <{name}> does not exist."


class Unsupported(DomainError):
    """Something SES does that fakeses does not do yet: answered as NotImplemented."""


class AddressRejected(InvalidParameterValue):
    # Both APIs answer JavaMail's address-check texts (v1: F8, G40; v2:
    # awslabs/aws-sdk-rust#881 "Domain contains illegal character",
    # awsdocs/aws-doc-sdk-examples PR #5191 "Illegal address"), except that v2 words
    # a blank address "Invalid email address ." (domdomegg/aws-ses-v2-local#44, G39).
    fmt = "{reason}"
    fmt_v2 = "{reason_v2}"


# -- templates (fakeses/domain/templates.py) ------------------------------------------------

class TemplateNotFound(NotFound):
    # "Template example_name_dev_production does not exist" (Enase/serverless-ses-template#5,
    # F13); the final period as quoted in localstack/localstack#1712 and getmoto/moto#3783.
    # v2 NotFoundException is assumed to carry the same text (no recording found).
    fmt = "Template {name} does not exist."


class TemplateAlreadyExists(AlreadyExists):
    # No recording; worded as SES words the same refusal for custom verification
    # templates ("Custom verification email template <name> already exists", floci PR #1840,
    # probed on v1 and v2).
    fmt = "Template {name} already exists."


class TemplateSubjectMissing(InvalidParameterValue):
    # v1 CreateTemplate without a SubjectPart, or with an empty one (boto/boto3#2464,
    # awsdocs/aws-cloudformation-user-guide PR #464).
    fmt = "The subject must be specified."


class InvalidTemplate(DomainError):
    """A template SES cannot parse (v1 ``InvalidTemplate``, v2 ``BadRequestException``)."""

    # SES's text for a template it cannot parse is not recorded anywhere we found (?).
    fmt = "Template {name} is invalid."


class TemplateTooLarge(InvalidTemplate):
    # "Each template can be up to 500 KB in size, including both the text and HTML parts"
    # (developer guide, send-personalized-email-api); the answer is not recorded (?).
    fmt = "Template {name} is larger than 500 KB."


class TemplateLimitExceeded(LimitExceeded):
    # 20,000 templates a region (developer guide, send-personalized-email-api); the text of
    # the refusal is not recorded (?).
    fmt = "You have reached the maximum number of templates (20000) in this region."


class MissingRenderingAttribute(DomainError):
    # TestRenderTemplate with a variable the data lacks (F13, moto's copy of the real
    # message) and the Rendering Failure event text (recorded event samples, F13).
    fmt = "Attribute '{name}' is not present in the rendering data."


class InvalidRenderingParameter(DomainError):
    # Rendering data that is not a JSON object. "Template rendering data is invalid" is
    # moto's text; SES's own is unconfirmed (F13).
    fmt = "{message}"


class InvalidTemplatePageToken(InvalidParameterValue):
    # ListTemplates / ListEmailTemplates with a token they did not issue (floci's probes of
    # SES, 2026-09: floci-io/floci src/.../ses/SesListPaging.java).
    fmt = "Invalid PageToken <{token}>."


class TemplatePageSizeOutOfRange(BadRequest):
    # v2 ListEmailTemplates PageSize outside 1..100 (floci's probes, SesListPaging.java).
    fmt = "The page size must be between 1 and 100"


# -- configuration sets (fakeses/domain/configuration_sets.py) ------------------------------

class ConfigurationSetSendingPaused(DomainError):
    # v1 ConfigurationSetSendingPausedException, v2 SendingPausedException (models; F16).
    # The text is not recorded anywhere we found (?).
    fmt = "Sending is paused for configuration set <{name}>."


class ConfigurationSetAlreadyExists(AlreadyExists):
    # Not recorded; the wording of the does-not-exist text (?).
    fmt = "Configuration set <{name}> already exists."


class InvalidConfigurationSetName(DomainError):
    """v1 ``InvalidConfigurationSet``, v2 ``BadRequestException``; texts in configuration_sets.check_name."""


class ConfigurationSetLimitExceeded(LimitExceeded):
    # 10,000 a region (developer guide, quotas); the text of the refusal is not recorded (?).
    fmt = "You have reached the maximum number of configuration sets ({limit}) in this region."


class ConfigurationSetPageToken(InvalidParameterValue):
    # Probed by floci (SesListPaging.java, 2026-09): v1 ListConfigurationSets answers
    # InvalidParameterValue with no message, v2 "invalid nextToken <token>" (no brackets).
    # The query codec always writes a <Message>, so v1 gets the shared token text (?).
    fmt = "Invalid NextToken value."
    fmt_v2 = "invalid nextToken {token}"


class ConfigurationSetPageSizeOutOfRange(BadRequest):
    # v2 ListConfigurationSets PageSize outside 1..1000 (floci's probes, SesListPaging.java).
    fmt = "The page size must be between 1 and 1000"


class InvalidEventDestination(InvalidParameterValue):
    """An event destination SES refuses as a whole (v1 ``InvalidParameterValue``, v2 ``BadRequestException``)."""


class EventDestinationAlreadyExists(AlreadyExists):
    # Not recorded (?).
    fmt = "Event destination <{name}> already exists in configuration set <{set}>."


class EventDestinationNotFound(NotFound):
    # Recorded from AWS for v1 DeleteConfigurationSetEventDestination: "No EventDestination
    # found for <set>" (no brackets, no destination name, no period; LocalStack snapshot
    # test_deleting_non_existent_configuration_set_event_destination, 2023-08-26; F17).
    # Taken to be the text of the v1 update and of v2 NotFoundException as well (?).
    fmt = "No EventDestination found for {set}"


class EventDestinationLimitExceeded(LimitExceeded):
    # 10 event destinations a configuration set (developer guide, quotas); text not recorded (?).
    fmt = "You have reached the maximum number of event destinations ({limit}) for configuration set <{set}>."


class InvalidCloudWatchDestination(DomainError):
    """v1 ``InvalidCloudWatchDestination``, v2 ``BadRequestException``."""


class InvalidFirehoseDestination(DomainError):
    """v1 ``InvalidFirehoseDestination``, v2 ``BadRequestException``."""


class InvalidSnsDestination(DomainError):
    # v1 CreateConfigurationSetEventDestination with a topic that does not exist, recorded:
    # "SNS topic <arn:aws:sns:...> not found." (LocalStack snapshot
    # test_cannot_create_event_for_no_topic, 2023-08-26; F17).
    fmt = "SNS topic <{arn}> not found."


class InvalidTrackingOptions(DomainError):
    """v1 ``InvalidTrackingOptions``, v2 ``BadRequestException``."""


class TrackingDomainMissing(InvalidTrackingOptions):
    # v2: probed by floci (2026-06-17), for a blank domain or an HttpsPolicy without one.
    # v1: floci's wording for a blank domain (?).
    fmt = "At least one field of TrackingOptions must contain a value."
    fmt_v2 = "CustomRedirectDomain must be specified."


class TrackingDomainNotVerified(InvalidTrackingOptions):
    # "the tracking domain you specified is not verified in Amazon SES" (seed 004,
    # InvalidTrackingOptionsException); wording probed by floci on v2 (2026-06-17).
    fmt = "Domain <{domain}> is not verified under this account."


class TrackingOptionsAlreadyExist(DomainError):
    # v1 TrackingOptionsAlreadyExistsException; text not recorded (?).
    fmt = "Configuration set <{name}> already has tracking options."


class TrackingOptionsNotFound(DomainError):
    # v1 TrackingOptionsDoesNotExistException; text not recorded (?).
    fmt = "There are no tracking options for configuration set <{name}>"


class InvalidDeliveryOptions(DomainError):
    """v1 ``InvalidDeliveryOptions``, v2 ``BadRequestException``."""


class SendingPoolBlank(InvalidDeliveryOptions):
    # Probed by floci against v2 (2026-06-17).
    fmt = "sendingPoolName can't be blank."


class SendingPoolNotFound(InvalidDeliveryOptions):
    # "SendingPool <pool1> doesn't exist" (recorded through CloudFormation,
    # aws-cloudformation/rain#271; probed by floci against v2, 2026-06-17).
    fmt = "SendingPool <{pool}> doesn't exist"


# -- not an SES error ----------------------------------------------------------------------

class RenderingFailure(AssertionError):
    """A templated message SES would accept but never deliver.

    Raised out of the send call only with ``fakeses(raise_on_rendering_failure=True)``
    (or the marker option of the same name); otherwise the failure is recorded as SES
    records it: ``SentMessage.delivered`` is False and a Rendering Failure event is logged.
    """

    def __init__(self, messages: Sequence[SentMessage]) -> None:
        self.messages = list(messages)
        lines = [f"  {m.message_id} to {', '.join(m.destinations)}: {m.failure}" for m in messages]
        super().__init__(
            "SES would accept but never deliver "
            + ("this templated message" if len(messages) == 1 else f"{len(messages)} templated messages")
            + " (a Rendering Failure event in production):\n" + "\n".join(lines)
        )


# -- identity notifications (fakeses/domain/identities.py) ----------------------------------

class IdentityUnknownForNotifications(InvalidParameterValue):
    # SetIdentityNotificationTopic for an identity this account/region does not have,
    # recorded with an identity ARN echoed as given (boto/boto3#2645, aws-cli output);
    # SetIdentityFeedbackForwardingEnabled, probed with aws-cli (floci PR #716). v2
    # PutEmailIdentityFeedbackAttributes answers it as BadRequestException (floci's test of
    # PUT /feedback, following from the v1 answer; not probed separately) (?).
    fmt = "Identity {identity} is invalid. Must be a verified email address or domain."


class IdentityUnknownForHeaders(MessageRejected):
    # SetIdentityHeadersInNotificationsEnabled for an unknown email address:
    # "Identity unknown@example.com is not verified or does not exist." as MessageRejected
    # (LocalStack AWS snapshot, 2025-07-29; F19).
    fmt = "Identity {identity} is not verified or does not exist."


class DomainUnknownForHeaders(InvalidParameterValue):
    # SetIdentityHeadersInNotificationsEnabled for an unknown domain, probed with aws-cli
    # (floci PR #716, 2026-05; its probe named a domain, LocalStack's an address, so each
    # kind keeps the answer recorded for it) (?).
    fmt = "Identity {identity} is invalid. It must be a verified email address or domain."


class FeedbackTopicsMissing(InvalidParameterValue):
    # v1 SetIdentityFeedbackForwardingEnabled false without both a bounce and a complaint
    # topic: refused per the API reference ("Feedback forwarding can only be disabled when
    # Amazon SNS topics are specified for both bounces and complaints", seed 003). SES's
    # text is not recorded anywhere we found; this is the reference's sentence (?).
    fmt = ("Feedback forwarding can only be disabled when Amazon SNS topics are specified "
           "for both bounces and complaints.")


class InvalidNotificationTopic(InvalidParameterValue):
    # SetIdentityNotificationTopic with a topic SES cannot publish to: recorded only as far
    # as "SNS topic arn:aws:sns:eu-central-1:XXXXXXX:XXXXXX..." (binxio/cfn-ses-provider#16,
    # an encrypted topic); the rest of the text is not recorded (?). The topic must be in
    # SES's region (developer guide, configure-sns-notifications).
    fmt = "SNS topic {arn} is invalid."


class IdentityNotFoundForDefaultSet(NotFound):
    # v2 PutEmailIdentityConfigurationSetAttributes for an unknown identity:
    # NotFoundException "Identity <X> does not exist." (floci PR #1698, "Unknown identities
    # surface the AWS-matched error message", probed against SES v2).
    fmt = "Identity <{identity}> does not exist."


# -- custom verification emails (fakeses/domain/custom_verification.py) ----------------------
# floci probed the CRUD operations and SendCustomVerificationEmail against SES v1 and v2
# (floci-io/floci PR #1840, 2026-07, "every error string verified against real AWS", and
# PR #2191, 2026-08; their tests keep the texts: SesCustomVerificationEmailTemplate*Test,
# SesSendCustomVerificationEmail*Test). Names are in angle brackets, with no final period.

class CustomVerificationTemplateNotFound(NotFound):
    # v1 CustomVerificationEmailTemplateDoesNotExist (400), v2 NotFoundException (404),
    # for Get/Update/Delete (floci PR #1840) and v2 SendCustomVerificationEmail (PR #2191).
    fmt = "Custom verification email template <{name}> does not exist"


class CustomVerificationTemplateNotFoundForSend(CustomVerificationTemplateNotFound):
    # v1 SendCustomVerificationEmail words it shorter than v2 (floci PR #2191, probed).
    fmt = "Template <{name}> does not exist"
    fmt_v2 = "Custom verification email template <{name}> does not exist"


class CustomVerificationTemplateAlreadyExists(AlreadyExists):
    # v1 CustomVerificationEmailTemplateAlreadyExists, v2 AlreadyExistsException (floci PR #1840).
    fmt = "Custom verification email template <{name}> already exists"


class FromEmailAddressNotVerified(DomainError):
    # v1 FromEmailAddressNotVerified (400), v2 NotFoundException (404): probed for Create
    # (floci PR #1840, SesCustomVerificationEmailTemplateV2IntegrationTest). Taken to be the
    # text of Update and SendCustomVerificationEmail too (?).
    fmt = "The from email address <{address}> is not verified"


class CustomVerificationContentInvalid(DomainError):
    """v1 ``CustomVerificationEmailInvalidContent``, v2 ``BadRequestException``.

    SES's texts for content it refuses are not recorded anywhere we found; the fake
    names what broke the developer guide's rule (?).
    """


class CustomVerificationTemplateLimitExceeded(LimitExceeded):
    # "You can create up to 50 custom verification email templates per Amazon SES account"
    # (developer guide, send-email-verify-address-custom, FAQ Q1); text not recorded (?).
    fmt = "You have reached the maximum number of custom verification email templates ({limit})."


class ProductionAccessNotGranted(DomainError):
    # v1 ProductionAccessNotGranted: "You can only send custom verification emails if your
    # account has been removed from the sandbox" (developer guide FAQ Q13). The text is not
    # recorded; v2 models no such error and is taken to answer MessageRejected (?).
    fmt = "Production access is not granted for this account. Custom verification emails can only be sent from accounts out of the sandbox."


class CustomVerificationPageSizeOutOfRange(BadRequest):
    # v2 ListCustomVerificationEmailTemplates PageSize "has to be at least 1, and can be no
    # more than 50" (seed 001); worded as the probed template text (?).
    fmt = "The page size must be between 1 and 50"
# -- identity settings: MAIL FROM, DKIM, S/MIME (mail_from.py, dkim.py, certificates.py) ----

class IdentityUnknownForMailFrom(InvalidParameterValue):
    # v1 SetIdentityMailFromDomain for an identity this account/region does not have:
    # InvalidParameterValue "Identity <X> does not exist."; v2 PutEmailIdentityMailFromAttributes
    # answers BadRequestException with the same text (floci PR #716, "verified against live
    # aws-cli output").
    fmt = "Identity <{identity}> does not exist."


class MailFromNotSubdomain(InvalidParameterValue):
    # Recorded for v1 through Terraform's aws_ses_domain_mail_from ("InvalidParameterValue:
    # Provided MAIL-FROM domain <***> is not subdomain of the domain of the identity <***>.")
    # and for v2 through CloudFormation AWS::SES::EmailIdentity (mail.dive.day refused for
    # the identity ses.dive.day: the MAIL FROM domain must be under the identity itself).
    fmt = "Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of the identity <{identity}>."


class MailFromDomainNotVerified(DomainError):
    # v1 MailFromDomainNotVerifiedException, v2 MailFromDomainNotVerifiedException: a send
    # from an identity whose custom MAIL FROM domain is not Success, with BehaviorOnMXFailure
    # RejectMessage (seed 003 SetIdentityMailFromDomain). SES's text is not recorded anywhere
    # we found; this is the model's description of the v1 error (?).
    fmt = ("Message could not be sent because Amazon SES could not read the MX record required "
           "to use the specified MAIL FROM domain <{domain}>.")


class DomainNotVerifiedForDkim(InvalidParameterValue):
    # v2 PutEmailIdentityDkimAttributes for an unknown domain, or for an address whose
    # domain has no DKIM set up, recorded against SES v2 by floci (PR #723, "confirmed
    # against live API responses": BadRequestException, the address's domain named) and by
    # the declastruct project's journey test (an address under example.com, signing false).
    # v1 SetIdentityDkimEnabled: InvalidParameterValue with the same text (floci) (?).
    fmt = "Domain {domain} is not verified for DKIM signing."


class DkimIdentityNotDomain(BadRequest):
    # PutEmailIdentityDkimSigningAttributes on an email address (floci, "verified: all
    # return the same 400 'must be a valid domain'", PR #1904).
    fmt = "The EmailIdentity value must be a valid domain."


class InvalidDkimSigningAttributes(BadRequest):
    # DkimSigningAttributes that SES cannot act on (EXTERNAL without a selector or key, a
    # replication origin whose parent identity is missing, ...). The texts are not recorded
    # anywhere we found; each says what is wrong (?).
    fmt = "{message}"


class InvalidDkimPrivateKey(BadRequest):
    # A BYODKIM DomainSigningPrivateKey that is not the base64 of a 1024 to 2048 bit RSA
    # private key ("BYODKIM - private key length must be at least 1024 bits and up to
    # 2048-bits", developer guide creating-identities). SES's text is not recorded (?).
    fmt = "Invalid DKIM private key: {reason}."


class InvalidCertificateAssociation(BadRequest):
    # A FromAddress that does not belong to the identity, or a missing one for a domain
    # (model docs of AssociateEmailIdentityCertificate); texts not recorded (?).
    fmt = "{message}"


class CertificateAlreadyAssociated(AlreadyExists):
    # "Each email address can have only one certificate association. If an association
    # already exists for the address, this operation returns an error, unless the existing
    # association is in the DEPROVISIONING state" (model docs); text not recorded (?).
    fmt = "A certificate is already associated with {address}."


class CertificateNotFound(NotFound):
    # With moto's mock_aws active, an ACM certificate moto does not know; text not recorded (?).
    fmt = "Certificate {arn} does not exist."


class SuppressedDestinationNotFound(NotFound):
    # Get/DeleteSuppressedDestination of an address not on the list (DeleteSuppressedDestination
    # is not idempotent): "Email address <address> does not exist on your suppression list."
    # (floci SesSuppressionService, probed; the AWS CLI answer quoted in an operations runbook).
    fmt = "Email address {address} does not exist on your suppression list."


class InvalidNextToken(DomainError):
    # v2 ListSuppressedDestinations' modeled InvalidNextTokenException; its text is the
    # model's description of the error, SES's own is not recorded (?).
    fmt = "The specified request includes an invalid or expired token."


class TenantNotFound(NotFound):
    # A TenantName naming no tenant, in the tenant and suppression-list operations (floci
    # PRs #2644, #2743, verified against AWS). A send answers otherwise (domain/tenants.py).
    fmt = "The requested tenant <{name}> does not exist."
