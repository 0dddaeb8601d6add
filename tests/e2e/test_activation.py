"""Interception and lifecycle: which clients are served, when, and what is left after."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import unittest

import boto3
import botocore.client
import botocore.endpoint
import botocore.exceptions
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from fakeses import FakeSES, fakeses

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
NO_RETRY = Config(retries={"total_max_attempts": 1})


def send_v2(client, to="ann@example.org"):
    return client.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [to]}, Content=SIMPLE)


def test_a_client_created_before_import_is_served():
    """Clients copy event handlers when created; fakeses must not depend on that (DESIGN.md §1)."""
    code = textwrap.dedent(
        """
        import socket
        def refuse(*a, **k): raise SystemExit("network used")
        socket.socket.connect = refuse
        import boto3
        ses = boto3.client("sesv2", region_name="eu-west-1")
        assert "fakeses" not in __import__("sys").modules
        from fakeses import fakeses
        with fakeses() as fake:
            fake.verify_identity("example.com", region="eu-west-1")
            ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                           Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})
            print(len(fake.sent_messages), fake.sent_messages[0].region)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "eu-west-1"]


def test_a_client_created_before_activation_is_served_inside():
    ses = boto3.client("sesv2", region_name="us-east-1")
    with fakeses() as fake:
        fake.verify_identity("example.com")
        send_v2(ses)
    assert len(fake.sent_messages) == 1


def test_no_credentials_are_needed(ses_backend):
    """tests/conftest.py removes every AWS variable and config file: nothing is signed."""
    ses_backend.verify_identity("example.com")
    ses = boto3.client("ses", region_name="us-east-1")
    assert ses.get_send_quota()["Max24HourSend"] == 50000.0


def test_no_ses_request_reaches_the_http_layer(ses_backend, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("an SES request reached botocore's HTTP layer")

    monkeypatch.setattr(botocore.endpoint.Endpoint, "_send", forbidden)
    monkeypatch.setattr(botocore.endpoint.Endpoint, "make_request", forbidden)
    ses_backend.verify_identity("example.com")
    send_v2(boto3.client("sesv2", region_name="us-east-1"))
    boto3.client("ses", region_name="us-east-1").list_identities()


def test_after_exit_nothing_is_intercepted():
    original = botocore.client.BaseClient._make_request
    ses = boto3.client("sesv2", region_name="us-east-1", config=NO_RETRY,
                       aws_access_key_id="x", aws_secret_access_key="y")
    with fakeses():
        assert botocore.client.BaseClient._make_request is not original
    assert botocore.client.BaseClient._make_request is original
    with pytest.raises(Exception) as raised:  # the request now heads for the network
        ses.get_account()
    assert "connect" in str(raised.value).lower()


def test_other_services_go_their_usual_way(ses_backend):
    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    seen = []

    class Raw:
        def stream(self, **kwargs):
            yield b"<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>"

    def canned(request, **kwargs):
        seen.append(request.url)
        return AWSResponse(request.url, 200, {}, Raw())

    s3.meta.events.register("before-send.s3.ListBuckets", canned)
    s3.list_buckets()
    assert seen and "s3" in seen[0]


def test_nested_fakes_are_independent_and_the_outer_one_resumes():
    ses = boto3.client("sesv2", region_name="us-east-1")
    with fakeses() as outer:
        outer.verify_identity("example.com")
        send_v2(ses)
        with fakeses() as inner:
            with pytest.raises(ses.exceptions.MessageRejected):
                send_v2(ses)  # the inner account has no identities
            inner.verify_identity("example.com")
            send_v2(ses)
        send_v2(ses)
    assert len(outer.sent_messages) == 2
    assert len(inner.sent_messages) == 1


def test_each_activation_starts_empty():
    ses = boto3.client("ses", region_name="us-east-1")
    with fakeses():
        ses.verify_email_identity(EmailAddress="a@example.com")
        assert ses.list_identities()["Identities"] == ["a@example.com"]
    with fakeses():
        assert ses.list_identities()["Identities"] == []


def test_threads_sending_at_once_lose_nothing(ses_backend):
    """8 threads x 25 sends give 200 records with 200 unique ids (foundation issue)."""
    ses_backend.verify_identity("example.com")
    clients = [boto3.client("sesv2", region_name="us-east-1") for _ in range(8)]
    ids: list[str] = []
    lock = threading.Lock()

    def work(client):
        for i in range(25):
            message_id = send_v2(client, f"r{i}@example.org")["MessageId"]
            with lock:
                ids.append(message_id)

    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ses_backend.sent_messages) == 200
    assert len({m.message_id for m in ses_backend.sent_messages}) == 200
    assert sorted(ids) == sorted(m.message_id for m in ses_backend.sent_messages)
    quota = boto3.client("ses", region_name="us-east-1").get_send_quota()
    assert quota["SentLast24Hours"] == 200.0


