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
    fmt = "Could not write to bucket: {bucket}"


class InvalidSnsTopic(DomainError):
    fmt = "Could not publish to SNS topic: {arn}"


class InvalidLambdaFunction(DomainError):
    fmt = "Could not invoke Lambda function: {arn}"


class InvalidReceivingParameter(InvalidParameterValue):
    fmt = "{message}"


class BounceRejected(MessageRejected):
    fmt = "{message}"
