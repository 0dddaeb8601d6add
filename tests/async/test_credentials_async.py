"""aiobotocore's credentials are never refreshed to serve an SES request (issue 10, part 2)."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

aiobotocore_session = pytest.importorskip("aiobotocore.session")

import aiobotocore.client  # noqa: E402
import aiobotocore.credentials  # noqa: E402

from fakeses import fakeses  # noqa: E402

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
ASSUME_ROLE = """
[profile base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile dev]
role_arn = arn:aws:iam::210987654321:role/deploy
source_profile = base
region = eu-west-1
"""


@pytest.fixture
def sts_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every refresh of aiobotocore credentials and every STS call of an async client."""
    calls: list[str] = []
    refresh = aiobotocore.credentials.AioRefreshableCredentials._refresh
    make_api_call = aiobotocore.client.AioBaseClient._make_api_call

    async def recorded_refresh(self: Any) -> Any:
        calls.append(f"refresh of {self.method} credentials")
        return await refresh(self)

    async def recorded_call(self: Any, operation_name: str, api_params: Any) -> Any:
        if self.meta.service_model.service_name == "sts":
            calls.append(f"sts {operation_name}")
        return await make_api_call(self, operation_name, api_params)

    monkeypatch.setattr(aiobotocore.credentials.AioRefreshableCredentials, "_refresh", recorded_refresh)
    monkeypatch.setattr(aiobotocore.client.AioBaseClient, "_make_api_call", recorded_call)
    return calls


@pytest.fixture
def assume_role_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    path = tmp_path / "config"
    path.write_text(ASSUME_ROLE)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(path))
    monkeypatch.setenv("AWS_PROFILE", "dev")


def test_an_assume_role_profile_sends_without_a_call_to_sts(assume_role_profile, sts_calls):
    async def main() -> str:
        async with aiobotocore_session.get_session().create_client("sesv2") as ses:
            assert ses._request_signer._credentials.method == "assume-role"
            await ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                                 Content=SIMPLE)
            return str(ses.meta.region_name)

    with fakeses() as fake:
        fake.verify_identity("example.com")
        assert asyncio.run(main()) == "eu-west-1"  # the profile's region
    assert sts_calls == []
    assert [(m.region, m.account_id) for m in fake.sent_messages] == [("eu-west-1", "123456789012")]


def test_the_spy_sees_sts_when_aiobotocore_signs_with_an_assume_role_profile(assume_role_profile, sts_calls, network):
    """The test above can fail: outside fakeses the same send refreshes through STS."""
    async def main() -> None:
        async with aiobotocore_session.get_session().create_client("sesv2") as ses:
            with pytest.raises(Exception):
                await ses.get_account()

    asyncio.run(main())
    assert sts_calls[:2] == ["refresh of assume-role credentials", "sts AssumeRole"]
    assert network and network[0].startswith("getaddrinfo 'sts.")
    network.clear()
