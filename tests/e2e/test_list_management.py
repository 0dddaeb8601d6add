"""List management on sends through boto3: ListManagementOptions and the
X-SES-LIST-MANAGEMENT-OPTIONS header, who gets the message, SES's unsubscribe headers and
link, and what following the link does.

The rules and their sources are in fakeses/domain/contacts.py (floci-io/floci PR #1875,
probed against SES; the developer guide's list- and subscription-management pages).
"""
from __future__ import annotations

import pytest
from support.clients import refusal

FROM = "news@example.com"
WEEKLY = {"TopicName": "weekly", "DisplayName": "Weekly news", "DefaultSubscriptionStatus": "OPT_IN"}
OFFERS = {"TopicName": "offers", "DisplayName": "Offers", "DefaultSubscriptionStatus": "OPT_OUT"}
WEEKLY_OPTIONS = {"ContactListName": "news", "TopicName": "weekly"}


@pytest.fixture
def news(v2, ses_backend):
    ses_backend.verify_identity("example.com")
    v2.create_contact_list(ContactListName="news", Topics=[WEEKLY, OFFERS])
    return ses_backend


def send(v2, to, options=WEEKLY_OPTIONS, text="Read it. Unsubscribe: {{amazonSESUnsubscribeUrl}}", html=None):
    body = {"Text": {"Data": text}}
    if html is not None:
        body["Html"] = {"Data": html}
    params = {"FromEmailAddress": FROM, "Destination": {"ToAddresses": to},
              "Content": {"Simple": {"Subject": {"Data": "This week"}, "Body": body}}}
    if options is not None:
        params["ListManagementOptions"] = options
    return v2.send_email(**params)


def test_a_single_recipient_send_carries_ses_one_click_unsubscribe_headers_and_link(v2, news):
    send(v2, ["ann@example.org"], html='<a href="{{amazonSESUnsubscribeUrl}}">Unsubscribe</a>')
    [mail] = news.sent_messages
    url = mail.unsubscribe_url
    assert url.startswith("https://unsubscribe.us-east-1.amazonses.com/")
    assert mail.mime["List-Unsubscribe"] == f"<{url}>"
    assert mail.mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.text == f"Read it. Unsubscribe: {url}"
    assert mail.html == f'<a href="{url}">Unsubscribe</a>'
    assert (mail.contact_list, mail.topic, mail.unsubscribed) == ("news", "weekly", [])


def test_ses_replaces_the_senders_own_list_unsubscribe_headers(v2, news):
    v2.send_email(FromEmailAddress=FROM, Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}},
                                      "Headers": [{"Name": "List-Unsubscribe", "Value": "<https://mine.example>"}]}},
                  ListManagementOptions=WEEKLY_OPTIONS)
    [mail] = news.sent_messages
    assert mail.mime.get_all("List-Unsubscribe") == [f"<{mail.unsubscribe_url}>"]


def test_a_send_to_several_recipients_gets_no_unsubscribe_link(v2, news):
    send(v2, ["ann@example.org", "bob@example.org"])
    [mail] = news.sent_messages
    assert mail.unsubscribe_url is None and "List-Unsubscribe" not in mail.mime
    assert mail.text == "Read it. Unsubscribe: {{amazonSESUnsubscribeUrl}}"


def test_recipients_not_yet_contacts_are_added(v2, news):
    send(v2, ["ann@example.org", "bob@example.org"])
    contacts = v2.list_contacts(ContactListName="news")["Contacts"]
    assert [(c["EmailAddress"], c["TopicPreferences"], c["UnsubscribeAll"]) for c in contacts] == [
        ("ann@example.org", [], False), ("bob@example.org", [], False)]


@pytest.mark.parametrize(("contact", "options"), [
    ({"TopicPreferences": [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]}, WEEKLY_OPTIONS),
    ({"UnsubscribeAll": True}, WEEKLY_OPTIONS),
    ({"UnsubscribeAll": True}, {"ContactListName": "news"}),
    ({}, {"ContactListName": "news", "TopicName": "offers"}),  # the topic's default is OPT_OUT
], ids=["opted-out-of-the-topic", "unsubscribed-from-all", "unsubscribed-no-topic", "topic-default-opt-out"])
def test_an_unsubscribed_contact_gets_nothing_and_ses_reports_a_bounce(v2, news, contact, options):
    v2.create_contact(ContactListName="news", EmailAddress="bob@example.org", **contact)
    message_id = send(v2, ["bob@example.org"], options=options)["MessageId"]
    [mail] = news.sent_messages
    assert mail.message_id == message_id
    assert not mail.delivered and mail.unsubscribed == ["bob@example.org"]
    assert [e.type for e in news.events_of(mail)] == ["Send", "Bounce"]
    [bounce] = news.events_of(mail, "Bounce")
    assert bounce.details["bounceType"] == "Permanent"
    assert [r["emailAddress"] for r in bounce.details["bouncedRecipients"]] == ["bob@example.org"]


