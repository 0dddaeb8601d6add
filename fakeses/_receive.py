"""Receipt actions delivered where SES would deliver them, when moto's ``mock_aws`` is active.

The receiving engine (fakeses/domain/receiving/engine.py) calls :func:`deliver` for what
leaves SES: the S3 action's object, an SNS message (the SNS action's, or an action's
notification), a Lambda invocation. With moto active each really happens, through a
boto3 client moto answers; without moto nothing leaves the process and the action is
recorded on the handle (``received_messages``) with what it would have delivered.

A Lambda function runs only where moto can run it: moto's simple Lambda backend
(``mock_aws(config={"lambda": {"use_docker": False}})``, which answers with the event)
or moto with a reachable Docker daemon; otherwise the invocation is recorded, not made.
"""
from __future__ import annotations

import logging
from typing import Any

from ._publish import _client, _region_of, moto_active
from .domain.state import Backend

logger = logging.getLogger("fakeses")


def deliver(backend: Backend, kind: str, payload: dict[str, Any]) -> tuple[str, Any]:
    """Deliver one receipt action's payload; returns (outcome, a Lambda function's answer)."""
    if not moto_active():
        return "recorded", None
    try:
        return _DELIVER[kind](backend, payload)
    except Exception as error:  # the target is missing or moto refuses it: as SES, the action fails
        logger.warning("fakeses could not deliver the %s receipt action: %s", kind, error)
        return f"failed: {error}", None


def _s3(backend: Backend, payload: dict[str, Any]) -> tuple[str, Any]:
    client = _client("s3", backend.region, backend)
    client.put_object(Bucket=payload["bucket"], Key=payload["key"], Body=payload["body"])
    return "delivered", None


def _sns(backend: Backend, payload: dict[str, Any]) -> tuple[str, Any]:
    client = _client("sns", _region_of(payload["topic_arn"], backend.region), backend)
    client.publish(TopicArn=payload["topic_arn"], Message=payload["message"], Subject=payload["subject"])
    return "delivered", None


def _lambda(backend: Backend, payload: dict[str, Any]) -> tuple[str, Any]:
    import json

    arn = payload["function_arn"]
    if not _can_run_lambda():
        return "recorded: moto needs Docker to run a Lambda function (or mock_aws(config={'lambda': " \
               "{'use_docker': False}}))", None
    client = _client("lambda", _region_of(arn, backend.region), backend)
    client.get_function(FunctionName=arn)  # moto's simple backend runs any name: SES needs the function
    answer = client.invoke(FunctionName=arn, InvocationType=payload["invocation_type"],
                           Payload=json.dumps(payload["event"]).encode())
    body = answer.get("Payload")
    data = body.read() if body is not None else b""
    if payload["invocation_type"] != "RequestResponse":
        return "delivered", None
    try:
        return "delivered", json.loads(data) if data else None
    except ValueError:
        return "delivered", data.decode("utf-8", errors="replace")


def _can_run_lambda() -> bool:
    """moto's simple Lambda backend is on, or Docker answers."""
    try:
        from moto.core.models import default_user_config  # type: ignore[attr-defined]
    except Exception:
        return False
    if default_user_config.get("lambda", {}).get("use_docker", True) is False:
        return True
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env(timeout=2).ping()
    except Exception:
        return False
    return True


_DELIVER = {"s3": _s3, "sns": _sns, "lambda": _lambda}
