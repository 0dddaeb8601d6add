"""Which error each API answers for each domain error.

Values are error shape names of the model (the wire code and HTTP status are read from
the shape) or, for errors AWS does not model, the common errors of each API reference.
"""
from __future__ import annotations

import functools
from typing import Optional

from ..domain import errors as e


@functools.cache
def _table() -> dict[type[e.DomainError], tuple[str, str]]:
    """(v1 shape or common code, v2 shape or common code) of each domain error. Made on the
    first error: the capabilities' error modules load with their packages (receiving's with
    its whole store), which a request that succeeds does not need."""
    from ..domain import tenants
    from ..domain.authorization import errors as authorization
    from ..domain.receiving import errors as receiving

    return {
        e.IdentityNotVerified: ("MessageRejected", "MessageRejected"),
        e.MessageRejected: ("MessageRejected", "MessageRejected"),
        e.InvalidParameterValue: ("InvalidParameterValue", "BadRequestException"),
        e.AccountSendingPaused: ("AccountSendingPausedException", "SendingPausedException"),
        # v1: common error Throttling "Daily message quota exceeded." (F5);
        # v2: LimitExceededException, the model's error for a quota (SendEmail errors).
        e.DailyQuotaExceeded: ("Throttling", "LimitExceededException"),
        e.NotFound: ("InvalidParameterValue", "NotFoundException"),
        e.AlreadyExists: ("AlreadyExistsException", "AlreadyExistsException"),
        e.ConfigurationSetNotFound: ("ConfigurationSetDoesNotExistException", "NotFoundException"),
        e.ConfigurationSetSendingPaused: ("ConfigurationSetSendingPausedException", "SendingPausedException"),
        e.BadRequest: ("InvalidParameterValue", "BadRequestException"),
        e.Unsupported: ("NotImplemented", "NotImplemented"),
        e.Conflict: ("InvalidParameterValue", "ConflictException"),
        e.LimitExceeded: ("LimitExceededException", "LimitExceededException"),
        # Templates: v1 shapes of CreateTemplate/GetTemplate/TestRenderTemplate; v2 models only
        # NotFound/AlreadyExists/BadRequest/LimitExceeded for the *EmailTemplate operations.
        e.TemplateNotFound: ("TemplateDoesNotExistException", "NotFoundException"),
        e.InvalidTemplate: ("InvalidTemplateException", "BadRequestException"),
        e.MissingRenderingAttribute: ("MissingRenderingAttributeException", "BadRequestException"),
        e.InvalidRenderingParameter: ("InvalidRenderingParameterException", "BadRequestException"),
        # Configuration sets: the v1 shapes of the *ConfigurationSet* operations (F16); v2 models
        # only NotFound/AlreadyExists/LimitExceeded/BadRequest for them.
        e.ConfigurationSetAlreadyExists: ("ConfigurationSetAlreadyExistsException", "AlreadyExistsException"),
        e.InvalidConfigurationSetName: ("InvalidConfigurationSetException", "BadRequestException"),
        e.EventDestinationAlreadyExists: ("EventDestinationAlreadyExistsException", "AlreadyExistsException"),
        e.EventDestinationNotFound: ("EventDestinationDoesNotExistException", "NotFoundException"),
        e.InvalidCloudWatchDestination: ("InvalidCloudWatchDestinationException", "BadRequestException"),
        e.InvalidFirehoseDestination: ("InvalidFirehoseDestinationException", "BadRequestException"),
        e.InvalidSnsDestination: ("InvalidSNSDestinationException", "BadRequestException"),
        e.InvalidTrackingOptions: ("InvalidTrackingOptionsException", "BadRequestException"),
        e.TrackingOptionsAlreadyExist: ("TrackingOptionsAlreadyExistsException", "BadRequestException"),
        e.TrackingOptionsNotFound: ("TrackingOptionsDoesNotExistException", "NotFoundException"),
        e.InvalidDeliveryOptions: ("InvalidDeliveryOptionsException", "BadRequestException"),
        # Custom verification emails: the v1 shapes of the *CustomVerificationEmail* operations;
        # v2 answers an unverified From address with NotFoundException (floci PR #1840, probed)
        # and, modeling no ProductionAccessNotGranted, is taken to refuse the sandbox with
        # MessageRejected (?).
        e.CustomVerificationTemplateNotFound: ("CustomVerificationEmailTemplateDoesNotExistException",
                                               "NotFoundException"),
        e.CustomVerificationTemplateAlreadyExists: ("CustomVerificationEmailTemplateAlreadyExistsException",
                                                    "AlreadyExistsException"),
        e.FromEmailAddressNotVerified: ("FromEmailAddressNotVerifiedException", "NotFoundException"),
        e.CustomVerificationContentInvalid: ("CustomVerificationEmailInvalidContentException", "BadRequestException"),
        e.ProductionAccessNotGranted: ("ProductionAccessNotGrantedException", "MessageRejected"),
        # Sending authorization: v1 PutIdentityPolicy models InvalidPolicyException; the policy
        # limit is v1 InvalidParameterValue, v2 LimitExceededException (floci-io/floci#1750,
        # probed against AWS); a refused delegate send is v1 AccessDenied / v2
        # AccessDeniedException, HTTP 403 (recorded: see authorization/errors.py).
        authorization.InvalidPolicy: ("InvalidPolicyException", "BadRequestException"),
        authorization.TooManyPolicies: ("InvalidParameterValue", "LimitExceededException"),
        authorization.AccessDenied: ("AccessDenied", "AccessDeniedException"),
        # Identity settings: the send-time MAIL FROM refusal has a shape in both models.
        e.MailFromDomainNotVerified: ("MailFromDomainNotVerifiedException", "MailFromDomainNotVerifiedException"),
        # Suppression list (v2 only): ListSuppressedDestinations models InvalidNextTokenException.
        e.InvalidNextToken: ("InvalidParameterValue", "InvalidNextTokenException"),
        # Receiving (v1 only): the shapes of the receipt operations; the API-layer name checks
        # are the common ValidationError, a region without receiving the common InvalidAction.
        receiving.RuleSetDoesNotExist: ("RuleSetDoesNotExistException", "NotFoundException"),
        receiving.RuleDoesNotExist: ("RuleDoesNotExistException", "NotFoundException"),
        receiving.CannotDelete: ("CannotDeleteException", "BadRequestException"),
        receiving.InvalidS3Configuration: ("InvalidS3ConfigurationException", "BadRequestException"),
        receiving.InvalidSnsTopic: ("InvalidSnsTopicException", "BadRequestException"),
        receiving.InvalidLambdaFunction: ("InvalidLambdaFunctionException", "BadRequestException"),
        receiving.ReceivingValidation: ("ValidationError", "BadRequestException"),
        receiving.UnavailableOperation: ("InvalidAction", "BadRequestException"),
        # Tenants (v2 only): a DISABLED tenant's send is paused (SendEmail models only
        # SendingPausedException for a pause); the association gate is AccessDeniedException,
        # HTTP 403 (floci PR #2815, probed), through authorization.AccessDenied above.
        tenants.TenantSendingPaused: ("AccountSendingPausedException", "SendingPausedException"),
    }