def test_a_contact_subscribed_to_the_topic_is_delivered(v2, news):
    v2.create_contact(ContactListName="news", EmailAddress="bob@example.org",
                      TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}])
    send(v2, ["bob@example.org"], options={"ContactListName": "news", "TopicName": "offers"})
    [mail] = news.sent_messages
    assert mail.delivered and [e.type for e in news.events_of(mail)] == ["Send", "Delivery"]


def test_only_the_unsubscribed_recipient_of_several_is_withheld(v2, news):
    v2.create_contact(ContactListName="news", EmailAddress="bob@example.org", UnsubscribeAll=True)
    send(v2, ["ann@example.org", "bob@example.org"])
    [mail] = news.sent_messages
    assert mail.delivered and mail.unsubscribed == ["bob@example.org"]
    [delivery] = news.events_of(mail, "Delivery")
    assert delivery.details["recipients"] == ["ann@example.org"]


def test_an_unknown_list_or_topic_fails_the_send(v2, news):
    assert refusal(send, v2=v2, to=["ann@example.org"], options={"ContactListName": "nope"}) == (
        404, "NotFoundException", "List with name: nope doesn't exist.")
    assert refusal(send, v2=v2, to=["ann@example.org"], options={"ContactListName": "news", "TopicName": "daily"}) == (
        400, "BadRequestException", "Topic daily does not exist in contact list news.")
    assert news.sent_messages == []
    assert v2.list_contacts(ContactListName="news")["Contacts"] == []


def test_a_templated_send_takes_list_management_too(v2, news):
    v2.create_email_template(TemplateName="weekly", TemplateContent={
        "Subject": "Hi {{name}}", "Text": "Bye: {{amazonSESUnsubscribeUrl}}"})
    v2.send_email(FromEmailAddress=FROM, Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Template": {"TemplateName": "weekly", "TemplateData": '{"name": "Ann"}'}},
                  ListManagementOptions=WEEKLY_OPTIONS)
    [mail] = news.sent_messages
    assert mail.text == f"Bye: {mail.unsubscribe_url}" and mail.mime["List-Unsubscribe-Post"]
    assert mail.template_data == {"name": "Ann"}


RAW = (b"From: news@example.com\r\nTo: ann@example.org\r\nSubject: This week\r\n"
       b"X-SES-LIST-MANAGEMENT-OPTIONS: news; topic=weekly\r\n"
       b"Content-Type: text/plain\r\n\r\nUnsubscribe: {{amazonSESUnsubscribeUrl}}\r\n")


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_a_raw_message_names_its_list_in_the_x_ses_header(v1, v2, news, api):
    if api == "v1":
        v1.send_raw_email(RawMessage={"Data": RAW})
    else:
        v2.send_email(Content={"Raw": {"Data": RAW}})
    [mail] = news.sent_messages
    assert (mail.contact_list, mail.topic) == ("news", "weekly")
    assert mail.mime["List-Unsubscribe"] == f"<{mail.unsubscribe_url}>"
    assert "X-SES-LIST-MANAGEMENT-OPTIONS" not in mail.mime
    assert mail.text == f"Unsubscribe: {mail.unsubscribe_url}\n"


def test_the_parameter_beats_the_header(v2, news):
    v2.create_contact(ContactListName="news", EmailAddress="ann@example.org",
                      TopicPreferences=[{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}])
    v2.send_email(Content={"Raw": {"Data": RAW}}, ListManagementOptions={"ContactListName": "news",
                                                                         "TopicName": "offers"})
    [mail] = news.sent_messages
    assert mail.topic == "offers" and mail.unsubscribed == ["ann@example.org"]  # offers defaults to OPT_OUT


# -- following the link -----------------------------------------------------------------------

