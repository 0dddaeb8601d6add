"""Clients that sign SES requests themselves and send them with requests or urllib3.

apprise's ``ses://`` notifier is the model: a hand-signed query-protocol POST of
``Action=SendRawEmail`` to ``https://email.<region>.amazonaws.com/``, sent with requests,
the XML answer read back. While a fake is active such requests are answered by fakeses
through the same codecs as a botocore client's and recorded like any other send; other
hosts go on to urllib3 untouched. Every test runs with DNS and connections blocked
(``network`` below, and tests/conftest.py) and checks that no lookup was attempted.
"""
from __future__ import annotations

import base64
import io
import json
import socket
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
import requests
import urllib3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from urllib3.connectionpool import HTTPConnectionPool

from fakeses import fakeses

NS = {"ses": "http://ses.amazonaws.com/doc/2010-12-01/"}
FORM = "application/x-www-form-urlencoded; charset=utf-8"
RAW = (b"From: me@example.com\r\nTo: ann@example.org\r\nSubject: Disk almost full\r\n"
       b"Content-Type: text/plain; charset=utf-8\r\n\r\nOnly 3% left on /var.\r\n")
SIMPLE_V2 = {
    "FromEmailAddress": "me@example.com",
    "Destination": {"ToAddresses": ["ann@example.org"]},
    "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
}


class Blocked(AssertionError):
    pass