def test_the_last_fake_exiting_while_threads_call_never_raises_out_of_botocore():
    """A call racing the last exit is served or goes on to botocore, never IndexError
    (issue 10: 31 of 2,100 calls escaped when `_make_request` read the stack twice)."""
    client = boto3.client("ses", region_name="us-east-1", config=NO_RETRY)
    escaped: list[BaseException] = []
    stop = threading.Event()

    def work():
        while not stop.is_set():
            try:
                client.get_send_quota()
            except (AssertionError, botocore.exceptions.BotoCoreError):
                pass  # not served: botocore finds no credentials, or the network guard refuses
            except Exception as error:
                escaped.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    for t in threads:
        t.start()
    try:
        for _ in range(300):
            with fakeses():
                pass
    finally:
        stop.set()
        for t in threads:
            t.join()
        sys.setswitchinterval(interval)
    assert escaped == []


def test_a_twelve_digit_access_key_selects_that_account(ses_backend):
    other = boto3.client("sesv2", region_name="us-east-1",
                         aws_access_key_id="210987654321", aws_secret_access_key="x")
    default = boto3.client("sesv2", region_name="us-east-1")
    other.create_email_identity(EmailIdentity="other.example")
    assert [i["IdentityName"] for i in other.list_email_identities()["EmailIdentities"]] == ["other.example"]
    assert default.list_email_identities()["EmailIdentities"] == []
    assert ses_backend.backend(account_id="210987654321").identities.get("other.example") is not None
    other.send_email(FromEmailAddress="me@other.example", Destination={"ToAddresses": ["a@b.org"]}, Content=SIMPLE)
    assert ses_backend.sent_messages[-1].account_id == "210987654321"


def test_regions_are_separate_accounts_of_state(ses_backend):
    east = boto3.client("ses", region_name="us-east-1")
    west = boto3.client("ses", region_name="us-west-2")
    east.verify_domain_identity(Domain="example.com")
    assert west.list_identities()["Identities"] == []
    assert ses_backend.backend("us-east-1").identities.get("example.com") is not None


class TestDecoratorForms:
    def test_bare_decorator_serves_and_exposes_the_handle(self):
        @fakeses
        def body():
            handle = fakeses.current()
            handle.verify_identity("example.com")
            send_v2(boto3.client("sesv2", region_name="us-east-1"))
            return handle

        handle = body()
        assert isinstance(handle, FakeSES) and len(handle.sent_messages) == 1

    def test_called_decorator_takes_options(self):
        @fakeses(sandbox=True, region="eu-west-1")
        def body():
            return boto3.client("sesv2", region_name="eu-west-1").get_account(), fakeses.current().region

        account, region = body()
        assert account["ProductionAccessEnabled"] is False and region == "eu-west-1"

    def test_bare_and_called_forms_mean_the_same(self):
        @fakeses
        def bare():
            return fakeses.current().options

        @fakeses()
        def called():
            return fakeses.current().options

        assert bare() == called()

    def test_async_functions_are_decorated(self):
        @fakeses
        async def body():
            return boto3.client("ses", region_name="us-east-1").get_account_sending_enabled()["Enabled"]

        assert asyncio.run(body()) is True

    def test_current_outside_a_fake_says_what_to_do(self):
        with pytest.raises(RuntimeError, match="decorate the test with @fakeses"):
            fakeses.current()

    def test_options_must_be_keywords(self):
        with pytest.raises(TypeError, match="keyword arguments"):
            fakeses("us-east-1")  # type: ignore[call-overload]

    def test_account_id_must_be_twelve_digits(self):
        with pytest.raises(ValueError, match="12 digits"):
            fakeses(account_id="42")

    def test_stop_without_start_is_an_error(self):
        with pytest.raises(RuntimeError, match="without a matching start"):
            fakeses().stop()


@fakeses
class TestPlainClassDecorator:
    def test_each_test_method_gets_a_fresh_fake(self):
        ses = boto3.client("ses", region_name="us-east-1")
        ses.verify_email_identity(EmailAddress="a@example.com")
        assert ses.list_identities()["Identities"] == ["a@example.com"]

    def test_and_the_next_one_starts_empty(self):
        assert boto3.client("ses", region_name="us-east-1").list_identities()["Identities"] == []


@fakeses(region="us-west-2")
class UnitTestStyle(unittest.TestCase):
    def setUp(self):
        self.ses = boto3.client("sesv2", region_name="us-west-2")
        self.ses.create_email_identity(EmailIdentity="example.com")

    def test_setup_ran_inside_the_fake(self):
        fake = fakeses.current()
        self.assertEqual(fake.region, "us-west-2")
        self.assertEqual(len(self.ses.list_email_identities()["EmailIdentities"]), 1)

    def test_state_does_not_leak_between_tests(self):
        self.assertEqual(len(self.ses.list_email_identities()["EmailIdentities"]), 1)


def test_the_environment_is_restored_after_exit():
    before = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    with fakeses():
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
    assert {k: v for k, v in os.environ.items() if k.startswith("AWS_")} == before


def test_a_client_without_region_uses_the_fake_region():
    with fakeses(region="ap-southeast-2") as fake:
        fake.verify_identity("example.com", region="ap-southeast-2")
        send_v2(boto3.client("sesv2"))
    assert fake.sent_messages[0].region == "ap-southeast-2"
    assert fake.sent_messages[0].message_id.startswith("0108")  # F4
