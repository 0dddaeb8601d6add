"""Credentials and configuration are never resolved against the network (issue 10, part 2).

fakeses answers SES requests before botocore signs them, so no credential is ever needed;
it must not fetch one either (an assume-role profile refreshed through STS for every send),
and it must leave the region a profile sets to the clients that use that profile.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import boto3
import botocore.client
import botocore.credentials
import pytest
from support.network import attempts

from fakeses import fakeses

pytest_plugins = ["pytester"]

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}

ASSUME_ROLE = """
[profile base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile dev]
role_arn = arn:aws:iam::210987654321:role/deploy
source_profile = base
"""


def config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config"
    path.write_text(text)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(path))
    return path


@pytest.fixture
def sts_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every credential refresh and every STS call made by any client, recorded."""
    calls: list[str] = []
    refresh = botocore.credentials.RefreshableCredentials._refresh
    make_api_call = botocore.client.BaseClient._make_api_call

    def recorded_refresh(self: Any) -> Any:
        calls.append(f"refresh of {self.method} credentials")
        return refresh(self)

    def recorded_call(self: Any, operation_name: str, api_params: Any) -> Any:
        if self.meta.service_model.service_name == "sts":
            calls.append(f"sts {operation_name}")
        return make_api_call(self, operation_name, api_params)

    monkeypatch.setattr(botocore.credentials.RefreshableCredentials, "_refresh", recorded_refresh)
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recorded_call)
    return calls


def test_an_assume_role_profile_sends_without_a_call_to_sts(monkeypatch, tmp_path, sts_calls):
    config_file(monkeypatch, tmp_path, ASSUME_ROLE)
    monkeypatch.setenv("AWS_PROFILE", "dev")
    network = attempts(monkeypatch)
    with fakeses(region="us-east-1") as fake:
        fake.verify_identity("example.com")
        session = boto3.Session()
        v2 = session.client("sesv2", region_name="us-east-1")
        v1 = session.client("ses", region_name="us-east-1")
        assert v2._request_signer._credentials.method == "assume-role"  # what the test is about
        v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                      Content=SIMPLE)
        v1.send_email(Source="me@example.com", Destination={"ToAddresses": ["ann@example.org"]}, Message=MESSAGE)
        assert v1.list_identities()["Identities"] == ["example.com"]
    assert sts_calls == []
    assert network == []
    # Credentials never fetched hold no key: the default account serves them.
    assert [m.account_id for m in fake.sent_messages] == ["123456789012", "123456789012"]


def test_the_spy_sees_a_refresh_when_botocore_signs_with_an_assume_role_profile(monkeypatch, tmp_path, sts_calls):
    """The test above can fail: the same client, outside fakeses, goes to STS to sign."""
    config_file(monkeypatch, tmp_path, ASSUME_ROLE)
    monkeypatch.setenv("AWS_PROFILE", "dev")
    network = attempts(monkeypatch)
    v2 = boto3.Session().client("sesv2", region_name="us-east-1")
    with pytest.raises(Exception):
        v2.get_account()
    assert sts_calls[:2] == ["refresh of assume-role credentials", "sts AssumeRole"]
    assert network and network[0].startswith("getaddrinfo 'sts.")


def test_a_profile_with_a_twelve_digit_static_key_selects_that_account(monkeypatch, tmp_path, sts_calls):
    config_file(monkeypatch, tmp_path, "[profile tenant]\naws_access_key_id = 111122223333\n"
                                       "aws_secret_access_key = unused\n")
    monkeypatch.setenv("AWS_PROFILE", "tenant")
    with fakeses(region="us-east-1") as fake:
        fake.verify_identity("example.com", account_id="111122223333")
        boto3.Session().client("sesv2", region_name="us-east-1").send_email(
            FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)
    assert fake.sent_messages[0].account_id == "111122223333"
    assert sts_calls == []


def test_refreshed_credentials_are_read_as_they_stand(monkeypatch, sts_calls):
    """Credentials refreshed before (by the app, on a real run) keep their key: it is read, not refreshed."""
    credentials = botocore.credentials.RefreshableCredentials.create_from_metadata(
        {"access_key": "444455556666", "secret_key": "s", "token": "t", "expiry_time": "2000-01-01T00:00:00Z"},
        refresh_using=lambda: pytest.fail("fakeses refreshed the credentials"), method="custom")
    client = boto3.Session().client("sesv2", region_name="us-east-1")
    client._request_signer._credentials = credentials
    with fakeses() as fake:
        client.create_email_identity(EmailIdentity="example.com")
    assert fake.backend(account_id="444455556666").identities.get("example.com") is not None
    assert sts_calls == []


# -- regions ---------------------------------------------------------------------------------


def test_without_any_region_clients_get_the_fake_region_while_active_and_it_is_removed_after():
    with fakeses(region="ap-south-1") as fake:
        assert os.environ["AWS_DEFAULT_REGION"] == "ap-south-1"
        assert boto3.Session().client("sesv2").meta.region_name == "ap-south-1"
        assert fake.region == "ap-south-1"
    assert "AWS_DEFAULT_REGION" not in os.environ


