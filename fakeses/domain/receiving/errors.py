"""SES's refusals for receipt filters, rule sets, rules and SendBounce.

The v1 wire codes (``RuleSetDoesNotExist``, ``RuleDoesNotExist``, ``CannotDelete``,
``InvalidS3Configuration``, ``InvalidSnsTopic``, ``InvalidLambdaFunction``) are read
from the model's error shapes by fakeses/api/errors.py. Texts: see each class.
"""
from __future__ import annotations

from ..errors import (
    AlreadyExists,
    DomainError,
    InvalidParameterValue,
    LimitExceeded,
    MessageRejected,
)


class RuleSetDoesNotExist(DomainError):
    # "Rule set does not exist: <name>" (floci PR #3119, probed against AWS; moto ses/models.py).
    fmt = "Rule set does not exist: {name}"


class RuleDoesNotExist(DomainError):
    # "Rule does not exist: <name>" (floci PR #3119; moto ses/models.py).
    fmt = "Rule does not exist: {name}"


class RuleSetAlreadyExists(AlreadyExists):
    fmt = "Rule set already exists: {name}"


class RuleAlreadyExists(AlreadyExists):
    fmt = "Rule already exists: {name}"


class FilterAlreadyExists(AlreadyExists):
    fmt = "Filter already exists: {name}"


class CannotDelete(DomainError):
    # "Cannot delete active rule set: <name>" (moto ses/models.py; (?) for the exact text).
    fmt = "Cannot delete active rule set: {name}"


class ReceivingLimitExceeded(LimitExceeded):
    fmt = "{message}"


class InvalidS3Configuration(DomainError):
    # "No such bucket: <name>" (floci PR #3119, probed), "Could not write to bucket: <name>"
    # (the bucket policy lets SES not write; moto ses/models.py, field reports), "Unable to
    # use AWS KMS key: <arn>" (moto PR #9249 (?)).
    fmt = "{message}"


class InvalidSnsTopic(DomainError):
    # "Invalid SNS topic: <arn>" (malformed), "Could not publish to SNS topic: <arn>"
    # (absent) (floci PR #3119, probed).
    fmt = "{message}"


class InvalidLambdaFunction(DomainError):
    # "Invalid Lambda function: <arn>" (malformed), "Could not invoke Lambda function: <arn>"
    # (absent) (floci PR #3119, probed).
    fmt = "{message}"


class InvalidReceivingParameter(InvalidParameterValue):
    fmt = "{message}"


class BounceRejected(MessageRejected):
    fmt = "{message}"


class ReceivingValidation(DomainError):
    """A broken API-layer constraint (v1 common error ``ValidationError``)."""

    fmt = "{message}"


class UnavailableOperation(DomainError):
    # Receiving operations outside a receiving region: "InvalidAction: Unavailable
    # Operation", HTTP 400 (recorded: rebuy-de/aws-nuke#513, terraform-provider-aws#19378,
    # cloudquery/cloudquery#5995, aws/aws-sdk-java-v2#3191).
    fmt = "Unavailable Operation"
