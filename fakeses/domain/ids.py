"""Identifiers SES generates, in SES's formats."""
from __future__ import annotations

import base64
import collections
import hashlib
import os
import secrets

from . import clock

# The first four hex digits of a message id depend on the region. Recorded ids:
# us-east-1 0100 (AWS blog), us-west-2 0101 (ks888/LambStatus#97), eu-west-1 0102 (G48),
# eu-central-1 0107 (maevsi/vibetype#1755), ap-southeast-2 0108 (mail-tracker#163).
_REGION_PREFIX = {
    "us-east-1": "0100",
    "us-west-2": "0101",
    "eu-west-1": "0102",
    "eu-central-1": "0107",
    "ap-southeast-2": "0108",
}


def region_prefix(region: str) -> str:
    known = _REGION_PREFIX.get(region)
    if not known:
        # Unrecorded regions: a stable value of the same form.
        known = _REGION_PREFIX[region] = "01" + hashlib.sha1(region.encode()).hexdigest()[:2]
    return known


# The hex digit of byte 8's high half once the variant bits are set: (d & 0x3) | 0x8.
_VARIANT = {f"{d:x}": f"{(d & 0x3) | 0x8:x}" for d in range(16)}


# Random bytes are read from the OS 64 uuids at a time and written at once (a bulk send
# makes 50 ids; a read each cost more than the rest of making an id); deque.popleft is
# atomic, so threads never share one.
_drawn: collections.deque[str] = collections.deque()
if hasattr(os, "register_at_fork"):  # a forked process draws its own (POSIX)
    os.register_at_fork(after_in_child=_drawn.clear)


def _uuid4() -> str:
    """As str(uuid.uuid4()), without building a UUID object: 16 random bytes in hex, with
    the version digit (byte 6's high half) set to 4 and the variant bits of byte 8 set,
    the same bits uuid4 sets."""
    try:
        return _drawn.popleft()
    except IndexError:
        data = os.urandom(16 * 64).hex()
        made = [f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"
                for h in (data[i:i + 32] for i in range(0, len(data), 32))]
        _drawn.extend(made[1:])
        return made[0]


def message_id(region: str, when_ms: int | None = None) -> str:
    """``{4 hex}{12 hex epoch ms}-{uuid}-000000`` (fact F4: ids recorded from SES)."""
    if when_ms is None:
        when_ms = clock.now_ns() // 1_000_000
    # The region and time of the millisecond before, when it is the same (a bulk send
    # makes 50 ids in a few).
    global _last_head
    last_region, last_ms, head = _last_head
    if last_ms != when_ms or last_region != region:
        head = f"{_REGION_PREFIX.get(region) or region_prefix(region)}{when_ms:012x}-"
        _last_head = (region, when_ms, head)
    return f"{head}{_uuid4()}-000000"


_last_head: tuple[str, int, str] = ("", -1, "")


def request_id() -> str:
    return _uuid4()


def verification_token() -> str:
    """A domain verification token: 44 base64 characters, as VerifyDomainIdentity returns."""
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def dkim_tokens(count: int = 3) -> list[str]:
    """``count`` Easy DKIM tokens: 32 lowercase letters and digits 2-7 each (SES gives three).

    Base32 of 20 random bytes is exactly 32 characters of that alphabet, each equally
    likely; all the bytes come from one ``secrets`` call.
    """
    data = base64.b32encode(secrets.token_bytes(20 * count)).decode("ascii").lower()
    return [data[i:i + 32] for i in range(0, 32 * count, 32)]


def dkim_token() -> str:
    """One Easy DKIM token: 32 lowercase letters and digits (see :func:`dkim_tokens`)."""
    return dkim_tokens(1)[0]


def inbound_message_id() -> str:
    """SES's id of a received message: 40 characters of lowercase base32hex (recorded ids
    ``lts0ahe3tucqpoii4ji0g0u3u08nrpuk1g0p3bo1`` 2015, ``bsvpsoklfhu7u50iur7h0kk9a2ou0r7i...``
    2019: 0-9 and a-v only; older ids had 28)."""
    return base64.b32hexencode(secrets.token_bytes(25)).decode("ascii").lower()


def deliverability_report_id() -> str:
    """A predictive inbox placement test's ReportId. SES's format is not recorded
    anywhere we found: a random hex string of the length of SES's other opaque ids (?)."""
    return secrets.token_hex(16)


def campaign_id(*parts: str) -> str:
    """A Deliverability dashboard CampaignId: stable for the same campaign (its domain,
    sender and subject), so a listed id can be fetched again. Format not recorded (?)."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
_ENDPOINT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def endpoint_id() -> str:
    """A multi-region endpoint's id: 8 and 3 lowercase letters or digits, joined by a dot.

    Recorded forms: ``abcdef12.g3h`` (developer guide, global-endpoints.html) and
    ``bdm3x3zl.n5x`` (an AWS SDK for Kotlin test of SendEmail with an EndpointId).
    """
    chars = [_ENDPOINT_ALPHABET[b % 36] for b in secrets.token_bytes(11)]
    return "".join(chars[:8]) + "." + "".join(chars[8:])
def tenant_id() -> str:
    """A TenantId: ``tn-`` and 30 lowercase hex digits (floci PR #2644, verified against AWS)."""
    return "tn-" + secrets.token_hex(15)
