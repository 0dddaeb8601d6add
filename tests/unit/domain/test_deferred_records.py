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


class Group:
    """Deferred messages, made when read; ``fail`` times making them raises first."""

    def __init__(self, *ids: str, fail: int = 0) -> None:
        self.ids, self.fail, self.made = ids, fail, 0

    def records(self):
        if self.fail:
            self.fail -= 1
            raise RuntimeError("a bug of ours")
        self.made += 1
        for message_id in self.ids:
            message = _message(message_id)
            yield message, [made(SEND, message, AT)]


def test_deferred_records_are_made_once_at_the_first_read_and_keep_their_place():
    world = World(Options())
    first, second = Group("m1", "m2"), Group("m4")
    world.defer(first)
    world.record(_message("m3"))  # recorded after the deferred ones: they take their places first
    world.defer(second)
    assert first.made == 1 and second.made == 0
    assert [m.message_id for m in world.sent] == ["m1", "m2", "m3", "m4"]
    assert [e.message.message_id for e in world.events] == ["m1", "m2", "m4"]
    assert world.message("m4") is world.sent[3]
    assert [e.type for e in world.events_about("m2")] == [SEND]
    assert (first.made, second.made) == (1, 1)


def test_a_group_whose_records_fail_to_be_made_stays_until_they_are():
    world = World(Options())
    world.defer(Group("m1"))
    world.defer(Group("m2", fail=1))
    with pytest.raises(RuntimeError):
        world.sent
    assert [m.message_id for m in world.sent] == ["m1", "m2"]  # nothing lost, nothing twice


def test_clear_forgets_deferred_records_too():
    world = World(Options())
    world.defer(Group("m1"))
    world.clear()
    assert world.sent == [] and world.events == []