@pytest.mark.parametrize("select", ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"])
def test_the_region_of_the_selected_profile_is_kept(monkeypatch, tmp_path, select):
    config_file(monkeypatch, tmp_path, "[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIDDEV\n"
                                       "aws_secret_access_key = unused\n")
    monkeypatch.setenv(select, "dev")
    with fakeses() as fake:
        assert "AWS_DEFAULT_REGION" not in os.environ
        v2 = boto3.Session().client("sesv2")
        assert v2.meta.region_name == "eu-west-1"
        assert fake.region == "eu-west-1"  # the handle's default follows the profile too
        fake.verify_identity("example.com")
        v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                      Content=SIMPLE)
    assert fake.sent_messages[0].region == "eu-west-1"


def test_the_region_of_the_default_profile_is_kept(monkeypatch, tmp_path):
    config_file(monkeypatch, tmp_path, "[default]\nregion = ap-southeast-2\n")
    with fakeses() as fake:
        assert "AWS_DEFAULT_REGION" not in os.environ
        assert boto3.Session().client("ses").meta.region_name == "ap-southeast-2"
        assert fake.region == "ap-southeast-2"


def test_a_region_option_does_not_move_clients_off_their_profile_region(monkeypatch, tmp_path):
    config_file(monkeypatch, tmp_path, "[default]\nregion = ap-southeast-2\n")
    with fakeses(region="eu-central-1") as fake:
        assert boto3.Session().client("ses").meta.region_name == "ap-southeast-2"
        assert fake.region == "eu-central-1"


def test_aws_default_region_beats_the_profile_region_as_in_botocore(monkeypatch, tmp_path):
    config_file(monkeypatch, tmp_path, "[default]\nregion = ap-southeast-2\n")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ca-central-1")
    with fakeses() as fake:
        assert boto3.Session().client("ses").meta.region_name == "ca-central-1"
        assert fake.region == "ca-central-1"
    assert os.environ["AWS_DEFAULT_REGION"] == "ca-central-1"


def test_a_profile_without_a_region_gets_the_fake_region(monkeypatch, tmp_path):
    config_file(monkeypatch, tmp_path, "[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = x\n")
    monkeypatch.setenv("AWS_PROFILE", "dev")
    with fakeses() as fake:
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
        assert "AWS_ACCESS_KEY_ID" not in os.environ  # the profile's keys are used
        assert boto3.Session().client("ses").meta.region_name == "us-east-1"
        assert fake.region == "us-east-1"


def test_a_profile_region_changed_between_fakes_is_read_again(monkeypatch, tmp_path):
    path = config_file(monkeypatch, tmp_path, "[default]\nregion = eu-west-1\n")
    with fakeses() as first:
        pass
    path.write_text("[default]\nregion = eu-north-1\n# longer, so the file's stat changes whatever the clock\n")
    with fakeses() as second:
        pass
    assert (first.region, second.region) == ("eu-west-1", "eu-north-1")


def test_an_unknown_profile_does_not_stop_a_fake(monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "nowhere")
    with fakeses() as fake:
        assert fake.region == "us-east-1"
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"


# -- clients created at import time (docs/configuration.md) -----------------------------------

ROOT = Path(__file__).resolve().parents[2]
SNIPPET_MARK = "# not run here: it is a conftest.py"

# Written ahead of the conftest under test: every connection and lookup of the pytest
# subprocess is refused and logged to a file the test reads.
GUARD = '''
import os, socket

def _refuse(what):
    def refused(*args, **kwargs):
        with open(os.environ["FAKESES_NETWORK_LOG"], "a") as log:
            log.write(f"{what} {args!r}\\n")
        raise OSError("the test refuses the network")
    return refused

socket.socket.connect = _refuse("connect")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.create_connection = _refuse("create_connection")
'''

APP = '''
import boto3

ses = boto3.client("sesv2", region_name="us-east-1")  # at import time, before any fake


def test_welcome(ses_backend):
    ses_backend.verify_identity("example.com")
    ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                   Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}})
    assert len(ses_backend.sent_messages) == 1
'''


def conftest_snippet() -> str:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"^```python\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
               if b.startswith(SNIPPET_MARK)]
    return block


def run_app_with_conftest(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, conftest: str) -> list[str]:
    """Run APP in a pytest subprocess on a machine with no AWS configuration; the attempts it made."""
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED")  # set by tests/conftest.py, as a user's machine would not
    log = pytester.path / "network.log"
    monkeypatch.setenv("FAKESES_NETWORK_LOG", str(log))
    pytester.makeconftest(GUARD + conftest)
    pytester.makepyfile(test_app=APP)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1)
    return log.read_text().splitlines() if log.exists() else []


def test_the_documented_conftest_keeps_an_import_time_client_from_the_metadata_service(pytester, monkeypatch):
    assert run_app_with_conftest(pytester, monkeypatch, conftest_snippet()) == []


def test_without_it_an_import_time_client_probes_the_metadata_service(pytester, monkeypatch):
    """The test above can fail, and the plugin leaves the environment alone (docs: why)."""
    attempts = run_app_with_conftest(pytester, monkeypatch, "")
    assert attempts and all("169.254.169.254" in line for line in attempts), attempts


def test_a_client_created_inside_a_fake_never_probes_the_metadata_service(monkeypatch):
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED")
    network = attempts(monkeypatch)
    with fakeses() as fake:
        fake.verify_identity("example.com")
        boto3.Session().client("sesv2", region_name="us-east-1").send_email(
            FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)
    assert network == []
