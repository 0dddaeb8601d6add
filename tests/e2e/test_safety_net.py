"""The safety net: while a fake is active, no path fakeses does not serve reaches SES.

http.client, urllib.request, asyncio (and aiohttp), smtplib and raw sockets must look an
SES host up or connect to it; fakeses refuses those calls with ``UnservedRequest`` before
the real function runs. Every name lookup and connection function is replaced by a spy
here (``network``): a refused request leaves it empty, a request to another host is
recorded there, untouched.
"""
from __future__ import annotations

import asyncio
import http.client
import pickle
import smtplib
import socket
import urllib.error
import urllib.request

import pytest

import fakeses
from fakeses import UnservedRequest

SES = "email.us-east-1.amazonaws.com"


class Blocked(AssertionError):
    pass


@pytest.fixture
def network(monkeypatch):
    """Spies in place of every function that resolves a name or connects: each records and fails."""
    calls: list[tuple[str, object]] = []

    def spy(name):
        def record(*args, **kwargs):
            calls.append((name, args[1] if name.startswith("socket.connect") else args[0] if args else kwargs))
            raise Blocked(f"test blocked {name}{args!r}")
        return record

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, spy(f"socket.{name}"))
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, spy(f"socket.{name}"))
    return calls


def test_http_client_to_ses_is_refused_before_any_lookup_or_connection(network):
    with fakeses.fakeses():
        connection = http.client.HTTPSConnection(SES)
        with pytest.raises(UnservedRequest) as refused:
            connection.request("POST", "/", body="Action=ListIdentities")

    assert (refused.value.host, refused.value.port) == (SES, 443)
    assert refused.value.via == "http.client -> socket.create_connection"
    assert str(refused.value) == (
        "fakeses refused an SES request to email.us-east-1.amazonaws.com:443 made through "
        "http.client -> socket.create_connection: while a fake is active, fakeses answers SES requests "
        "from botocore/boto3 clients and from requests or urllib3, and refuses every other way to SES. "
        "Send this request with one of those (see 'The safety net' in fakeses' docs/configuration.md)."
    )
    assert network == []


def test_urllib_request_to_ses_is_refused_with_the_reason_inside_its_url_error(network):
    with fakeses.fakeses():
        with pytest.raises(urllib.error.URLError) as failed:
            urllib.request.urlopen("https://email-fips.us-gov-west-1.amazonaws.com/?Action=ListIdentities")

    reason = failed.value.reason
    assert isinstance(reason, UnservedRequest)
    assert reason.via == "urllib.request -> http.client -> socket.create_connection"
    assert "fakeses refused an SES request to email-fips.us-gov-west-1.amazonaws.com:443" in str(failed.value)
    assert network == []


@pytest.mark.parametrize(("call", "via", "port"), [
    (lambda: socket.getaddrinfo(SES, 443), "socket.getaddrinfo", 443),
    (lambda: socket.getaddrinfo(host=SES.upper() + ".", port="https"), "socket.getaddrinfo", 443),
    (lambda: socket.gethostbyname(SES), "socket.gethostbyname", None),
    (lambda: socket.gethostbyname_ex(SES.encode()), "socket.gethostbyname_ex", None),
    (lambda: socket.create_connection((SES, 443), timeout=1), "socket.create_connection", 443),
    (lambda: socket.socket().connect((SES, 443)), "socket.socket.connect", 443),
    (lambda: socket.socket(socket.AF_INET6).connect_ex((SES, 443, 0, 0)), "socket.socket.connect_ex", 443),
])
def test_each_lookup_and_connection_function_refuses_an_ses_host(network, call, via, port):
    with fakeses.fakeses():
        with pytest.raises(UnservedRequest) as refused:
            call()

    assert (refused.value.host, refused.value.port, refused.value.via) == (SES, port, via)
    assert network == []


def test_asyncio_connections_are_refused_in_the_thread_that_resolves_names(network):
    async def connect():
        await asyncio.open_connection(SES, 443)

    with fakeses.fakeses():
        with pytest.raises(UnservedRequest) as refused:
            asyncio.run(connect())

    assert refused.value.via == (
        "socket.getaddrinfo in a thread pool (asyncio's loop.getaddrinfo, as aiohttp resolves)"
    )
    assert network == []


