"""SES refusals as domain errors, each with SES's message template and its source.

``fakeses.api.errors`` maps each class to the error shape of each API; the wire code
and HTTP status are read from the model there.
"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """An SES refusal. ``fmt`` is SES's text, filled from the keyword arguments."""

    fmt = "{message}"

    def __init__(self, **fields: Any) -> None:
        self.fields = fields
        self.message = self.fmt.format(**fields)
        super().__init__(self.message)


class InvalidParameterValue(DomainError):
    """Bad input found by SES's own checks (v1 ``InvalidParameterValue``, v2 ``BadRequestException``)."""


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
    # v1 AccountSendingPausedException, v2 SendingPausedException (botocore model).
    fmt = "Sending paused for this account. For more information, please check your AWS Personal Health Dashboard."


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
