"""fakeses.domain._records.quick_init: a frozen record made without a call per field is the
record the dataclass would have made, and as frozen."""
from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from typing import Any, Optional

import pytest

from fakeses.domain._records import quick_init
from fakeses.domain.messages import SentMessage


def _sample() -> Any:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Record:
        name: str
        items: list[str]
        note: Optional[str] = None
        tags: dict[str, str] = dataclasses.field(default_factory=dict)
        _seen: list[str] = dataclasses.field(default_factory=list, init=False, repr=False, compare=False)

    return Record


def test_a_quick_record_equals_the_dataclass_made_one_with_fresh_defaults_and_stays_frozen() -> None:
    plain = _sample()
    quick = quick_init(_sample())
    assert str(inspect.signature(quick.__init__)) == str(inspect.signature(plain.__init__))
    made = quick("a", ["x"], tags={"k": "v"})
    assert type(made) is quick
    assert repr(made).split("(", 1)[1] == repr(plain("a", ["x"], tags={"k": "v"})).split("(", 1)[1]
    assert (made.name, made.items, made.note, made.tags, made._seen) == ("a", ["x"], None, {"k": "v"}, [])
    assert made == quick("a", ["x"], None, {"k": "v"})
    first, second = quick("a", []), quick("a", [])
    assert first.tags is not second.tags and first._seen is not second._seen  # a factory per record
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        quick("a")  # type: ignore[call-arg]


def test_sent_message_is_made_quickly_and_reads_as_before() -> None:
    message = SentMessage(message_id="id", operation="SendEmail", service="ses", region="us-east-1",
                          account_id="123456789012", source="a@example.com", to=["b@example.com"], cc=[], bcc=[],
                          destinations=["b@example.com"], reply_to=[], subject="Hi",
                          sent_at=dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc))
    assert type(message) is SentMessage and message.tags == {} and message.delivered
    assert [f.name for f in dataclasses.fields(message)][:3] == ["message_id", "operation", "service"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.subject = "changed"  # type: ignore[misc]


def test_a_subclass_of_a_quick_record_is_made_the_dataclass_way() -> None:
    quick = quick_init(_sample())

    class Special(quick):  # type: ignore[valid-type,misc]
        __slots__ = ("extra",)

    made = Special("a", ["x"], tags={"k": "v"})
    assert type(made) is Special
    assert (made.name, made.items, made.note, made.tags, made._seen) == ("a", ["x"], None, {"k": "v"}, [])
    assert Special("a", []).tags == {}


def test_post_init_runs_and_an_init_var_is_refused() -> None:
    @quick_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            if not self.name:
                raise ValueError("name")

    assert Checked("a").name == "a"
    with pytest.raises(ValueError):
        Checked("")

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithInitVar:
        name: str
        seed: dataclasses.InitVar[int] = 0

        def __post_init__(self, seed: int) -> None:
            pass

    with pytest.raises(TypeError):
        quick_init(WithInitVar)
