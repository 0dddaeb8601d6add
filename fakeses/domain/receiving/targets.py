"""The checks SES makes on a receipt rule's actions when the rule is created or updated.

Order and texts probed against SES (floci-io/floci PR #3119, us-west-2, 2026-09): more
than 10 actions is ``LimitExceeded`` "Too many actions"; a Stop action anywhere but last
is refused; then each action in order: an AddHeader action's header name, any
``TopicArn`` (malformed: "Invalid SNS topic: <arn>", absent: "Could not publish to SNS
topic: <arn>"), an S3 bucket (empty, then absent: "No such bucket: <name>"), a Lambda
function (empty, malformed "Invalid Lambda function: <arn>", absent "Could not invoke
Lambda function: <arn>"), a Bounce action's reply code, message and sender (a verified
identity: "Identity is not verified: <sender>").

Whether a target exists can only be known when moto is active: ``exists(kind, value)``
answers (fakeses/_publish.py ``destination_exists``); otherwise every well-formed target
is taken. Checks moto makes that the probes do not cover: a bucket whose policy does not
let SES write, "Could not write to bucket: <name>" (moto ses/models.py; the usual failure
reported when a bucket policy is missing); a KMS key moto does not know, "Unable to use
AWS KMS key: <arn>" (InvalidS3Configuration); an IAM role it does not know, "Could not
assume the provided IAM role" (InvalidParameterValue) (both moto PR #9249 (?)).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import InvalidParameterValue
from . import validation
from .errors import (
    InvalidLambdaFunction,
    InvalidS3Configuration,
    InvalidSnsTopic,
    ReceivingLimitExceeded,
)
from .rules import (
    AddHeaderAction,
    BounceAction,
    LambdaAction,
    ReceiptRule,
    S3Action,
    StopAction,
)
from .store import MAX_ACTIONS

_SNS_TOPIC = re.compile(r"arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:[0-9]{12}:.+")
_LAMBDA_FUNCTION = re.compile(r"arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:.+")

Exists = Callable[[str, str], bool]


def check(rule: ReceiptRule, exists: Exists, verified: Callable[[str], bool]) -> None:
    """Raise SES's error for the first action of ``rule`` SES would refuse."""
    actions = rule.actions
    if len(actions) > MAX_ACTIONS:
        raise ReceivingLimitExceeded(message="Too many actions")
    if any(isinstance(a, StopAction) for a in actions[:-1]):
        raise InvalidParameterValue(message="Stop action, if any, must be placed at the end of the actions list")
    for action in actions:
        if isinstance(action, AddHeaderAction):
            validation.header_name(action.header_name)
            validation.header_value(action.header_value)
        topic = getattr(action, "topic_arn", None)
        if topic is not None:
            if not _SNS_TOPIC.fullmatch(topic):
                raise InvalidSnsTopic(message=f"Invalid SNS topic: {topic}")
            if not exists("sns", topic):
                raise InvalidSnsTopic(message=f"Could not publish to SNS topic: {topic}")
        if isinstance(action, S3Action):
            _s3(action, exists)
        elif isinstance(action, LambdaAction):
            function = action.function_arn
            if function == "":
                raise InvalidParameterValue(message="Lambda function ARN must not be empty")
            if not _LAMBDA_FUNCTION.fullmatch(function):
                raise InvalidLambdaFunction(message=f"Invalid Lambda function: {function}")
            if not exists("lambda", function):
                raise InvalidLambdaFunction(message=f"Could not invoke Lambda function: {function}")
        elif isinstance(action, BounceAction):
            if action.smtp_reply_code == "":
                raise InvalidParameterValue(message="Invalid SMTP reply code: ")
            if action.message == "":
                raise InvalidParameterValue(message="Invalid SMTP response message: ")
            if not verified(action.sender):
                raise InvalidParameterValue(message=f"Identity is not verified: {action.sender}")


def _s3(action: S3Action, exists: Exists) -> None:
    bucket = action.bucket_name
    if bucket == "":
        raise InvalidParameterValue(message="Bucket name must not be empty")
    if not exists("s3", bucket):
        raise InvalidS3Configuration(message=f"No such bucket: {bucket}")
    if not exists("s3-writable", bucket):
        raise InvalidS3Configuration(message=f"Could not write to bucket: {bucket}")
    if action.kms_key_arn is not None and not exists("kms", action.kms_key_arn):
        raise InvalidS3Configuration(message=f"Unable to use AWS KMS key: {action.kms_key_arn}")
    if action.iam_role_arn is not None and not exists("iam", action.iam_role_arn):
        raise InvalidParameterValue(message="Could not assume the provided IAM role")
