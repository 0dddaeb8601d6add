"""SES refusals as domain errors, each with SES's message template and its source.

``fakeses.api.errors`` maps each class to the error shape of each API; the wire code
and HTTP status are read from the model there.
"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """An SES refusal. ``fmt`` is SES's text, filled from the keyword arguments."""

    fmt = "{message}"
    #: The v2 wording where it differs from v1's (None: the same).
    fmt_v2: "str | None" = None

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
    # "Configuration set <name> does not exist." (LocalStack AWS snapshot, F17)
    fmt = "Configuration set {name} does not exist."


class Unsupported(DomainError):
    """Something SES does that fakeses does not do yet: answered as NotImplemented."""


class AddressRejected(InvalidParameterValue):
    # Both APIs answer JavaMail's address-check texts (v1: F8, G40; v2:
    # awslabs/aws-sdk-rust#881 "Domain contains illegal character",
    # awsdocs/aws-doc-sdk-examples PR #5191 "Illegal address"), except that v2 words
    # a blank address "Invalid email address ." (domdomegg/aws-ses-v2-local#44, G39).
    fmt = "{reason}"
    fmt_v2 = "{reason_v2}"
