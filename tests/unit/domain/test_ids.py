"""Identifiers SES generates: formats, and where their randomness comes from."""
from __future__ import annotations

import os
import re

import pytest

from fakeses.domain import ids

DKIM_TOKEN = re.compile(r"[a-z2-7]{32}")  # G17: as recorded Easy DKIM tokens
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def test_dkim_tokens_are_32_characters_of_the_base32_alphabet():
    tokens = [t for _ in range(200) for t in ids.dkim_tokens(3)]
    assert all(DKIM_TOKEN.fullmatch(token) for token in tokens)
    assert len(set(tokens)) == len(tokens)
    # Every character of the alphabet turns up in every position (600 tokens: a miss
    # has a chance of about 32 * 32 * (31/32)**600, below 1e-5).
    for position in range(32):
        assert {token[position] for token in tokens} == set(ALPHABET)


def test_the_three_dkim_tokens_of_a_domain_come_from_one_secrets_call(monkeypatch):
    calls = []
    real = ids.secrets.token_bytes

    def counted(n):
        calls.append(n)
        return real(n)

    monkeypatch.setattr(ids.secrets, "token_bytes", counted)
    assert len(ids.dkim_tokens(3)) == 3
    assert calls == [60]


def test_one_dkim_token_has_the_same_format():
    assert DKIM_TOKEN.fullmatch(ids.dkim_token())


def _uuid4_by_bytes(data: bytes) -> str:
    """str(uuid.UUID(bytes=data, version=4)): the bits uuid4 sets, set on ``data``."""
    import uuid

    return str(uuid.UUID(bytes=data, version=4))


def test_a_uuid4_is_the_random_bytes_with_the_version_and_variant_bits_set(monkeypatch):
    import os

    for data in [bytes(16), b"\xff" * 16, bytes(range(16)), *(os.urandom(16) for _ in range(500))]:
        monkeypatch.setattr(ids, "_drawn", ids.collections.deque())  # nothing drawn before
        monkeypatch.setattr(ids.os, "urandom", lambda n, data=data: data * (n // 16))
        assert ids._uuid4() == _uuid4_by_bytes(data)


def test_random_bytes_are_read_64_ids_at_a_time_and_never_given_twice(monkeypatch):
    import os

    reads, urandom = [], os.urandom
    monkeypatch.setattr(ids, "_drawn", ids.collections.deque())
    monkeypatch.setattr(ids.os, "urandom", lambda n: reads.append(n) or urandom(n))
    made = [ids._uuid4() for _ in range(130)]
    assert reads == [1024, 1024, 1024]
    assert len(set(made)) == 130


def test_a_message_id_is_the_region_the_time_and_a_uuid4(monkeypatch):
    monkeypatch.setattr(ids, "_uuid4", lambda: "01234567-89ab-4def-8123-456789abcdef")
    expected = "-".join(["0102018bcfe56800", "01234567", "89ab", "4def", "8123", "456789abcdef", "000000"])
    assert ids.message_id("eu-west-1", 1_700_000_000_000) == expected
    assert ids.message_id("us-east-1", 1_700_000_000_000).startswith("0100018bcfe56800-")
    assert ids.message_id("xx-test-9", 0)[:4] == ids.region_prefix("xx-test-9")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_a_forked_process_draws_its_own_uuids():
    ids.request_id()  # the parent holds drawn uuids
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.write(write, ids.request_id().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 100).decode()
    assert child != ids.request_id()