# Common errors of each API reference (seed 003 "Common Errors" for v1, seed 001 for v2)
# with their HTTP statuses; these codes are not modeled as shapes.
COMMON_STATUS: dict[str, dict[str, int]] = {
    "ses": {
        "InvalidAction": 400,
        "InvalidParameterValue": 400,
        "InvalidParameterCombination": 400,
        "InternalFailure": 500,
        "MalformedQueryString": 404,
        "MissingAction": 400,
        "MissingParameter": 400,
        "Throttling": 400,
        "ValidationError": 400,
        "NotImplemented": 501,
        "AccessDenied": 403,  # recorded for refused sends (emfoundation/ce100-app#572, aws/aws-sdk-php#941)
    },
    "sesv2": {
        "AccessDeniedException": 403,  # v2 reference, Common Errors (seed 001)
        "InternalFailure": 500,
        "SerializationException": 400,
        "UnknownOperationException": 404,
        "ValidationError": 400,
        "ValidationException": 400,
        "NotImplemented": 501,
    },
}


def shape_for(error: e.DomainError, service: str) -> str:
    for cls in type(error).__mro__:
        names = _table().get(cls)
        if names is not None:
            return names[0] if service == "ses" else names[1]
    return "InvalidParameterValue" if service == "ses" else "BadRequestException"


def common_status(service: str, code: str) -> Optional[int]:
    return COMMON_STATUS[service].get(code)
