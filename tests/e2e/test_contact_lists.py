"""Contact lists, topics and contacts through boto3 (v2).

Each answer is held to the output shape and each error to the operation's declared errors
(tests/e2e/conftest.py). SES's texts and rules, with their sources, are in
fakeses/domain/contacts.py (floci-io/floci PRs #1638 and #1723, probed against SES).
"""
from __future__ import annotations

import datetime as dt

import pytest
from support.clients import body, refusal

WEEKLY = {"TopicName": "weekly", "DisplayName": "Weekly news", "DefaultSubscriptionStatus": "OPT_IN"}
OFFERS = {"TopicName": "offers", "DisplayName": "Offers", "Description": "Sales and coupons",
          "DefaultSubscriptionStatus": "OPT_OUT"}


@pytest.fixture
def news(v2, ses_backend):
    v2.create_contact_list(ContactListName="news", Description="Our news", Topics=[WEEKLY, OFFERS],
                           Tags=[{"Key": "team", "Value": "growth"}])
    return "news"


# -- contact lists -----------------------------------------------------------------------------

def test_a_contact_list_reads_back_with_its_topics_tags_and_times(v2, news, ses_backend):
    got = body(v2.get_contact_list(ContactListName=news))
    created = got.pop("CreatedTimestamp")
    assert got.pop("LastUpdatedTimestamp") == created
    assert isinstance(created, dt.datetime)
    assert got == {"ContactListName": "news", "Description": "Our news", "Topics": [WEEKLY, OFFERS],
                   "Tags": [{"Key": "team", "Value": "growth"}]}
    assert ses_backend.backend().contact_lists.require("news").tags == [("team", "growth")]


def test_one_contact_list_per_account_and_region(v2, news):
    # floci PR #1638, probed: the limit answers a second list, of any name, before "already exists".
    for name in ("other", "news"):
        assert refusal(v2.create_contact_list, ContactListName=name) == (
            400, "BadRequestException", "A maximum of 1 Lists allowed per account.")


def test_each_region_has_its_own_contact_list(news, ses_backend):
    from support.clients import client

    west = client("sesv2", region="eu-west-1")
    west.create_contact_list(ContactListName="news-eu")
    assert [c["ContactListName"] for c in west.list_contact_lists()["ContactLists"]] == ["news-eu"]


def test_an_unknown_contact_list_is_not_found(v2, ses_backend):
    message = "List with name: nope doesn't exist."
    for call in (v2.get_contact_list, v2.delete_contact_list, v2.list_contacts):
        assert refusal(call, ContactListName="nope") == (404, "NotFoundException", message)
    assert refusal(v2.update_contact_list, ContactListName="nope", Description="x") == (
        404, "NotFoundException", message)


@pytest.mark.parametrize(("changes", "message"), [
    ({"ContactListName": "bad name"}, "ContactListName can contain up to 64 characters. Only alphanumeric "
                                      "characters, underscores(_) and hyphens(-) are allowed."),
    ({"ContactListName": "x" * 65}, "ContactListName can contain up to 64 characters. Only alphanumeric "
                                    "characters, underscores(_) and hyphens(-) are allowed."),
    ({"Topics": [dict(WEEKLY, TopicName=f"t{i}") for i in range(21)]}, "Maximum of <20> topics allowed per ContactList"),
    ({"Topics": [WEEKLY, WEEKLY]}, "Duplicate topic names are not allowed within a List."),
    ({"Topics": [dict(WEEKLY, TopicName="a b")]}, "TopicName can contain up to 64 characters. Only alphanumeric "
                                                   "characters, underscores(_) and hyphens(-) are allowed."),
    ({"Topics": [dict(WEEKLY, DisplayName="d" * 129)]}, "Topic DisplayName can contain up to <128> characters."),
    ({"Description": "d" * 501}, "List description can contain up to 500 characters."),
])
def test_a_bad_contact_list_is_refused_with_ses_text(v2, ses_backend, changes, message):
    params = dict({"ContactListName": "news"}, **changes)
    assert refusal(v2.create_contact_list, **params) == (400, "BadRequestException", message)


def test_twenty_topics_are_allowed(v2, ses_backend):
    v2.create_contact_list(ContactListName="news", Topics=[dict(WEEKLY, TopicName=f"t{i}") for i in range(20)])
    assert len(v2.get_contact_list(ContactListName="news")["Topics"]) == 20


def test_update_replaces_the_topics_and_keeps_what_it_does_not_name(v2, news, ses_backend):
    v2.update_contact_list(ContactListName=news, Topics=[OFFERS])
    got = v2.get_contact_list(ContactListName=news)
    assert got["Topics"] == [OFFERS] and got["Description"] == "Our news"
    v2.update_contact_list(ContactListName=news, Description="New description")
    assert v2.get_contact_list(ContactListName=news)["Topics"] == [OFFERS]


def test_list_contact_lists_and_delete(v2, news):
    [listed] = v2.list_contact_lists()["ContactLists"]
    assert listed["ContactListName"] == "news" and isinstance(listed["LastUpdatedTimestamp"], dt.datetime)
    v2.create_contact(ContactListName=news, EmailAddress="ann@example.org")
    v2.delete_contact_list(ContactListName=news)
    assert v2.list_contact_lists()["ContactLists"] == []
    v2.create_contact_list(ContactListName=news)  # the list is gone, and its contacts with it
    assert v2.list_contacts(ContactListName=news)["Contacts"] == []


