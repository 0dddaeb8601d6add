"""Which hosts are SES: botocore's endpoint data, and the endpoints a user configured.

The urllib3 path (``_http``) answers requests to these hosts; the safety net (``_net``)
refuses any other way of reaching them. Nothing here is typed by hand from AWS's pages
but the SMTP hosts, which botocore does not know.

- AWS hosts: every URL the ``ses`` and ``sesv2`` endpoint rule sets can produce
  (``email.{Region}.{dnsSuffix}``, ``email-fips...``, the dual-stack suffixes, the v2
  multi-region ``{EndpointId}.endpoints.email...``), for the DNS suffixes of every
  partition in botocore's ``partitions.json`` (China, GovCloud, ISO, EUSC included).
- Custom endpoints: ``AWS_ENDPOINT_URL_SES``, ``AWS_ENDPOINT_URL_SESV2`` and the
  ``endpoint_url`` of ``ses``/``sesv2`` in the config file's ``services`` section, as
  botocore reads them. The variables are read at each check (a test may set them after
  the fake starts), the config file when the first fake starts.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import urlsplit

SERVICES = ("ses", "sesv2")
# Every SES host botocore can produce has this label in it (checked by a test); hosts
# without it skip the patterns, so other traffic never pays for loading the data.
_MARK = "email"
# SES's SMTP interface (AWS General Reference, "Amazon Simple Email Service endpoints and
# quotas", SMTP endpoints: email-smtp.us-east-1.amazonaws.com, email-smtp-fips....).
_SMTP_TEMPLATES = ("email-smtp.{Region}.{PartitionResult#dnsSuffix}",
                   "email-smtp-fips.{Region}.{PartitionResult#dnsSuffix}")
# The v2 global (multi-region) endpoint hosts, as botocore's sesv2 rule set builds them for
# SendEmail/SendBulkEmail with EndpointId ("https://abc123.456def.endpoints.email.amazonaws.com":
# the rule set's own tests, e.g. aws-sdk-ruby's sesv2 endpoint provider spec). Read from the
# rule set like the others; kept here too so that a botocore older than the feature
# (before 1.35.78, December 2024) still knows them for hand-signed requests and the safety net.
_GLOBAL_TEMPLATES = ("{EndpointId}.endpoints.email.{PartitionResult#dnsSuffix}",
                     "{EndpointId}.endpoints.email.global.{PartitionResult#dualStackDnsSuffix}")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Endpoint(NamedTuple):
    """An SES host a request is addressed to.

    ``region`` is the region the host names (None for a custom endpoint or a v2
    multi-region endpoint); ``base_path`` the path of a custom endpoint URL, which SES's
    paths follow; ``smtp`` marks SES's SMTP interface, which fakeses does not serve;
    ``endpoint_id`` the id of a v2 multi-region endpoint's host.
    """

    host: str
    region: str | None = None
    base_path: str = ""
    smtp: bool = False
    endpoint_id: str | None = None


def match(host: object, port: object = None) -> Endpoint | None:
    """The SES endpoint at ``host`` and ``port``, or None for other hosts.

    Without a port, only AWS's own SES hosts match.
    """
    name = _host_text(host)
    if not name:
        return None
    if _MARK in name:
        for pattern, smtp in _patterns():
            found = pattern.fullmatch(name)
            if found:
                groups = found.groupdict()
                return Endpoint(name, groups.get("region"), "", smtp, groups.get("endpoint_id"))
    wanted = port_number(port)
    if wanted is None:
        # A custom endpoint is a host *and* a port (often localhost): a lookup of the host
        # alone may be for anything else there.
        return None
    for configured in custom_endpoints():
        if configured.host == name and wanted == configured.port:
            return Endpoint(name, None, configured.path)
    return None


class Configured(NamedTuple):
    host: str
    port: int | None
    path: str


def custom_endpoints() -> list[Configured]:
    """The endpoints configured for SES, from the environment and the config file."""
    urls = [os.environ.get("AWS_ENDPOINT_URL_SES"), os.environ.get("AWS_ENDPOINT_URL_SESV2")]
    urls += _config_file_urls()
    found = []
    for url in urls:
        if not url:
            continue
        try:
            parts = urlsplit(url.strip())
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
        except ValueError:
            continue  # botocore refuses such a URL itself
        if parts.hostname:
            found.append(Configured(parts.hostname.lower().rstrip("."), port, parts.path.rstrip("/")))
    return found


def _host_text(host: object) -> str:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return ""
    return host.strip().strip("[]").lower().rstrip(".")


def port_number(port: object) -> int | None:
    if isinstance(port, int):
        return port
    if isinstance(port, (str, bytes)):
        text = port.decode("ascii", "replace") if isinstance(port, bytes) else port
        if text.isdigit():
            return int(text)
        return _DEFAULT_PORTS.get(text.lower())  # getaddrinfo takes service names too
    return None


# -- botocore's endpoint data ----------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[re.Pattern[str], bool], ...]:
    from botocore.loaders import create_loader

    loader = create_loader()
    suffixes: dict[str, set[str]] = {}
    for partition in loader.load_data("partitions")["partitions"]:
        for key, value in partition["outputs"].items():
            if key.endswith("DnsSuffix") or key == "dnsSuffix":
                suffixes.setdefault(key, set()).add(value)
    found = []
    for template in sorted(host_templates() | set(_GLOBAL_TEMPLATES)):
        found.append((_compile(template, suffixes), False))
    for template in _SMTP_TEMPLATES:
        found.append((_compile(template, suffixes), True))
    return tuple(found)


def host_templates() -> set[str]:
    """The hosts of every endpoint URL in the ses and sesv2 rule sets, as templates."""
    from botocore.loaders import create_loader

    loader = create_loader()
    templates = set()
    for service in SERVICES:
        for url in _urls(loader.load_service_model(service, "endpoint-rule-set-1")):
            # Not urlsplit: "{PartitionResult#dnsSuffix}" would read as a fragment.
            templates.add(url.partition("://")[2].partition("/")[0])
    return templates


def _urls(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        endpoint = node.get("endpoint")
        if isinstance(endpoint, dict) and isinstance(endpoint.get("url"), str):
            yield endpoint["url"]  # a {"ref": "Endpoint"} is the user's own: custom_endpoints()
        for value in node.values():
            yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)


def _compile(template: str, suffixes: dict[str, set[str]]) -> re.Pattern[str]:
    parts = []
    position = 0
    for placeholder in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position:placeholder.start()]))
        name = placeholder.group(1)
        if name == "Region":
            parts.append(r"(?P<region>[a-z0-9-]+)")
        elif name.startswith("PartitionResult#") and name.partition("#")[2] in suffixes:
            choices = sorted(suffixes[name.partition("#")[2]], key=len, reverse=True)
            parts.append("(?:" + "|".join(re.escape(choice) for choice in choices) + ")")
        elif name == "EndpointId":
            parts.append(r"(?P<endpoint_id>[a-z0-9-]+(?:\.[a-z0-9-]+)*)")
        else:  # a parameter a later botocore adds: any labels
            parts.append(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")
        position = placeholder.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts))


# -- the config file's services section ---------------------------------------------------------
# Read once per (file, profile) while fakes are active: a failed stat alone costs more than
# the rest of a check, and every connection of the process is checked. forget() (on the
# first fake's entry) reads it afresh.
_config_cache: dict[tuple[str, str], list[str]] = {}


def forget() -> None:
    """Read the config file again at the next check."""
    _config_cache.clear()


def _config_file_urls() -> list[str]:
    """``endpoint_url`` of ses and sesv2 in the profile's services section, if any."""
    key = (os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config",
           os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or "default")
    urls = _config_cache.get(key)
    if urls is None:
        urls = _config_cache[key] = _read_config(os.path.expanduser(key[0]), key[1])
    return urls


def _read_config(path: str, profile: str) -> list[str]:
    from botocore.configloader import load_config

    if not os.path.isfile(path):
        return []
    try:
        config = load_config(path)
        section = config.get("profiles", {}).get(profile, {}).get("services")
        services = config.get("services", {}).get(section, {}) if section else {}
        urls = [services.get(name, {}).get("endpoint_url") for name in SERVICES]
    except Exception:  # a config file botocore cannot read: botocore will say so itself
        return []
    return [url for url in urls if isinstance(url, str)]
