"""Events delivered where SES would deliver them, when moto's ``mock_aws`` is active too.

Every routed event is on the handle's log whatever runs beside fakeses. When moto is
active, each route is also really published, through a boto3 client that moto answers:
an SNS topic gets the message with the Subject SES uses, an EventBridge bus the event
with SES's source and detail-type, a Firehose stream the record, CloudWatch a metric
data point. So application code that reads events from an SQS queue subscribed to the
topic works end to end in one test. Without moto nothing leaves the process.
"""
from __future__ import annotations

import json
import logging
from typing import Any

from .domain.event_json import sns_subject
from .domain.events import EVENTBRIDGE_DETAIL_TYPES, Event, Route
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
    """Whether moto knows the SNS topic ``arn``; True when moto is not active (SES's check
    cannot be made then, and the destination is accepted and recorded)."""
    if kind != "sns" or not moto_active():
        return True
    client = _client("sns", _region_of(arn, backend.region), backend)
    try:
        client.get_topic_attributes(TopicArn=arn)
    except client.exceptions.NotFoundException:
        return False
    except Exception:  # anything else: do not refuse what SES might accept
        return True
    return True


def publish(backend: Backend, event: Event) -> None:
    """Publish each route of ``event`` to moto, if moto is active."""
    if not moto_active():
        return
    for route in event.routes:
        try:
            _SENDERS[route.kind](backend, event, route)
        except KeyError:
            continue  # Pinpoint: not something moto keeps
        except Exception as error:  # the destination is gone, or moto refuses it: as SES, drop it
            logger.warning("fakeses could not publish %s event to %s: %s", event.type, route.target, error)


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


def _sns(backend: Backend, event: Event, route: Route) -> None:
    client = _client("sns", _region_of(route.target, backend.region), backend)
    subject = sns_subject(route.kind)
    extra = {"Subject": subject} if subject else {}
    client.publish(TopicArn=route.target, Message=json.dumps(route.document, separators=(",", ":")), **extra)


def _eventbridge(backend: Backend, event: Event, route: Route) -> None:
    client = _client("events", _region_of(route.target, backend.region), backend)
    client.put_events(Entries=[{
        "Source": "aws.ses", "DetailType": EVENTBRIDGE_DETAIL_TYPES[event.type],
        "Detail": json.dumps(route.document), "EventBusName": route.target,
        "Resources": [backend.arn("configuration-set", route.via.split("/")[0])],
    }])


def _firehose(backend: Backend, event: Event, route: Route) -> None:
    client = _client("firehose", _region_of(route.target, backend.region), backend)
    name = route.target.rpartition("/")[2]
    client.put_record(DeliveryStreamName=name, Record={"Data": (json.dumps(route.document) + "\n").encode()})


def _cloudwatch(backend: Backend, event: Event, route: Route) -> None:
    client = _client("cloudwatch", backend.region, backend)
    dimensions = route.document["dimensions"]
    client.put_metric_data(Namespace=route.target, MetricData=[{
        "MetricName": route.document["metric"], "Value": 1.0, "Unit": "Count",
        "Dimensions": [{"Name": name, "Value": value} for name, value in dimensions],
    }])


_SENDERS = {"sns": _sns, "notification": _sns, "eventbridge": _eventbridge, "firehose": _firehose,
            "cloudwatch": _cloudwatch}
