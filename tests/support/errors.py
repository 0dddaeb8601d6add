"""The errors SES can give for an operation, read from the model and the API references.

An answer is *declared* when its code is one of the operation's modeled errors (the
error shape's ``error.code``, or its name) or one of the API's common errors, with the
HTTP status the model or reference gives it. Tests hold every error fakeses answers to
this list; it is written here from the references, not imported from fakeses, so a
code fakeses invents is caught.
"""
from __future__ import annotations

from fakeses._model import service_model

# SES v1 API reference, "Common Errors" (seed 003): code -> HTTP status.
V1_COMMON = {
    "IncompleteSignature": 400,
    "InternalFailure": 500,
    "InvalidAction": 400,
    "InvalidClientTokenId": 403,
    "InvalidParameterCombination": 400,
    "InvalidParameterValue": 400,
    "InvalidQueryParameter": 400,
    "MalformedQueryString": 404,
    "MissingAction": 400,
    "MissingAuthenticationToken": 403,
    "MissingParameter": 400,
    "OptInRequired": 403,
    "RequestExpired": 400,
    "ServiceUnavailable": 503,
    "Throttling": 400,
    "ValidationError": 400,
}

# SES v2 API reference, "Common Errors" (seed 001), plus SerializationException for a
# body or value that cannot be read (not listed there; recorded, foundation G9).
V2_COMMON = {
    "AccessDeniedException": 403,
    "ExpiredTokenException": 403,
    "IncompleteSignature": 403,
    "InternalFailure": 500,
    "MalformedHttpRequestException": 400,
    "NotAuthorized": 401,
    "OptInRequired": 403,
    "RequestAbortedException": 400,
    "RequestEntityTooLargeException": 413,
    "RequestExpired": 400,
    "RequestTimeoutException": 408,
    "ServiceUnavailable": 503,
    "ThrottlingException": 400,
    "UnrecognizedClientException": 403,
    "UnknownOperationException": 404,
    "ValidationError": 400,
    "SerializationException": 400,
}

COMMON = {"ses": V1_COMMON, "sesv2": V2_COMMON}

# fakeses answers an operation (or a part of one) it does not implement with this
# code and status, naming the operation: not SES's, and never retried by botocore.
NOT_IMPLEMENTED = ("NotImplemented", 501)

# The one switch of strict reachability (tests/conformance/test_reachability.py): every
# operation the installed botocore models must have a handler and answer a minimal request
# as SES can, or the suite FAILS naming it, so that an operation a new botocore adds is
# noticed at once. Operations listed here, while being built, may answer NotImplemented
# meanwhile; a listed operation that has a handler fails the suite too, so the list can only
# shrink. Empty since issue 16: every operation of botocore 1.44.8 has a handler
# (docs/contributing/add-an-operation.md, "Every operation has a handler").
NOT_YET_BUILT: frozenset[tuple[str, str]] = frozenset()

# InternalFailure is declared by both references, but fakeses answers it only for a bug
# of its own: no test accepts it.
BUG = "InternalFailure"

# The code each API answers a broken model constraint with (foundation G1, G8).
VALIDATION = {"ses": "ValidationError", "sesv2": "BadRequestException"}


def modeled(service: str, op: str) -> dict[str, int]:
    """The operation's modeled errors: wire code -> HTTP status."""
    out = {}
    for shape in service_model(service).operation_model(op).error_shapes:
        error = shape.metadata.get("error", {})
        out[error.get("code", shape.name)] = int(error.get("httpStatusCode", 400))
    return out


# Errors real SES was recorded giving that the model does not declare for the operation:
# (service, operation) -> {code: status}, each with its source.
RECORDED_UNDECLARED: dict[tuple[str, str], dict[str, int]] = {
    # "Identity unknown@example.com is not verified or does not exist." (LocalStack AWS snapshot
    # 2025-07-29; F19).
    ("ses", "SetIdentityHeadersInNotificationsEnabled"): {"MessageRejected": 400},
    # A paused account: AccountSendingPausedException on v1, which the model does not list for
    # the operation (floci PR #2191, whose behaviour was checked against SES; second-hand).
    ("ses", "SendCustomVerificationEmail"): {"AccountSendingPausedException": 400},
    # A delegate send the identity owner's policies refuse: AccessDenied, HTTP 403, "User `<arn>'
    # is not authorized to perform `ses:SendEmail' on resource `<identity arn>'" (recorded:
    # emfoundation/ce100-app#572, dwyl/aws-ses-lambda#10; aws/aws-sdk-php#941 shows the 403).
    ("ses", "SendEmail"): {"AccessDenied": 403},
    ("ses", "SendRawEmail"): {"AccessDenied": 403},
    ("ses", "SendTemplatedEmail"): {"AccessDenied": 403},
    ("ses", "SendBulkTemplatedEmail"): {"AccessDenied": 403},
}


def declared(service: str, op: str) -> dict[str, int]:
    """Every error SES can give for the operation (code -> status), InternalFailure aside."""
    out = {code: status for code, status in COMMON[service].items() if code != BUG}
    out.update(modeled(service, op))
    out.update(RECORDED_UNDECLARED.get((service, op), {}))
    return out


def undeclared(service: str, op: str, code: str, status: int) -> str | None:
    """Why (code, status) is not an answer SES gives for the operation, or None if it is."""
    allowed = declared(service, op)
    if (code, status) == NOT_IMPLEMENTED:
        return None
    if code not in allowed:
        return f"{service} {op} answered {code} ({status}), which is neither modeled for it nor a common error"
    if allowed[code] != status:
        return f"{service} {op} answered {code} with HTTP {status}; SES gives it HTTP {allowed[code]}"
    return None
