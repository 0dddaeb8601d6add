"""aiobotocore's async clients are served in-process as botocore's are (issue 10, part 1a)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from typing import Any

import boto3
import pytest

aiobotocore_session = pytest.importorskip("aiobotocore.session")

import aiobotocore.client  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

from fakeses import fakeses  # noqa: E402

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
UNVERIFIED = ("Email address is not verified. The following identities failed the check in region "
              "US-EAST-1: me@example.com")


def client(service: str, **kwargs: Any) -> Any:
    """An aiobotocore client context manager (``async with client("sesv2") as ses``)."""
    kwargs.setdefault("region_name", "us-east-1")
    return aiobotocore_session.get_session().create_client(service, **kwargs)


def test_a_v2_send_is_answered_and_recorded():
    async def main() -> dict[str, Any]:
        async with client("sesv2") as ses:
            await ses.create_email_identity(EmailIdentity="example.com")
            return await ses.send_email(FromEmailAddress="me@example.com",
                                        Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)

    with fakeses() as fake:
        answer = asyncio.run(main())
    [sent] = fake.sent_messages
    assert answer["MessageId"] == sent.message_id
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert answer["ResponseMetadata"]["RetryAttempts"] == 0
    assert (sent.service, sent.operation, sent.region, sent.to, sent.subject, sent.text) == (
        "sesv2", "SendEmail", "us-east-1", ["ann@example.org"], "Hi", "Hello")


def test_a_v1_send_is_answered_and_recorded():
    async def main() -> dict[str, Any]:
        async with client("ses", region_name="eu-west-1") as ses:
            await ses.verify_domain_identity(Domain="example.com")
            return await ses.send_email(Source="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                                        Message=MESSAGE)

    with fakeses() as fake:
        answer = asyncio.run(main())
    [sent] = fake.sent_messages
    assert answer["MessageId"] == sent.message_id
    assert (sent.service, sent.operation, sent.region, sent.source) == ("ses", "SendEmail", "eu-west-1", "me@example.com")


def test_a_record_is_the_same_whether_a_sync_or_an_async_client_sent_it():
    async def send_async() -> None:
        async with client("sesv2") as ses:
            await ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                                 Content=SIMPLE, EmailTags=[{"Name": "kind", "Value": "welcome"}])

    with fakeses() as fake:
        fake.verify_identity("example.com")
        boto3.client("sesv2", region_name="us-east-1").send_email(
            FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
            Content=SIMPLE, EmailTags=[{"Name": "kind", "Value": "welcome"}])
        asyncio.run(send_async())
    sync, async_ = fake.sent_messages

    def fields(message: Any) -> dict[str, Any]:
        return {name: getattr(message, name) for name in (
            "operation", "service", "region", "account_id", "source", "to", "cc", "bcc", "destinations",
            "reply_to", "subject", "text", "html", "template", "template_data", "configuration_set", "tags")}

    assert fields(async_) == fields(sync)
    assert async_.mime["Subject"] == sync.mime["Subject"] == "Hi"


def test_an_unverified_sender_gets_the_same_message_rejected_as_a_sync_client():
    async def main() -> tuple[ClientError, ClientError, type, type]:
        async with client("sesv2") as v2, client("ses") as v1:
            with pytest.raises(ClientError) as raised_v2:
                await v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                    Content=SIMPLE)
            with pytest.raises(ClientError) as raised_v1:
                await v1.send_email(Source="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                    Message=MESSAGE)
            return raised_v2.value, raised_v1.value, v2.exceptions.MessageRejected, v1.exceptions.MessageRejected

    with fakeses() as fake:
        error_v2, error_v1, rejected_v2, rejected_v1 = asyncio.run(main())
        with pytest.raises(ClientError) as sync_v2:
            boto3.client("sesv2", region_name="us-east-1").send_email(
                FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]}, Content=SIMPLE)
        with pytest.raises(ClientError) as sync_v1:
            boto3.client("ses", region_name="us-east-1").send_email(
                Source="me@example.com", Destination={"ToAddresses": ["a@b.org"]}, Message=MESSAGE)
    assert isinstance(error_v2, rejected_v2) and isinstance(error_v1, rejected_v1)
    assert error_v2.response["Error"] == {"Code": "MessageRejected", "Message": UNVERIFIED}
    assert error_v1.response["Error"] == {"Type": "Sender", "Code": "MessageRejected", "Message": UNVERIFIED}
    assert error_v2.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert str(error_v2) == str(sync_v2.value).replace(
        sync_v2.value.response["ResponseMetadata"]["RequestId"], error_v2.response["ResponseMetadata"]["RequestId"])
    assert error_v2.response["Error"] == sync_v2.value.response["Error"]
    assert error_v1.response["Error"] == sync_v1.value.response["Error"]
    assert len(fake.sent_messages) == 0


def test_an_unknown_identity_is_a_modeled_not_found_error():
    async def main() -> ClientError:
        async with client("sesv2") as ses:
            with pytest.raises(ses.exceptions.NotFoundException) as raised:
                await ses.get_email_identity(EmailIdentity="nobody.example")
            return raised.value

    with fakeses():
        error = asyncio.run(main())
    assert error.response["Error"]["Code"] == "NotFoundException"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_bad_input_unchecked_by_the_client_gets_ses_validation_error():
    async def main() -> ClientError:
        async with client("ses", config=aiobotocore.config.AioConfig(parameter_validation=False)) as ses:
            with pytest.raises(ClientError) as raised:
                await ses.verify_domain_identity()
            return raised.value

    with fakeses():
        error = asyncio.run(main())
    assert error.response["Error"]["Code"] == "ValidationError"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_identities_are_listed_and_paginated():
    async def main() -> tuple[list[str], list[str], list[str]]:
        async with client("ses") as v1, client("sesv2") as v2:
            for n in range(3):
                await v1.verify_email_identity(EmailAddress=f"user{n}@example.com")
            listed = (await v1.list_identities())["Identities"]
            paged = [identity async for page in v1.get_paginator("list_identities").paginate(
                PaginationConfig={"PageSize": 2}) for identity in page["Identities"]]
            v2_listed = [i["IdentityName"] for i in (await v2.list_email_identities())["EmailIdentities"]]
            return listed, paged, v2_listed

    with fakeses():
        listed, paged, v2_listed = asyncio.run(main())
    expected = ["user0@example.com", "user1@example.com", "user2@example.com"]
    assert sorted(listed) == sorted(paged) == sorted(v2_listed) == expected


def test_a_twelve_digit_access_key_selects_that_account():
    async def main() -> None:
        async with client("sesv2", aws_access_key_id="210987654321", aws_secret_access_key="x") as other, \
                client("sesv2") as default:
            await other.create_email_identity(EmailIdentity="other.example")
            await other.send_email(FromEmailAddress="me@other.example", Destination={"ToAddresses": ["a@b.org"]},
                                   Content=SIMPLE)
            assert (await default.list_email_identities())["EmailIdentities"] == []

    with fakeses() as fake:
        asyncio.run(main())
    assert fake.backend(account_id="210987654321").identities.get("other.example") is not None
    assert fake.sent_messages[0].account_id == "210987654321"


def test_a_client_created_before_the_fake_is_served_inside():
    async def main() -> int:
        async with client("sesv2") as ses:
            with fakeses() as fake:
                fake.verify_identity("example.com")
                await ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                     Content=SIMPLE)
            return len(fake.sent_messages)

    assert asyncio.run(main()) == 1


def test_a_client_created_before_import_is_served():
    """The patch is on the class: a client made before `import fakeses` is served too."""
    code = textwrap.dedent(
        """
        import asyncio, socket, sys
        def refuse(*a, **k): raise SystemExit(f"network used: {a!r}")
        socket.socket.connect = refuse
        socket.getaddrinfo = refuse
        from aiobotocore.session import get_session

        async def main():
            async with get_session().create_client("sesv2", region_name="eu-west-1",
                                                   aws_access_key_id="k", aws_secret_access_key="s") as ses:
                assert "fakeses" not in sys.modules
                from fakeses import fakeses
                with fakeses() as fake:
                    fake.verify_identity("example.com", region="eu-west-1")
                    await ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                         Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})
                print(len(fake.sent_messages), fake.sent_messages[0].region)

        asyncio.run(main())
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "eu-west-1"]


