"""The files of import and export jobs in moto's S3, when moto's ``mock_aws`` is active.

SES reads an import job's object and writes an export job's file in the customer's bucket;
with moto active fakeses does the same, through a boto3 client that moto answers (as
fakeses/_publish.py publishes events), so a test puts the file with its own S3 client and
reads the export back the same way. A missing bucket or object fails the job with S3's text.
"""
from __future__ import annotations

from typing import Any

from ._publish import _client, moto_active
from .domain.jobs import StorageFailure
from .domain.state import Backend


class MotoStorage:
    """The world's :class:`~fakeses.domain.jobs.Storage` while moto is active."""

    def active(self) -> bool:
        return moto_active()

    def get(self, backend: Backend, bucket: str, key: str) -> bytes:
        client = _client("s3", backend.region, backend)
        try:
            return bytes(client.get_object(Bucket=bucket, Key=key)["Body"].read())
        except Exception as error:  # NoSuchBucket, NoSuchKey, AccessDenied, ...
            raise StorageFailure(_message(error)) from None

    def put(self, backend: Backend, bucket: str, key: str, data: bytes) -> None:
        client = _client("s3", backend.region, backend)
        try:
            client.put_object(Bucket=bucket, Key=key, Body=data)
        except Exception as error:
            raise StorageFailure(_message(error)) from None


def _message(error: Any) -> str:
    # S3's own message ("The specified bucket does not exist", "The specified key does not exist.")
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        message = response.get("Error", {}).get("Message")
        if message:
            return str(message)
    return str(error)
