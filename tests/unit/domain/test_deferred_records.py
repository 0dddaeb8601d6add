"""World.defer: records made when the record is first read take their places in order, and
are not lost when making them fails (fakeses/domain/state.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from fakeses.domain.events import SEND, made
from fakeses.domain.messages import SentMessage
from fakeses.domain.state import Options, World

AT = dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc)


def _message(message_id: str) -> SentMessage:
    return SentMessage(message_id=message_id, operation="SendBulkEmail", service="sesv2", region="us-east-1",
                       account_id="123456789012", source="me@example.com", to=["a@example.org"], cc=[], bcc=[],
                       destinations=["a@example.org"], reply_to=[], subject="s", sent_at=AT)


class Maker:
    """Makes deferred messages when read; the first ``fail`` times it is asked to, it raises."""

    def __init__(self, fail: int = 0) -> None:
        self.fail, self.made = fail, []

    def __call__(self, message_id):
        if self.fail:
            self.fail -= 1
            raise RuntimeError("a bug of ours")
        self.made.append(message_id)
        message = _message(message_id)
        return message, [made(SEND, message, AT)]


def test_deferred_records_are_made_once_at_the_first_read_and_keep_their_place():
    world, make = World(Options()), Maker()
    maker = world.maker(make)
    world.defer((maker, "m1"))
    world.defer((maker, "m2"))
    world.record(_message("m3"))  # recorded after the deferred ones: they take their places first
    world.defer((maker, "m4"))
    assert make.made == ["m1", "m2"]
    assert [m.message_id for m in world.sent] == ["m1", "m2", "m3", "m4"]
    assert [e.message.message_id for e in world.events] == ["m1", "m2", "m4"]
    assert world.message("m4") is world.sent[3]
    assert [e.type for e in world.events_about("m2")] == [SEND]
    assert make.made == ["m1", "m2", "m4"]


def test_a_record_that_fails_to_be_made_stays_until_it_is():
    world = World(Options())
    world.defer((world.maker(Maker()), "m1"))
    world.defer((world.maker(Maker(fail=1)), "m2"))
    with pytest.raises(RuntimeError):
        world.sent
    assert [m.message_id for m in world.sent] == ["m1", "m2"]  # nothing lost, nothing twice


def test_clear_forgets_deferred_records_too():
    world = World(Options())
    world.defer((world.maker(Maker()), "m1"))
    world.clear()
    assert world.sent == [] and world.events == []