def test_import_fakeses_does_not_import_aiobotocore_and_the_first_fake_does():
    code = textwrap.dedent(
        """
        import sys
        import fakeses
        print("aiobotocore" in sys.modules)
        with fakeses.fakeses():
            print("aiobotocore.client" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


def test_async_and_sync_clients_share_one_account():
    async def main() -> list[str]:
        async with client("sesv2") as ses:
            return [i["IdentityName"] for i in (await ses.list_email_identities())["EmailIdentities"]]

    with fakeses():
        boto3.client("ses", region_name="us-east-1").verify_domain_identity(Domain="example.com")
        assert asyncio.run(main()) == ["example.com"]


def test_concurrent_sends_on_one_loop_lose_nothing():
    async def main() -> list[str]:
        async with client("sesv2") as ses:
            answers = await asyncio.gather(*(
                ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [f"u{n}@example.org"]},
                               Content=SIMPLE) for n in range(50)))
        return [a["MessageId"] for a in answers]

    with fakeses() as fake:
        fake.verify_identity("example.com")
        ids = asyncio.run(main())
    assert sorted(ids) == sorted(m.message_id for m in fake.sent_messages)
    assert len(set(ids)) == 50


def test_the_decorator_wraps_a_coroutine_function():
    @fakeses
    async def body() -> int:
        fakeses.current().verify_identity("example.com")
        async with client("sesv2") as ses:
            await ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                 Content=SIMPLE)
        return len(fakeses.current().sent_messages)

    assert asyncio.run(body()) == 1


def test_after_exit_nothing_is_intercepted(network):
    original = aiobotocore.client.AioBaseClient._make_request
    with fakeses():
        assert aiobotocore.client.AioBaseClient._make_request is not original
    assert aiobotocore.client.AioBaseClient._make_request is original

    async def main() -> None:
        async with client("sesv2", aws_access_key_id="k", aws_secret_access_key="s",
                          config=aiobotocore.config.AioConfig(retries={"total_max_attempts": 1})) as ses:
            with pytest.raises(Exception):
                await ses.get_account()

    asyncio.run(main())
    assert network == ["getaddrinfo 'email.us-east-1.amazonaws.com'"]  # headed for SES: not served
    network.clear()


def test_other_services_go_their_usual_way(network):
    async def main() -> None:
        async with client("s3", aws_access_key_id="k", aws_secret_access_key="s",
                          config=aiobotocore.config.AioConfig(retries={"total_max_attempts": 1})) as s3:
            with pytest.raises(Exception):
                await s3.list_buckets()

    with fakeses():
        asyncio.run(main())
    assert network == ["getaddrinfo 's3.amazonaws.com'"]
    network.clear()