def test_following_the_link_opts_the_contact_out_of_the_topic_with_a_subscription_event(v2, news):
    send(v2, ["ann@example.org"])
    [mail] = news.sent_messages
    event = news.unsubscribe(mail)
    assert event.type == "Subscription" and event.message is mail
    assert event.details["contactList"] == "news"
    assert event.details["oldTopicPreferences"] == {"unsubscribeAll": False, "topicSubscriptionStatus": [
        {"topicName": "weekly", "subscriptionStatus": "OptIn"}, {"topicName": "offers", "subscriptionStatus": "OptOut"}]}
    assert event.details["newTopicPreferences"]["topicSubscriptionStatus"][0] == {
        "topicName": "weekly", "subscriptionStatus": "OptOut"}
    contact = v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")
    assert contact["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
    send(v2, ["ann@example.org"])
    assert not news.sent_messages[-1].delivered  # the next weekly news is not sent to Ann


def test_following_the_link_by_url_or_for_all_topics(v2, news):
    send(v2, ["ann@example.org"])
    [mail] = news.sent_messages
    event = news.unsubscribe(mail.unsubscribe_url, all_topics=True)
    assert event.details["newTopicPreferences"]["unsubscribeAll"] is True
    assert v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")["UnsubscribeAll"] is True


def test_a_message_without_a_topic_unsubscribes_from_everything(v2, news):
    send(v2, ["ann@example.org"], options={"ContactListName": "news"})
    news.unsubscribe(news.sent_messages[0])
    assert v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")["UnsubscribeAll"] is True


def test_one_recipient_of_several_unsubscribes_by_name(v2, news):
    send(v2, ["ann@example.org", "bob@example.org"])
    [mail] = news.sent_messages
    with pytest.raises(ValueError, match="has 2 recipients; say whose subscription changed with recipient="):
        news.unsubscribe(mail)
    news.unsubscribe(mail, "bob@example.org")
    prefs = v2.get_contact(ContactListName="news", EmailAddress="bob@example.org")["TopicPreferences"]
    assert prefs == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]


def test_unsubscribe_refuses_what_is_not_a_list_managed_message(v2, news):
    send(v2, ["ann@example.org"], options=None)
    with pytest.raises(ValueError, match="names no contact list"):
        news.unsubscribe(news.sent_messages[0])
    with pytest.raises(ValueError, match="is not an unsubscribe link this fake sent"):
        news.unsubscribe("https://example.com/unsubscribe")
    with pytest.raises(TypeError, match="unsubscribe\\(\\) takes a message"):
        news.unsubscribe(42)


def test_subscription_changes_the_contact_when_the_list_exists(v2, news):
    send(v2, ["ann@example.org"])
    news.subscription(news.sent_messages[0], "news", new_topics={"offers": "OptIn"})
    prefs = v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")["TopicPreferences"]
    assert prefs == [{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}]


def test_a_one_click_post_of_the_link_is_answered_in_process(v2, news):
    import requests
    import urllib3

    send(v2, ["ann@example.org"])
    [mail] = news.sent_messages
    link = mail.mime["List-Unsubscribe"].strip("<>")

    answer = requests.post(link, data={"List-Unsubscribe": "One-Click"}, timeout=1)

    assert answer.status_code == 200
    assert [e.type for e in news.events_of(mail)][-1] == "Subscription"
    prefs = v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")["TopicPreferences"]
    assert prefs == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
    unknown = urllib3.PoolManager().request("GET", "https://unsubscribe.us-east-1.amazonses.com/v1/unknown")
    assert unknown.status == 404


def test_a_raw_message_the_sender_signed_gets_no_unsubscribe_link(v2, news):
    # "it's not possible for Amazon SES to add the unsubscribe links to your email for senders
    # who are signing emails themselves" (developer guide, subscription management)
    signed = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; b=abc\r\n" + RAW
    v2.send_email(Content={"Raw": {"Data": signed}})
    [mail] = news.sent_messages
    assert mail.unsubscribe_url is None and "List-Unsubscribe" not in mail.mime
    assert mail.contact_list == "news"


def test_with_responses_active_a_one_click_post_of_the_link_still_reaches_fakeses(v2, news):
    """`responses` (moto's mock_aws uses it) must let the unsubscribe link through, as it does SES's endpoint."""
    responses = pytest.importorskip("responses")
    import requests

    send(v2, ["ann@example.org"])
    [mail] = news.sent_messages
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        answer = requests.post(mail.unsubscribe_url, data={"List-Unsubscribe": "One-Click"}, timeout=1)

    assert answer.status_code == 200
    assert [e.type for e in news.events_of(mail)][-1] == "Subscription"