@pytest.fixture
def network(monkeypatch):
    """Every name lookup is recorded and fails: what reaches it would have left the process."""
    lookups: list[tuple[object, object]] = []

    def getaddrinfo(host, port, *args, **kwargs):
        lookups.append((host, port))
        raise socket.gaierror(socket.EAI_NONAME, f"test blocked the lookup of {host}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def signed(url: str, body: str | bytes, *, region: str = "us-east-1", key: str = "AKIAIOSFODNN7EXAMPLE",
           content_type: str = FORM) -> dict[str, str]:
    """Headers of a SigV4-signed POST, as apprise builds them (any secret: never checked)."""
    request = AWSRequest(method="POST", url=url, data=body, headers={"Content-Type": content_type})
    SigV4Auth(Credentials(key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "ses", region).add_auth(request)
    return dict(request.headers.items())


def send_raw_form(source: str = "me@example.com") -> str:
    return urlencode({"Action": "SendRawEmail", "Source": source, "Version": "2010-12-01",
                      "RawMessage.Data": base64.b64encode(RAW).decode()})


def xml(text: str | bytes) -> ET.Element:
    return ET.fromstring(text)


def test_a_hand_signed_send_raw_email_posted_with_requests_is_answered_and_recorded(network):
    url = "https://email.us-east-1.amazonaws.com/"
    with fakeses() as fake:
        fake.verify_identity("example.com")
        body = send_raw_form()
        response = requests.post(url, data=body, headers=signed(url, body), timeout=10)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/xml"
    message_id = xml(response.content).findtext("ses:SendRawEmailResult/ses:MessageId", namespaces=NS)
    [sent] = fake.sent_messages
    assert (sent.message_id, sent.operation, sent.service, sent.region) == (message_id, "SendRawEmail", "ses",
                                                                             "us-east-1")
    assert sent.to == ["ann@example.org"]
    assert sent.subject == "Disk almost full"
    assert sent.text == "Only 3% left on /var.\n"
    assert network == []


def test_an_unverified_sender_gets_ses_message_rejected_xml_with_status_400(network):
    url = "https://email.us-east-1.amazonaws.com/"
    with fakeses() as fake:
        body = send_raw_form()
        response = requests.post(url, data=body, headers=signed(url, body), timeout=10)

    assert response.status_code == 400
    error = xml(response.content).find("ses:Error", NS)
    assert error is not None
    assert error.findtext("ses:Type", namespaces=NS) == "Sender"
    assert error.findtext("ses:Code", namespaces=NS) == "MessageRejected"
    # The recorded v1 text (mettle/sendportal#94), as for a boto3 client.
    assert error.findtext("ses:Message", namespaces=NS) == (
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: me@example.com"
    )
    assert len(fake.sent_messages) == 0
    assert network == []


def test_a_pool_manager_request_through_urllib3_is_answered(network):
    url = "https://email.eu-west-1.amazonaws.com/"
    with fakeses() as fake:
        fake.verify_identity("example.com", region="eu-west-1")
        body = send_raw_form()
        http = urllib3.PoolManager()
        answer = http.request("POST", url, body=body, headers=signed(url, body, region="eu-west-1"))
        quota = http.request("POST", url, body="Action=GetSendQuota", headers={"Content-Type": FORM},
                             preload_content=False)

    assert answer.status == 200
    assert xml(answer.data).findtext("ses:SendRawEmailResult/ses:MessageId", namespaces=NS) == \
        fake.sent_messages[0].message_id
    assert fake.sent_messages[0].region == "eu-west-1"
    # A streamed answer reads as from a socket, in pieces.
    streamed = b"".join(quota.stream(16))
    assert xml(streamed).findtext("ses:GetSendQuotaResult/ses:SentLast24Hours", namespaces=NS) == "1.0"
    assert network == []


def test_a_v2_rest_json_send_is_answered_and_recorded_as_sesv2(network):
    url = "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails"
    with fakeses() as fake:
        fake.verify_identity("example.com")
        body = json.dumps(SIMPLE_V2)
        response = requests.post(url, data=body, headers=signed(url, body, content_type="application/json"),
                                 timeout=10)
        account = requests.get("https://email.us-east-1.amazonaws.com/v2/email/account", timeout=10)

    assert response.status_code == 200
    [sent] = fake.sent_messages
    assert response.json() == {"MessageId": sent.message_id}
    assert (sent.operation, sent.service, sent.to, sent.subject) == ("SendEmail", "sesv2", ["ann@example.org"], "Hi")
    assert account.json()["SendQuota"]["SentLast24Hours"] == 1.0
    assert network == []


def test_a_v2_error_has_ses_status_code_and_error_type(network):
    url = "https://email.us-east-1.amazonaws.com/v2/email/templates/missing"
    with fakeses():
        response = requests.get(url, timeout=10)

    assert response.status_code == 404
    assert response.headers["x-amzn-ErrorType"] == "NotFoundException"
    assert network == []


@pytest.mark.parametrize(("host", "region"), [
    ("email-fips.us-west-2.amazonaws.com", "us-west-2"),
    ("email-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
    ("email.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
    ("email.ap-southeast-2.api.aws", "ap-southeast-2"),
])
def test_fips_partition_and_dual_stack_hosts_are_answered_in_the_region_they_name(network, host, region):
    url = f"https://{host}/"
    with fakeses() as fake:
        fake.verify_identity("example.com", region=region)
        body = send_raw_form()
        # Signed for another region: the host says where the request goes, as on AWS.
        response = requests.post(url, data=body, headers=signed(url, body, region="us-east-1"), timeout=10)

    assert response.status_code == 200
    assert [m.region for m in fake.sent_messages] == [region]
    assert network == []


def test_a_custom_endpoint_from_aws_endpoint_url_ses_is_answered_in_the_signed_region(network, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SES", "http://localhost:4566")
    url = "http://localhost:4566/"
    with fakeses(region="us-east-1") as fake:
        fake.verify_identity("example.com", region="eu-central-1")
        body = send_raw_form()
        response = requests.post(url, data=body, headers=signed(url, body, region="eu-central-1"), timeout=10)

    assert response.status_code == 200
    assert [m.region for m in fake.sent_messages] == ["eu-central-1"]
    assert network == []


def test_a_custom_sesv2_endpoint_with_a_path_is_answered_below_that_path(network, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SESV2", "https://ses-proxy.internal:8443/aws/")
    with fakeses() as fake:
        fake.verify_identity("example.com")
        response = requests.post("https://ses-proxy.internal:8443/aws/v2/email/outbound-emails", json=SIMPLE_V2,
                                 timeout=10)
        # The same host on another port is not SES: it goes on to the (blocked) network.
        with pytest.raises(requests.ConnectionError):
            requests.get("https://ses-proxy.internal/aws/v2/email/account", timeout=10)

    assert response.status_code == 200
    assert [m.service for m in fake.sent_messages] == ["sesv2"]
    assert network == [("ses-proxy.internal", 443)]


def test_an_endpoint_url_in_the_config_files_services_section_is_answered(network, monkeypatch, tmp_path):
    config = tmp_path / "config"
    config.write_text("[profile app]\nservices = local-ses\n\n"
                      "[services local-ses]\nses =\n  endpoint_url = http://127.0.0.1:4579\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_PROFILE", "app")
    with fakeses() as fake:
        fake.verify_identity("example.com")
        response = requests.post("http://127.0.0.1:4579", data=send_raw_form(), timeout=10)

    assert response.status_code == 200
    assert len(fake.sent_messages) == 1
    assert network == []


def test_a_twelve_digit_access_key_in_the_credential_scope_selects_that_account(network):
    url = "https://email.us-east-1.amazonaws.com/"
    with fakeses() as fake:
        fake.verify_identity("example.com", account_id="111122223333")
        body = send_raw_form()
        response = requests.post(url, data=body, headers=signed(url, body, key="111122223333"), timeout=10)
        other = requests.post(url, data=body, headers=signed(url, body), timeout=10)

    assert response.status_code == 200
    assert other.status_code == 400  # the default account has no verified identity
    assert [m.account_id for m in fake.sent_messages] == ["111122223333"]


@pytest.mark.parametrize("authorization", [
    None,
    "",
    "AWS4-HMAC-SHA256",
    "AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=00",
    "AWS4-HMAC-SHA256 Credential=AKID/20261201/ses/aws4_request",  # SigV4a: no region
    "Basic dXNlcjpwYXNz",
    "\u00e9\u00e9 Credential=\u00e9\u00e9",
])
def test_a_missing_or_garbled_authorization_is_never_checked_and_never_crashes(network, authorization):
    headers = {"Content-Type": FORM}
    if authorization is not None:
        headers["Authorization"] = authorization
    with fakeses(region="eu-west-2") as fake:
        fake.verify_identity("example.com", region="eu-west-2")
        response = urllib3.PoolManager().request("POST", "https://abc123.endpoints.email.amazonaws.com/",
                                                 body=send_raw_form(), headers=headers)

    assert response.status == 200
    # No region in the host and none readable in the scope: the fake's default region.
    assert [m.region for m in fake.sent_messages] == ["eu-west-2"]


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), [
    ("POST", "/", b"Action=SendRawEmail&RawMessage.Data=%zz", 404, "MalformedQueryString"),
    ("POST", "/", b"\xff\xfe", 404, "MalformedQueryString"),
    ("POST", "/", b"", 400, "MissingAction"),
    ("GET", "/?Action=NoSuchThing", b"", 400, "InvalidAction"),
])
def test_bad_v1_input_gets_ses_errors_not_a_traceback(network, method, path, body, status, code):
    with fakeses():
        response = requests.request(method, f"https://email.us-east-1.amazonaws.com{path}", data=body, timeout=10)

    assert response.status_code == status
    assert xml(response.content).findtext("ses:Error/ses:Code", namespaces=NS) == code


def test_bad_v2_input_gets_ses_errors_not_a_traceback(network):
    base = "https://email.us-east-1.amazonaws.com/v2/email"
    with fakeses():
        unknown = requests.post(f"{base}/no-such-thing", json={}, timeout=10)
        not_json = requests.post(f"{base}/outbound-emails", data=b"{not json", timeout=10)

    assert (unknown.status_code, unknown.headers["x-amzn-ErrorType"]) == (404, "UnknownOperationException")
    assert not_json.status_code == 400


def test_bodies_given_as_a_file_or_as_chunks_are_read_whole(network):
    url = "https://email.us-east-1.amazonaws.com/"
    form = send_raw_form().encode()
    with fakeses() as fake:
        fake.verify_identity("example.com")
        from_file = urllib3.PoolManager().request("POST", url, body=io.BytesIO(form), headers={"Content-Type": FORM})
        chunked = requests.post(url, data=iter([form[:50], form[50:]]), headers={"Content-Type": FORM}, timeout=10)

    assert (from_file.status, chunked.status_code) == (200, 200)
    assert len(fake.sent_messages) == 2


def test_requests_to_other_hosts_go_on_to_the_network_untouched(network):
    with fakeses():
        with pytest.raises(requests.ConnectionError):
            requests.get("https://example.org/status", timeout=10)
        with pytest.raises(urllib3.exceptions.HTTPError):
            urllib3.PoolManager().request("GET", "https://s3.us-east-1.amazonaws.com/", retries=False)

    assert network == [("example.org", 443), ("s3.us-east-1.amazonaws.com", 443)]


def test_after_the_last_fake_exits_urllib3_and_requests_are_as_before(network):
    import responses

    urlopen = HTTPConnectionPool.urlopen
    on_request = responses.RequestsMock._on_request
    with fakeses():
        with fakeses():
            assert HTTPConnectionPool.urlopen is not urlopen
        assert HTTPConnectionPool.urlopen is not urlopen
    assert HTTPConnectionPool.urlopen is urlopen
    assert responses.RequestsMock._on_request is on_request
    with pytest.raises(requests.ConnectionError):  # SES now heads for the network
        requests.post("https://email.us-east-1.amazonaws.com/", data="Action=GetSendQuota", timeout=10)
    assert network == [("email.us-east-1.amazonaws.com", 443)]


def test_botocores_own_http_session_is_answered_too(network):
    """An SES request that got past the client hook (a path fakeses missed) still never leaves."""
    from botocore.httpsession import URLLib3Session

    url = "https://email.us-east-1.amazonaws.com/"
    request = AWSRequest(method="POST", url=url, data="Action=GetSendQuota", headers={"Content-Type": FORM})
    with fakeses():
        response = URLLib3Session().send(request.prepare())

    assert response.status_code == 200
    assert b"<Max24HourSend>50000.0</Max24HourSend>" in response.content
    assert network == []


@pytest.mark.parametrize("order", ["fakeses inside mock_aws", "mock_aws inside fakeses"])
def test_with_moto_active_requests_to_ses_reach_fakeses_and_the_rest_reach_moto(network, order):
    """moto's mock_aws answers requests-library calls through `responses`; SES must not go there."""
    moto = pytest.importorskip("moto")
    import boto3

    url = "https://email.us-east-1.amazonaws.com/"
    outer, inner = (moto.mock_aws(), fakeses()) if order.startswith("fakeses") else (fakeses(), moto.mock_aws())
    with outer as first, inner as second:
        fake = first if order.startswith("mock_aws") else second
        fake.verify_identity("example.com")
        body = send_raw_form()
        response = requests.post(url, data=body, headers=signed(url, body), timeout=10)
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="reports")
        listing = requests.get("https://reports.s3.amazonaws.com/?list-type=2", timeout=10)

    assert response.status_code == 200
    assert len(fake.sent_messages) == 1
    assert listing.status_code == 200 and b"<Name>reports</Name>" in listing.content
    assert network == []


def test_every_ses_host_in_botocores_endpoint_data_is_recognised_with_its_region():
    """Both endpoints.json's hostnames and the rule sets' URL templates, for every partition."""
    from botocore.loaders import create_loader

    from fakeses import _endpoints

    loader = create_loader()
    seen = 0
    for partition in loader.load_data("endpoints")["partitions"]:
        for region, data in partition["services"].get("email", {}).get("endpoints", {}).items():
            hosts = [data.get("hostname") or f"email.{region}.{partition['dnsSuffix']}"]
            hosts += [variant["hostname"] for variant in data.get("variants", ())]
            for host in hosts:
                endpoint = _endpoints.match(host, 443)
                assert endpoint is not None, host
                expected = data.get("credentialScope", {}).get("region", region)
                assert endpoint.region == expected, host
                seen += 1
    assert seen > 30  # 38 in botocore 1.34, the oldest the project allows; more since
    # Every template carries the label the quick check looks for.
    assert all(_endpoints._MARK in template for template in _endpoints.host_templates())
    for host in ("email.us-east-1.amazonaws.com.example.org", "myemail.us-east-1.amazonaws.com",
                 "s3.us-east-1.amazonaws.com", "email.amazonaws.com", "sns.email.example.com"):
        assert _endpoints.match(host, 443) is None, host
