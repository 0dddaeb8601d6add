"""Contact lists and contacts (v2 only): one short handler per operation, on
``backend.contact_lists`` (fakeses/domain/contacts.py, where SES's rules and their
sources are listed).
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.contacts import Contact, ContactList, Topic, page_contacts
from ..domain.state import Backend
from . import operation
from .tags import given, listing


def _topics(topics: Optional[list[dict[str, Any]]]) -> Optional[list[Topic]]:
    if topics is None:
        return None
    return [Topic(name=t["TopicName"], display_name=t["DisplayName"], default_status=t["DefaultSubscriptionStatus"],
                  description=t.get("Description")) for t in topics]


def _topic_out(topic: Topic) -> dict[str, Any]:
    out = {"TopicName": topic.name, "DisplayName": topic.display_name,
           "DefaultSubscriptionStatus": topic.default_status}
    if topic.description is not None:
        out["Description"] = topic.description
    return out


def _preferences(given: Optional[list[dict[str, str]]]) -> dict[str, str]:
    return {p["TopicName"]: p["SubscriptionStatus"] for p in given or []}


def _preferences_out(pairs: Any) -> list[dict[str, str]]:
    return [{"TopicName": name, "SubscriptionStatus": status} for name, status in pairs]


def _contact_out(found: ContactList, contact: Contact) -> dict[str, Any]:
    return {"EmailAddress": contact.email,
            "TopicPreferences": _preferences_out(contact.topic_preferences.items()),
            "TopicDefaultPreferences": _preferences_out(found.default_preferences(contact)),
            "UnsubscribeAll": contact.unsubscribe_all, "LastUpdatedTimestamp": contact.updated_at}


@operation("sesv2", "CreateContactList")
def create_contact_list(backend: Backend, *, ContactListName: str, Topics: Optional[list[dict[str, Any]]] = None,
                        Description: Optional[str] = None, Tags: Optional[list[dict[str, str]]] = None) -> dict[str, Any]:
    backend.contact_lists.create(ContactListName, topics=_topics(Topics) or [], description=Description,
                                 tags=given(Tags))
    return {}


@operation("sesv2", "GetContactList")
def get_contact_list(backend: Backend, *, ContactListName: str) -> dict[str, Any]:
    found = backend.contact_lists.require(ContactListName)
    out: dict[str, Any] = {"ContactListName": found.name, "Topics": [_topic_out(t) for t in found.topics]}
    if found.description is not None:
        out["Description"] = found.description
    out.update(CreatedTimestamp=found.created_at, LastUpdatedTimestamp=found.updated_at,
               Tags=listing(found.tags))
    return out


@operation("sesv2", "UpdateContactList")
def update_contact_list(backend: Backend, *, ContactListName: str, Topics: Optional[list[dict[str, Any]]] = None,
                        Description: Optional[str] = None) -> dict[str, Any]:
    backend.contact_lists.update(ContactListName, topics=_topics(Topics), description=Description)
    return {}


@operation("sesv2", "DeleteContactList")
def delete_contact_list(backend: Backend, *, ContactListName: str) -> dict[str, Any]:
    backend.contact_lists.delete(ContactListName)
    return {}


@operation("sesv2", "ListContactLists")
def list_contact_lists(backend: Backend, *, PageSize: Optional[int] = None,
                       NextToken: Optional[str] = None) -> dict[str, Any]:
    items, following = backend.contact_lists.page(NextToken, PageSize)
    return {"ContactLists": [{"ContactListName": c.name, "LastUpdatedTimestamp": c.updated_at} for c in items],
            "NextToken": following}


@operation("sesv2", "CreateContact")
def create_contact(backend: Backend, *, ContactListName: str, EmailAddress: str,
                   TopicPreferences: Optional[list[dict[str, str]]] = None, UnsubscribeAll: Optional[bool] = None,
                   AttributesData: Optional[str] = None) -> dict[str, Any]:
    backend.contact_lists.require(ContactListName).create_contact(
        EmailAddress, topic_preferences=_preferences(TopicPreferences), unsubscribe_all=bool(UnsubscribeAll),
        attributes=AttributesData)
    return {}


@operation("sesv2", "GetContact")
def get_contact(backend: Backend, *, ContactListName: str, EmailAddress: str) -> dict[str, Any]:
    found = backend.contact_lists.require(ContactListName)
    contact = found.require_contact(EmailAddress)
    out = dict(_contact_out(found, contact), ContactListName=found.name)
    if contact.attributes is not None:
        out["AttributesData"] = contact.attributes
    out["CreatedTimestamp"] = contact.created_at
    return out


@operation("sesv2", "UpdateContact")
def update_contact(backend: Backend, *, ContactListName: str, EmailAddress: str,
                   TopicPreferences: Optional[list[dict[str, str]]] = None, UnsubscribeAll: Optional[bool] = None,
                   AttributesData: Optional[str] = None) -> dict[str, Any]:
    backend.contact_lists.require(ContactListName).update_contact(
        EmailAddress, topic_preferences=_preferences(TopicPreferences), unsubscribe_all=bool(UnsubscribeAll),
        attributes=AttributesData)
    return {}


@operation("sesv2", "DeleteContact")
def delete_contact(backend: Backend, *, ContactListName: str, EmailAddress: str) -> dict[str, Any]:
    backend.contact_lists.require(ContactListName).delete_contact(EmailAddress)
    return {}


@operation("sesv2", "ListContacts")
def list_contacts(backend: Backend, *, ContactListName: str, Filter: Optional[dict[str, Any]] = None,
                  PageSize: Optional[int] = None, NextToken: Optional[str] = None) -> dict[str, Any]:
    found = backend.contact_lists.require(ContactListName)
    given = Filter or {}
    topic_filter = given.get("TopicFilter") or {}
    contacts = found.filtered(given.get("FilteredStatus"), topic_filter.get("TopicName"),
                              bool(topic_filter.get("UseDefaultIfPreferenceUnavailable")))
    items, following = page_contacts(contacts, NextToken, PageSize)
    return {"Contacts": [_contact_out(found, c) for c in items], "NextToken": following}
