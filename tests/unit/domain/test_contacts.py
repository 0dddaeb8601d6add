"""Contact lists in the domain: ListContacts' filter and pages against an oracle, the
X-SES-LIST-MANAGEMENT-OPTIONS header, the unsubscribe link, and who a send withholds."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import contacts
from fakeses.domain.contacts import OPT_IN, OPT_OUT, ContactList, ListManagement, Topic
from fakeses.domain.state import Options, World

TOPICS = [Topic("a", "A", OPT_IN), Topic("b", "B", OPT_OUT)]
statuses = st.sampled_from([OPT_IN, OPT_OUT])
people = st.dictionaries(
    st.from_regex(r"[a-e]{1,3}@example\.org", fullmatch=True),
    st.tuples(st.dictionaries(st.sampled_from(["a", "b"]), statuses), st.booleans()),
    max_size=12,
)


def _list(people: dict[str, tuple[dict[str, str], bool]]) -> ContactList:
    found = ContactList("news", list(TOPICS))
    for email, (preferences, everything) in people.items():
        found.put_contact(email, topic_preferences=preferences, unsubscribe_all=everything)
    return found


def _oracle(people: dict[str, tuple[dict[str, str], bool]], status: str | None, topic: str | None,
            use_default: bool) -> list[str]:
    defaults = {t.name: t.default_status for t in TOPICS}
    out = []
    for email in sorted(people):
        preferences, everything = people[email]
        if topic is None:
            keep = status is None or everything == (status == OPT_OUT)
        else:
            value = preferences.get(topic, defaults[topic] if use_default else None)
            keep = value is not None and (status is None or value == status)
        if keep:
            out.append(email)
    return out


@budget(60)
@given(people=people, status=st.none() | statuses, topic=st.none() | st.sampled_from(["a", "b"]),
       use_default=st.booleans(), size=st.integers(1, 5))
def test_filtered_pages_read_back_what_the_oracle_keeps(people, status, topic, use_default, size):
    found = _list(people)
    kept = found.filtered(status, topic, use_default)
    assert [c.email for c in kept] == _oracle(people, status, topic, use_default)
    seen, token = [], None
    while True:
        page, token = contacts.page_contacts(kept, token, size)
        assert len(page) <= size
        seen += [c.email for c in page]
        if token is None:
            break
    assert seen == [c.email for c in kept]


@budget(60)
@given(people=people, topic=st.none() | st.sampled_from(["a", "b"]))
def test_a_send_withholds_exactly_who_opted_out(people, topic):
    found = _list(people)
    for email, (preferences, everything) in people.items():
        expected = everything or (topic is not None and preferences.get(topic, {"a": OPT_IN, "b": OPT_OUT}[topic])
                                  == OPT_OUT)
        assert contacts.opted_out(found, found.contact(email), topic) is expected


@pytest.mark.parametrize(("header", "expected"), [
    ("news; topic=weekly", ListManagement("news", "weekly")),
    ("news", ListManagement("news", None)),
    (" news ;topic= weekly ", ListManagement("news", "weekly")),
    ("contactListName=news; topicName=weekly", ListManagement("news", "weekly")),
    ("", ListManagement("", None)),
])
def test_the_list_management_header_is_read(header, expected):
    assert contacts.parse_header(header) == expected


def test_the_unsubscribe_link_carries_who_and_where():
    backend = World(Options()).backend("123456789012", "eu-west-1")
    url = contacts.unsubscribe_url(backend, "news", "weekly", "ann@example.org")
    assert url.startswith("https://unsubscribe.eu-west-1.amazonses.com/v1/") and "=" not in url
    assert contacts.parse_url(url) == ("eu-west-1", "123456789012", "news", "weekly", "ann@example.org")
    assert contacts.parse_url(f"<{url}>") == contacts.parse_url(url)
    assert contacts.parse_url("https://unsubscribe.eu-west-1.amazonses.com/v1/garbage") is None
    assert contacts.links_in(f"see {url} now") == [url]


def test_put_contact_replaces_and_update_merges():
    found = ContactList("news", list(TOPICS))
    found.put_contact("Ann@Example.org", topic_preferences={"a": OPT_OUT}, attributes="x")
    assert found.contact("ann@example.org").email == "Ann@Example.org"  # found in any case (?)
    found.update_contact("ann@example.org", topic_preferences={"b": OPT_IN})
    contact = found.contact("ann@example.org")
    assert contact.topic_preferences == {"a": OPT_OUT, "b": OPT_IN} and contact.attributes is None
    found.put_contact("ann@example.org")
    assert found.contact("ann@example.org").topic_preferences == {}
    with pytest.raises(contacts.UnknownTopic):
        found.put_contact("bob@example.org", topic_preferences={"z": OPT_IN})
