"""Events delivered where SES would deliver them, when moto's ``mock_aws`` is active too.

Everything SES publishes is on the handle (``published``) whatever runs beside fakeses.
When moto is active, each publication is also really made, through a boto3 client that
moto answers, with the text recorded: an SNS topic gets the message with the Subject SES
uses (none for its notices), an EventBridge bus the event with SES's source and
detail-type, a Firehose stream the record, CloudWatch a metric data point. So
application code that reads events from an SQS queue subscribed to the topic works end
to end in one test. Without moto nothing leaves the process.
"""
from __future__ import annotations

import json
import logging
from typing import Any

from .domain.events import EVENTBRIDGE_DETAIL_TYPES, Publication
from .domain.state import Backend

logger = logging.getLogger("fakeses")


def moto_active() -> bool:
    """Whether moto's ``mock_aws`` answers AWS calls in this process right now."""
    try:
        from moto.core.models import botocore_stubber
    except Exception:  # moto not installed, or a version without the stubber
        return False
    return bool(getattr(botocore_stubber, "enabled", False))


def destination_exists(backend: Backend, kind: str, arn: str) -> bool:
    """Whether moto knows the SNS topic or ACM certificate (``kind`` "sns", "acm") ``arn``,
    or a receipt action's target: "s3" (a bucket name), "s3-writable" (its policy lets
    ses.amazonaws.com put objects), "lambda" (a function ARN), "kms" (a key ARN), "iam"
    (a role ARN). True when moto is not active (SES's check cannot be made then, and the
    destination is accepted and recorded)."""
    if kind not in _KINDS or not moto_active():
        return True
    if kind == "kms" and arn.endswith(":alias/aws/ses"):
        return True  # SES's own default key, which every account has
    try:
        if kind in _PROBES:
            return _found(backend, arn, *_PROBES[kind])
        return _BUCKET_CHECKS[kind](backend, arn)
    except Exception:  # anything but a clear "not found" (a malformed ARN moto refuses, ...): do not refuse what SES might accept
        return True


def _found(backend: Backend, arn: str, service: str, call: str, argument: str, missing: str) -> bool:
    # IAM's ARNs carry no region: the backend's is used.
    client = _client(service, _region_of(arn, backend.region), backend)
    try:
        getattr(client, call)(**{argument: arn.rpartition("/")[2] if service == "iam" else arn})
    except getattr(client.exceptions, missing):
        return False
    return True


def _bucket_exists(backend: Backend, bucket: str) -> bool:
    client = _client("s3", backend.region, backend)
    try:
        client.head_bucket(Bucket=bucket)
    except client.exceptions.ClientError as error:
        return error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket")
    return True


def _bucket_writable(backend: Backend, bucket: str) -> bool:
    # SES writes as the service principal ses.amazonaws.com: without a bucket policy that
    # allows it s3:PutObject, CreateReceiptRule fails "Could not write to bucket" (developer
    # guide, receiving-email-permissions; conditions are not evaluated here).
    client = _client("s3", backend.region, backend)
    try:
        policy = json.loads(client.get_bucket_policy(Bucket=bucket)["Policy"])
    except client.exceptions.ClientError:
        return False  # no policy
    statements = policy.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        services = principal.get("Service", []) if isinstance(principal, dict) else principal
        services = [services] if isinstance(services, str) else services or []
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if any(p in ("*", "ses.amazonaws.com") for p in services) and any(
                a in ("*", "s3:*", "s3:PutObject") for a in actions):
            return True
    return False


#: kind -> (service, the call moto answers for the resource, its argument (the ARN, or for
#: IAM the role name), the error moto raises when the resource is not there).
_PROBES = {
    "sns": ("sns", "get_topic_attributes", "TopicArn", "NotFoundException"),
    "acm": ("acm", "describe_certificate", "CertificateArn", "ResourceNotFoundException"),
    "lambda": ("lambda", "get_function", "FunctionName", "ResourceNotFoundException"),
    "kms": ("kms", "describe_key", "KeyId", "NotFoundException"),
    "iam": ("iam", "get_role", "RoleName", "NoSuchEntityException"),
}
_BUCKET_CHECKS = {"s3": _bucket_exists, "s3-writable": _bucket_writable}
_KINDS = frozenset((*_PROBES, *_BUCKET_CHECKS))


def publish(backend: Backend, publication: Publication) -> None:
    """Publish ``publication`` to moto, if moto is active: the text recorded is the text sent."""
    if not moto_active():
        return
    sender = _SENDERS.get(publication.service)
    if sender is None:
        return  # Pinpoint: not something moto keeps
    try:
        sender(backend, publication)
    except Exception as error:  # the destination is gone, or moto refuses it: as SES, drop it
        what = f"{publication.event.type} event" if publication.event is not None else "notice"
        logger.warning("fakeses could not publish %s to %s: %s", what, publication.target, error)


def _client(service: str, region: str, backend: Backend) -> Any:
    import boto3  # type: ignore[import-untyped]

    return boto3.client(service, region_name=region, aws_access_key_id=_key(backend),
                        aws_secret_access_key="fakeses")


def _key(backend: Backend) -> str:
    # moto serves a 12-digit access key id as that account (as fakeses does).
    return backend.account_id


def _region_of(arn: str, default: str) -> str:
    parts = arn.split(":")
    return parts[3] if len(parts) > 3 and parts[3] else default


def _sns(backend: Backend, publication: Publication) -> None:
    client = _client("sns", _region_of(publication.target, backend.region), backend)
    extra = {"Subject": publication.subject} if publication.subject else {}
    client.publish(TopicArn=publication.target, Message=publication.message, **extra)


def _eventbridge(backend: Backend, publication: Publication) -> None:
    assert publication.event is not None  # only events go to EventBridge
    client = _client("events", _region_of(publication.target, backend.region), backend)
    client.put_events(Entries=[{
        "Source": "aws.ses", "DetailType": EVENTBRIDGE_DETAIL_TYPES[publication.event.type],
        "Detail": publication.message, "EventBusName": publication.target,
        "Resources": [backend.arn("configuration-set", publication.via.split("/")[0])],
    }])


def _firehose(backend: Backend, publication: Publication) -> None:
    client = _client("firehose", _region_of(publication.target, backend.region), backend)
    name = publication.target.rpartition("/")[2]
    client.put_record(DeliveryStreamName=name, Record={"Data": publication.message.encode()})


def _cloudwatch(backend: Backend, publication: Publication) -> None:
    client = _client("cloudwatch", backend.region, backend)
    client.put_metric_data(Namespace=publication.target, MetricData=[json.loads(publication.message)])


_SENDERS = {"sns": _sns, "events": _eventbridge, "firehose": _firehose, "cloudwatch": _cloudwatch}
