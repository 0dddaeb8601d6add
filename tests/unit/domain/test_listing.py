"""What the list operations page through: every store answers pages from one snapshot,
taken again only when an item is added or removed, so paging through N items is linear."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from fakeses.domain.configuration_sets import ConfigurationSets
from fakeses.domain.identities import DOMAIN, EMAIL, Identities
from fakeses.domain.pages import page
from fakeses.domain.templates import Templates


class CountingDict(dict):  # type: ignore[type-arg]
    """A dict that counts the walks over its values (each costs O(N))."""

    walks = 0

    def values(self) -> Any:
        type(self).walks += 1
        return super().values()


def all_pages(fetch: Callable[[Any], tuple[list[Any], Any]]) -> list[Any]:
    items, token = fetch(None)
    while token:
        more, token = fetch(token)
        items += more
    return items


@pytest.fixture(autouse=True)
def _reset_count() -> None:
    CountingDict.walks = 0


def identities(n: int) -> Identities:
    store = Identities(auto_verify=True)
    for i in range(n):
        store.verify_email(f"user{i}@example.org") if i % 2 else store.verify_domain(f"d{i}.example.com")
    store._by_key = CountingDict(store._by_key)
    return store


def test_paging_through_identities_walks_the_store_once():
    store = identities(500)
    names = all_pages(lambda token: page(store.names(), token, 7))
    assert names == [i.name for i in store.listing()] and len(names) == 500
    listed = all_pages(lambda token: page(store.listing(), token, 7))
    emails = all_pages(lambda token: page(store.names(EMAIL), token, 7))
    assert (len(listed), len(emails)) == (500, 250)
    assert CountingDict.walks == 1


def test_an_identity_added_or_deleted_between_pages_is_seen_by_the_next_page():
    store = identities(4)
    first, token = page(store.names(), None, 2)
    store.verify_email("late@example.org")
    store.delete(first[0])
    rest, token = page(store.names(), token, 10)
    assert first + rest == ["d0.example.com", "user1@example.org", "user3@example.org", "late@example.org"]
    assert store.names(DOMAIN) == ("d2.example.com",)
    assert [i.name for i in store] == ["user1@example.org", "d2.example.com", "user3@example.org",
                                       "late@example.org"]


def test_deleting_an_unknown_identity_keeps_the_snapshot():
    store = identities(3)
    before = store.listing()
    assert store.delete("nobody@example.org") is False
    assert store.listing() is before


def templates(n: int) -> Templates:
    store = Templates()
    for i in range(n):
        store.create(f"t{i}", subject=f"s{i}", text=None, html=None)
    store._by_name = CountingDict(store._by_name)
    return store


def test_paging_through_templates_walks_the_store_once_and_sees_changes():
    store = templates(300)
    listed = all_pages(lambda token: store.page(token, 7))
    assert [t.name for t in listed] == [f"t{i}" for i in reversed(range(300))]
    assert CountingDict.walks == 1
    first, token = store.page(None, 2)
    store.create("t300", subject="s", text=None, html=None)
    store.delete("t298")
    assert [t.name for t in store.page(None, 3)[0]] == ["t300", "t299", "t297"]
    assert store.delete("missing") is False


def sets(n: int) -> ConfigurationSets:
    store = ConfigurationSets()
    for i in reversed(range(n)):
        store.create(f"set-{i:04d}")
    store._by_name = CountingDict(store._by_name)
    return store


def test_paging_through_configuration_sets_walks_the_store_once_and_sees_changes():
    store = sets(300)
    listed = all_pages(lambda token: store.page(token, 7))
    assert [s.name for s in listed] == [f"set-{i:04d}" for i in range(300)]
    assert CountingDict.walks == 1
    store.create("set-0000a")
    store.delete("set-0001")
    assert [s.name for s in store.page(None, 3)[0]] == ["set-0000", "set-0000a", "set-0002"]