def test_aiohttp_requests_to_ses_are_refused_with_fakeses_reason(network):
    aiohttp = pytest.importorskip("aiohttp")

    async def post():
        async with aiohttp.ClientSession() as session:
            await session.post(f"https://{SES}/", data="Action=ListIdentities")

    with fakeses.fakeses():
        with pytest.raises(aiohttp.ClientConnectorError) as failed:
            asyncio.run(post())

    assert isinstance(failed.value.os_error, UnservedRequest)
    assert "fakeses refused an SES request to email.us-east-1.amazonaws.com:443" in str(failed.value)
    assert network == []


def test_smtp_to_ses_smtp_interface_is_refused_as_smtp(network):
    with fakeses.fakeses():
        with pytest.raises(UnservedRequest) as refused:
            smtplib.SMTP("email-smtp.eu-west-1.amazonaws.com", 587)

    assert refused.value.smtp is True
    assert str(refused.value) == (
        "fakeses refused a connection to SES's SMTP interface at email-smtp.eu-west-1.amazonaws.com:587 "
        "made through smtplib -> socket.create_connection: fakeses does not serve SMTP. While testing, "
        "send through the SES API (boto3, requests or urllib3), or point the SMTP client at a local server."
    )
    assert network == []


def test_a_custom_ses_endpoint_is_refused_on_its_port_only(network, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SES", "http://localhost:4566")
    with fakeses.fakeses():
        with pytest.raises(UnservedRequest):
            http.client.HTTPConnection("localhost", 4566).request("GET", "/?Action=ListIdentities")
        with pytest.raises(Blocked):  # another service on localhost
            http.client.HTTPConnection("localhost", 8000).request("GET", "/")
        with pytest.raises(Blocked):  # a lookup of the name alone may be for anything
            socket.gethostbyname("localhost")

    assert network == [("socket.create_connection", ("localhost", 8000)), ("socket.gethostbyname", "localhost")]


def test_other_hosts_go_on_to_the_functions_that_were_there(network):
    with fakeses.fakeses():
        with pytest.raises(Blocked):
            http.client.HTTPSConnection("example.org").request("GET", "/")
        with pytest.raises(Blocked):
            socket.getaddrinfo("sns.us-east-1.amazonaws.com", 443)
        with pytest.raises(Blocked):
            socket.socket().connect(("192.0.2.7", 25))

    assert network == [
        ("socket.create_connection", ("example.org", 443)),
        ("socket.getaddrinfo", "sns.us-east-1.amazonaws.com"),
        ("socket.connect", ("192.0.2.7", 25)),
    ]


def test_after_the_last_fake_exits_every_function_is_the_one_that_was_there(network):
    before = {name: getattr(socket, name) for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex",
                                                       "create_connection")}
    before.update({f"socket.{name}": getattr(socket.socket, name) for name in ("connect", "connect_ex")})

    def now():
        found = {name: getattr(socket, name) for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex",
                                                          "create_connection")}
        found.update({f"socket.{name}": getattr(socket.socket, name) for name in ("connect", "connect_ex")})
        return found

    with fakeses.fakeses():
        with fakeses.fakeses():
            assert all(now()[name] is not before[name] for name in before)
        assert all(now()[name] is not before[name] for name in before)
    assert now() == before
    with pytest.raises(Blocked):  # no fake: SES is no longer refused by fakeses
        http.client.HTTPSConnection(SES).request("GET", "/")
    assert network == [("socket.create_connection", (SES, 443))]


def test_a_function_wrapped_again_during_the_fake_keeps_that_wrapper_and_ours_goes_inert(network, monkeypatch):
    with fakeses.fakeses():
        ours = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: ours(*args, **kwargs))
        theirs = socket.getaddrinfo
    assert socket.getaddrinfo is theirs  # not taken from under whoever wrapped it
    with pytest.raises(Blocked):  # and fakeses' wrapper inside it refuses nothing now
        socket.getaddrinfo(SES, 443)
    assert network == [("socket.getaddrinfo", SES)]


def test_unserved_request_is_public_a_connection_refused_error_and_pickles():
    assert "UnservedRequest" in fakeses.__all__
    error = UnservedRequest(SES, 443, "http.client -> socket.create_connection")
    assert isinstance(error, ConnectionRefusedError)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.host, copy.port, copy.via) == (
        UnservedRequest, str(error), SES, 443, "http.client -> socket.create_connection")