# -- contacts ---------------------------------------------------------------------------------

def test_a_contact_reads_back_with_its_preferences_and_the_topic_defaults(v2, news):
    v2.create_contact(ContactListName=news, EmailAddress="ann@example.org",
                      TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}],
                      AttributesData='{"plan": "pro"}')
    got = body(v2.get_contact(ContactListName=news, EmailAddress="ann@example.org"))
    assert got.pop("CreatedTimestamp") == got.pop("LastUpdatedTimestamp")
    assert got == {
        "ContactListName": "news", "EmailAddress": "ann@example.org",
        "TopicPreferences": [{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}],
        "TopicDefaultPreferences": [{"TopicName": "weekly", "SubscriptionStatus": "OPT_IN"}],
        "UnsubscribeAll": False, "AttributesData": '{"plan": "pro"}',
    }


def test_contact_errors_carry_ses_texts(v2, news):
    v2.create_contact(ContactListName=news, EmailAddress="ann@example.org")
    assert refusal(v2.create_contact, ContactListName=news, EmailAddress="ann@example.org") == (
        400, "AlreadyExistsException", "ann@example.org already exists in List.")
    for call in (v2.get_contact, v2.delete_contact, v2.update_contact):
        assert refusal(call, ContactListName=news, EmailAddress="bob@example.org") == (
            404, "NotFoundException", "bob@example.org doesn't exist in List.")
    assert refusal(v2.create_contact, ContactListName=news, EmailAddress="not-an-address") == (
        400, "BadRequestException", "EmailAddress <not-an-address> is invalid")
    assert refusal(v2.create_contact, ContactListName=news, EmailAddress="bob@example.org",
                   TopicPreferences=[{"TopicName": "daily", "SubscriptionStatus": "OPT_IN"}]) == (
        400, "BadRequestException", "List: news doesn't contain Topic: daily")
    assert refusal(v2.create_contact, ContactListName="nope", EmailAddress="bob@example.org") == (
        404, "NotFoundException", "List with name: nope doesn't exist.")


def test_update_contact_merges_preferences_and_replaces_the_rest(v2, news, fixed_clock):
    # floci PR #1723, probed; aws/aws-sdk#579: an UpdateContact without AttributesData wipes them.
    v2.create_contact(ContactListName=news, EmailAddress="ann@example.org", UnsubscribeAll=True,
                      TopicPreferences=[{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}],
                      AttributesData='{"plan": "pro"}')
    fixed_clock(dt.datetime(2026, 3, 5, 9, 0, 0, tzinfo=dt.timezone.utc))
    v2.update_contact(ContactListName=news, EmailAddress="ann@example.org",
                      TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}])
    got = v2.get_contact(ContactListName=news, EmailAddress="ann@example.org")
    assert got["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"},
                                       {"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}]
    assert got["UnsubscribeAll"] is False and "AttributesData" not in got
    assert got["LastUpdatedTimestamp"] - got["CreatedTimestamp"] > dt.timedelta(minutes=50)


def test_delete_contact(v2, news):
    v2.create_contact(ContactListName=news, EmailAddress="ann@example.org")
    v2.delete_contact(ContactListName=news, EmailAddress="ann@example.org")
    assert v2.list_contacts(ContactListName=news)["Contacts"] == []


def test_list_contacts_filters_by_topic_and_status_and_pages(v2, news):
    v2.create_contact(ContactListName=news, EmailAddress="a@example.org",
                      TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}])
    v2.create_contact(ContactListName=news, EmailAddress="b@example.org")
    v2.create_contact(ContactListName=news, EmailAddress="c@example.org", UnsubscribeAll=True,
                      TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_OUT"}])

    def listed(**params):
        return [c["EmailAddress"] for c in v2.list_contacts(ContactListName=news, **params)["Contacts"]]

    assert listed() == ["a@example.org", "b@example.org", "c@example.org"]
    offers_in = {"FilteredStatus": "OPT_IN", "TopicFilter": {"TopicName": "offers"}}
    assert listed(Filter=offers_in) == ["a@example.org"]
    offers_out = {"FilteredStatus": "OPT_OUT", "TopicFilter": {"TopicName": "offers",
                                                               "UseDefaultIfPreferenceUnavailable": True}}
    assert listed(Filter=offers_out) == ["b@example.org", "c@example.org"]
    assert listed(Filter={"FilteredStatus": "OPT_OUT"}) == ["c@example.org"]
    first = v2.list_contacts(ContactListName=news, PageSize=2)
    assert [c["EmailAddress"] for c in first["Contacts"]] == ["a@example.org", "b@example.org"]
    rest = v2.list_contacts(ContactListName=news, PageSize=2, NextToken=first["NextToken"])
    assert [c["EmailAddress"] for c in rest["Contacts"]] == ["c@example.org"] and "NextToken" not in rest
    assert refusal(v2.list_contacts, ContactListName=news, Filter={"TopicFilter": {"TopicName": "daily"}}) == (
        400, "BadRequestException", "List: news doesn't contain Topic: daily")
