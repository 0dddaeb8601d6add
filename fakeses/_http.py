"""SES requests signed and sent by the application itself, through urllib3 (and requests).

Some clients build SES's wire requests by hand: apprise's ``ses://`` notifier signs a
query-protocol POST to ``https://email.<region>.amazonaws.com/`` and sends it with
requests. Every urllib3 request, whether from requests, a ``PoolManager`` or a
connection pool, passes through ``HTTPConnectionPool.urlopen`` (urllib3 1.26 and 2.x),
so fakeses wraps that method while a fake is active. A request to an SES host
(``_endpoints``) is answered there, through the same codecs and dispatcher as a
botocore client's, and never opens a connection; any other request goes on to urllib3
untouched.

The answer is a real ``urllib3.HTTPResponse`` over the body's bytes, so requests (which
reads ``.raw`` as a stream) and direct urllib3 users both read it as from the network.
Signatures are not checked: the Authorization header only names the region and, with a
12-digit access key id, the account.
"""
from __future__ import annotations

import http.client
import inspect
import io
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import _endpoints, _hook

_original: Callable[..., Any] | None = None
_wrapper: Callable[..., Any] | None = None
# "Credential=AKID/20261201/eu-west-1/ses/aws4_request" (SigV4), "AKID/20261201/ses/
# aws4_request" (SigV4a, no region); X-Amz-Credential in a presigned URL's query.
_CREDENTIAL = re.compile(r"Credential=([^,\s]+)")
_V2_PREFIX = "/v2/email/"
_signatures: dict[Any, inspect.Signature] = {}


