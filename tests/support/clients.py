"""boto3 clients with botocore's own checks off, and their answers as plain data."""
from __future__ import annotations

import dataclasses
import os
from typing import Any

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

# Nothing refused client-side, nothing retried: every request reaches fakeses once.
UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1})


def unchecked_client(service: str, region: str = "us-east-1") -> Any:
    """A client that sends whatever it is given (as SES sees a raw HTTP client's requests)."""
    with pytest.MonkeyPatch.context() as env:  # as on a machine without AWS configuration
        env.setenv("AWS_CONFIG_FILE", os.devnull)
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
        return boto3.client(service, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing", config=UNCHECKED)


@dataclasses.dataclass
class Answer:
    """What a call got back: the parsed result, or the error's code and message."""

    status: int
    code: str | None = None
    message: str = ""
    result: dict[str, Any] | None = None

    def __str__(self) -> str:
        if self.code is None:
            return f"HTTP {self.status} success"
        return f"HTTP {self.status} {self.code}: {self.message!r}"


def ask(client: Any, op: str, params: dict[str, Any]) -> Answer:
    """Call ``op`` with ``params``; a botocore error other than ClientError escapes (a failure)."""
    try:
        result = getattr(client, xform_name(op))(**params)
    except ClientError as error:
        response = error.response
        return Answer(response["ResponseMetadata"]["HTTPStatusCode"], response["Error"].get("Code"),
                      response["Error"].get("Message", ""))
    return Answer(result["ResponseMetadata"]["HTTPStatusCode"], result=result)


NO_RETRY = Config(retries={"total_max_attempts": 1})


def client(service: str, region: str = "us-east-1", key: str = "testing", **config: Any) -> Any:
    """A client as an application makes one: client-side checks on, no retries, no AWS config."""
    with pytest.MonkeyPatch.context() as env:  # as on a machine without AWS configuration
        env.setenv("AWS_CONFIG_FILE", os.devnull)
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
        return boto3.client(service, region_name=region, aws_access_key_id=key,
                            aws_secret_access_key="testing", config=NO_RETRY.merge(Config(**config)))


def error_of(info: "pytest.ExceptionInfo[ClientError]") -> tuple[str, int, str]:
    """(code, HTTP status, message) of a ClientError caught by pytest.raises."""
    response = info.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"].get("Message", "")


def refusal(call: Any, **params: Any) -> tuple[int, str, str]:
    """(HTTP status, code, message) of the ClientError that ``call(**params)`` must raise."""
    with pytest.raises(ClientError) as caught:
        call(**params)
    response = caught.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def body(response: dict[str, Any]) -> dict[str, Any]:
    """A parsed response without its ResponseMetadata."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}
