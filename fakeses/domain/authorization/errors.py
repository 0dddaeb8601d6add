"""The refusals of sending authorization, each with SES's text and its source.

``fakeses.api.errors`` maps each class to the error shape of each API.
"""
from __future__ import annotations

from ..errors import (
    AlreadyExists,
    DomainError,
    InvalidParameterValue,
    LimitExceeded,
    NotFound,
)


class InvalidPolicy(DomainError):
    """A policy document SES refuses (v1 ``InvalidPolicy``, v2 ``BadRequestException``).

    The v1 model declares InvalidPolicyException for PutIdentityPolicy; v2 answers bad
    input with BadRequestException. No recorded text was found for most refusals: the
    texts follow the AWS policy engines' own words (IAM "Syntax errors in policy.", S3
    "Invalid principal in policy", "Policy has invalid resource", "Policy has invalid
    action", "Missing required field Principal") (?); "invalid principal" is the refusal
    recorded for an SES identity policy (hashicorp/terraform-provider-aws#22549).
    """

    fmt = "{reason}"


class InvalidPolicyName(InvalidParameterValue):
    # Verified against AWS by floci (floci-io/floci#1750): v1 InvalidParameterValue, v2
    # BadRequestException, one text.
    fmt = ("PolicyName is invalid. Policy names must only include alpha-numeric characters, "
           "dashes, and underscores.")


class PolicyExists(AlreadyExists):
    # v2 CreateEmailIdentityPolicy on a name in use (floci-io/floci#1750, probed against AWS).
    fmt = "Policy <{name}> already exists"


class PolicyNotFound(NotFound):
    # v2 UpdateEmailIdentityPolicy / DeleteEmailIdentityPolicy of an unknown name
    # (floci-io/floci#1750, probed against AWS; the v2 reference's "returns successfully
    # even if a policy with the specified name does not exist" is v1's behaviour).
    fmt = "Policy <{name}> does not exist"


class TooManyPolicies(LimitExceeded):
    # 20 policies per identity (developer guide, policy-anatomy "Policy requirements");
    # text and codes (v1 InvalidParameterValue, v2 LimitExceededException) probed against
    # AWS by floci (floci-io/floci#1750).
    fmt = "Number of policies for <{identity}> exceeds max allowed number of policies per resource"


class TooManyPolicyNames(InvalidParameterValue):
    # GetIdentityPolicies: "You can retrieve a maximum of 20 policies at a time" (seed 004);
    # the refusal's text is not recorded (?).
    fmt = "Cannot retrieve more than 20 policies at a time."


class AccessDenied(DomainError):
    """A delegate send the identity owner's policies do not allow.

    Recorded texts (v1 ``AccessDenied``, HTTP 403, e.g. emfoundation/ce100-app#572,
    dwyl/aws-ses-lambda#10; v2 ``AccessDeniedException``, HTTP 403, with the same text,
    aws/aws-actionmailer-ses-ruby#10, symfony/symfony#51461). The principal is the
    caller's IAM ARN; the resource the identity's ARN.
    """

    fmt = "User `{principal}' is not authorized to perform `{action}' on resource `{resource}'"


class InvalidIdentityArn(InvalidParameterValue):
    # An identity ARN SES cannot read (SourceArn, FromArn, ReturnPathArn, X-SES-*-ARN,
    # *IdentityArn): no recorded text (?).
    fmt = "Invalid identity ARN: {arn}"
