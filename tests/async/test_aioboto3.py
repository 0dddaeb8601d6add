"""aioboto3 builds its clients with aiobotocore, so fakeses serves them too.

boto3 (and so aioboto3) has no SES resource, only clients: ``Session().resource("ses")``
raises ``ResourceNotExistsError`` with or without fakeses.
"""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

aioboto3 = pytest.importorskip("aioboto3")

from boto3.exceptions import ResourceNotExistsError  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

from fakeses import fakeses  # noqa: E402

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


def test_an_aioboto3_client_sends_and_the_fake_records_it():
    async def main() -> dict[str, Any]:
        session = aioboto3.Session()
        async with session.client("sesv2", region_name="us-east-1") as ses:
            await ses.create_email_identity(EmailIdentity="example.com")
            return await ses.send_email(FromEmailAddress="me@example.com",
                                        Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)

    with fakeses() as fake:
        answer = asyncio.run(main())
    [sent] = fake.sent_messages
    assert answer["MessageId"] == sent.message_id
    assert (sent.service, sent.to, sent.subject) == ("sesv2", ["ann@example.org"], "Hi")


def test_an_aioboto3_v1_client_gets_ses_errors():
    async def main() -> ClientError:
        async with aioboto3.Session().client("ses", region_name="us-east-1") as ses:
            with pytest.raises(ses.exceptions.TemplateDoesNotExistException) as raised:
                await ses.get_template(TemplateName="welcome")
            return raised.value

    with fakeses():
        error = asyncio.run(main())
    assert error.response["Error"] == {"Type": "Sender", "Code": "TemplateDoesNotExist",
                                       "Message": "Template welcome does not exist."}


def test_an_aioboto3_session_made_before_the_fake_is_served():
    session = aioboto3.Session(region_name="eu-west-1")

    async def main() -> list[str]:
        async with session.client("ses") as ses:
            await ses.verify_email_identity(EmailAddress="me@example.com")
            return (await ses.list_identities())["Identities"]

    with fakeses() as fake:
        assert asyncio.run(main()) == ["me@example.com"]
    assert fake.backend(region="eu-west-1").identities.get("me@example.com") is not None


def test_ses_has_no_resource_in_aioboto3():
    with fakeses(), pytest.raises(ResourceNotExistsError):
        aioboto3.Session().resource("ses", region_name="us-east-1")