def install() -> None:
    """Wrap ``HTTPConnectionPool.urlopen`` (a no-op without urllib3). Under ``_hook``'s lock."""
    global _original, _wrapper
    if _original is not None:
        return
    _endpoints.forget()
    try:
        from urllib3.connectionpool import HTTPConnectionPool
    except ImportError:
        return
    original = HTTPConnectionPool.urlopen
    signature = _signatures.get(original)
    if signature is None:  # read once per urllib3, not on every activation (it cost ~50 µs)
        signature = _signatures[original] = inspect.signature(original)

    def urlopen(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        # One read of the stack, as in _hook: another thread may end the last fake.
        top = _hook.stack[-1:]
        if top:
            endpoint = _target(self, url)
            link = None if endpoint is not None else _link_server(self, url)
            if endpoint is not None or link is not None:
                try:
                    bound = signature.bind(self, method, url, *args, **kwargs)
                except TypeError:  # urllib3 itself says what is wrong with the call
                    return original(self, method, url, *args, **kwargs)
                if endpoint is not None:
                    return _serve(top[0], endpoint, bound.arguments, self)
                if link is not None:
                    return link(top[0], bound.arguments, self)
        return original(self, method, url, *args, **kwargs)

    urlopen.__wrapped__ = original  # type: ignore[attr-defined]
    HTTPConnectionPool.urlopen = urlopen  # type: ignore[method-assign]
    _original, _wrapper = original, urlopen
    _install_responses()


def uninstall() -> None:
    """Put urllib3 back as it was, unless someone has wrapped it since (then ours stays inert)."""
    global _original, _wrapper
    if _original is None:
        return
    from urllib3.connectionpool import HTTPConnectionPool

    if HTTPConnectionPool.__dict__.get("urlopen") is _wrapper:
        HTTPConnectionPool.urlopen = _original  # type: ignore[method-assign]
    _original = _wrapper = None
    while _responses:
        owner, original, wrapper = _responses.pop()
        if owner.__dict__.get("_on_request") is wrapper:
            owner._on_request = original


# -- the `responses` library (moto's mock_aws) --------------------------------------------------
# A `responses` mock replaces requests' HTTPAdapter.send, so requests never reach urllib3
# while one is active; moto's mock_aws starts one that matches every AWS host and would
# answer SES itself (measured with moto 5.2: GetSendQuota gave moto's sandbox quota). While a
# fake is active, a request to an SES host takes the mock's own passthrough to the real
# send, and so to urllib3, where fakeses answers it: SES goes to fakeses, as it does for
# botocore clients under mock_aws. Patched only when `responses` is already imported.
_responses: list[tuple[Any, Any, Any]] = []


def _install_responses() -> None:
    mock_class = getattr(sys.modules.get("responses"), "RequestsMock", None)
    original = getattr(mock_class, "__dict__", {}).get("_on_request")
    if original is None:
        return

    def _on_request(self: Any, adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        send = getattr(self, "_real_send", None)
        if _hook.stack[-1:] and send is not None and _ses_url(getattr(request, "url", None)):
            kwargs.pop("retries", None)  # responses' own option, not the adapter's
            return send(adapter, request, **kwargs)
        return original(self, adapter, request, *args, **kwargs)

    mock_class._on_request = _on_request  # type: ignore[union-attr]
    _responses.append((mock_class, original, _on_request))


def _ses_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if any(pattern.fullmatch(host) for pattern, _ in _LINKS):
        return True
    endpoint = _endpoints.match(parts.hostname, port)
    return endpoint is not None and not endpoint.smtp


def _target(pool: Any, url: str) -> _endpoints.Endpoint | None:
    """The SES endpoint a pool's request goes to; an absolute URL (HTTP proxy) wins."""
    host, port = getattr(pool, "host", None), getattr(pool, "port", None)
    if isinstance(url, str) and "://" in url:
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return None
    if port is None:
        port = 443 if getattr(pool, "scheme", "") == "https" else 80
    return _endpoints.match(host, port)


def _serve(world: Any, endpoint: _endpoints.Endpoint, arguments: Mapping[str, Any], pool: Any) -> Any:
    from ._dispatch import handle
    from .protocols import Request

    method = str(arguments["method"]).upper()
    url = str(arguments["url"])
    if "://" in url:
        parts = urlsplit(url)
        url = parts.path + ("?" + parts.query if parts.query else "")
    if not url.startswith("/"):
        url = "/" + url
    if endpoint.base_path and (url == endpoint.base_path or url.startswith(endpoint.base_path + "/")
                               or url.startswith(endpoint.base_path + "?")):
        url = url[len(endpoint.base_path):] or "/"
        if url.startswith("?"):
            url = "/" + url
    headers = _headers(arguments.get("headers"), pool)
    body = _body(arguments.get("body"))
    access_key, scope_region = _credential(headers, url)
    service = "sesv2" if url.startswith(_V2_PREFIX) else "ses"
    region = endpoint.region or scope_region or world.options.region
    account_id, principal = _hook.caller_of(world, access_key)
    request = Request(method=method, path=url, query={}, headers=headers, body=body)
    response = handle(world, service, account_id, region, request, principal=principal)
    return _response(arguments, response.status, response.headers, response.body, _full_url(pool, str(arguments["url"])))


def _response(arguments: Mapping[str, Any], status: int, headers: Mapping[str, str], body: bytes, url: str) -> Any:
    """A real ``urllib3.HTTPResponse`` over ``body``, read as the caller's urlopen asked."""
    from urllib3.response import HTTPResponse

    # urllib3 1.26 takes preload_content/decode_content through **response_kw.
    options = dict(arguments.get("response_kw") or {})
    return HTTPResponse(
        body=io.BytesIO(body),
        headers=headers,
        status=status,
        version=11,
        reason=http.client.responses.get(status, ""),
        preload_content=arguments.get("preload_content", options.get("preload_content", True)),
        decode_content=arguments.get("decode_content", options.get("decode_content", True)),
        request_method=str(arguments["method"]).upper(),
        request_url=url,
    )


# -- the links of custom verification emails -------------------------------------------------
# A GET of a link SES put in a custom verification email (fakeses/domain/custom_verification.py)
# is answered here as SES's page answers the browser: a redirect (302) to the template's
# success or failure URL, after verifying the address. A client that follows redirects then
# goes on to that URL, which fakeses does not serve.
_VERIFICATION = re.compile(r"email-verification\.[a-z0-9-]+\.amazonaws\.com")


def _serve_verification(world: Any, arguments: Mapping[str, Any], pool: Any) -> Any:
    from .domain import custom_verification

    url = _full_url(pool, str(arguments["url"]))
    found = custom_verification.parse_link(url)
    status, headers, body = 404, {"Content-Type": "text/plain"}, b"No such verification link was sent by fakeses.\n"
    if found is not None:
        region, account_id, token = found
        backend = world.backend(account_id, region)
        with backend.lock:
            try:
                redirect, _ = custom_verification.follow(backend, token)
            except KeyError:
                redirect = None
        if redirect is not None:
            status, headers, body = 302, {"Location": redirect, "Content-Length": "0"}, b""
    return _response(arguments, status, headers, body, url)


# -- the unsubscribe links of list-managed messages ------------------------------------------
# A POST (the one-click request RFC 8058 has a mail client make from List-Unsubscribe-Post)
# or a GET of the link SES put in a list-managed message (fakeses/domain/contacts.py) is
# answered here: the contact opts out, SES reports a Subscription event, and the answer is
# 200 with a short page. SES's own page and answer are not recorded (?); that a GET opts out
# too, without a confirmation step, is fakeses' choice for tests (?).
_UNSUBSCRIBE = re.compile(r"unsubscribe\.[a-z0-9-]+\.amazonses\.com")


def _serve_unsubscribe(world: Any, arguments: Mapping[str, Any], pool: Any) -> Any:
    from .domain import contacts

    url = _full_url(pool, str(arguments["url"]))
    try:
        contacts.follow(world, url)
        status, body = 200, b"You have been unsubscribed.\n"
    except ValueError as error:
        status, body = 404, f"{error}\n".encode()
    headers = {"Content-Type": "text/plain", "Content-Length": str(len(body))}
    return _response(arguments, status, headers, body, url)


# The hosts of the links above, each with the function that answers it.
_LINKS: tuple[tuple[re.Pattern[str], Callable[[Any, Mapping[str, Any], Any], Any]], ...] = (
    (_VERIFICATION, _serve_verification), (_UNSUBSCRIBE, _serve_unsubscribe))


def _link_host(pool: Any, url: str) -> str | None:
    """The (lower-cased) host a pool's request goes to; an absolute URL (HTTP proxy) wins."""
    host = getattr(pool, "host", None)
    if isinstance(url, str) and "://" in url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
    return host.lower() if isinstance(host, str) else None


def _link_server(pool: Any, url: str) -> Callable[[Any, Mapping[str, Any], Any], Any] | None:
    """The function answering a request of a link SES put in a message, if it is one."""
    host = _link_host(pool, url)
    if host is not None:
        for pattern, server in _LINKS:
            if pattern.fullmatch(host):
                return server
    return None


def _full_url(pool: Any, url: str) -> str:
    if "://" in url:
        return url
    scheme, host, port = getattr(pool, "scheme", "https"), getattr(pool, "host", ""), getattr(pool, "port", None)
    default = port is None or port == {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}{'' if default else f':{port}'}{url}"


def _headers(given: Any, pool: Any) -> dict[str, str]:
    if given is None:
        given = getattr(pool, "headers", None) or {}
    headers: dict[str, str] = {}
    items = given.items() if hasattr(given, "items") else ()
    for key, value in items:
        key = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        value = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        headers[key] = value
    return headers


def _body(body: Any) -> bytes:
    """The request body as bytes, whatever urllib3 accepts: bytes, text, a file, chunks."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        return _body(body.read())
    if isinstance(body, Iterable):
        return b"".join(_body(chunk) for chunk in body)
    return str(body).encode("utf-8")


def _credential(headers: Mapping[str, str], url: str) -> tuple[str | None, str | None]:
    """Access key id and region of the request's SigV4 credential scope, where readable."""
    text = next((value for key, value in headers.items() if key.lower() == "authorization"), "")
    found = _CREDENTIAL.search(text)
    scope = found.group(1) if found else None
    if scope is None and "X-Amz-Credential" in url:
        values = parse_qs(url.partition("?")[2]).get("X-Amz-Credential")
        scope = values[0] if values else None
    if not scope:
        return None, None
    parts = scope.split("/")
    if len(parts) == 5:  # key / date / region / service / aws4_request
        return parts[0], parts[2] or None
    return parts[0] or None, None
