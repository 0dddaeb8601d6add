"""Contact lists, their topics and contacts, and what they do to a send (list management).

One store per (account, region): ``backend.contact_lists``. What SES does, and where it
was found (floci's probes of SES are floci-io/floci PRs #1638, #1723 and #1875, "verified
against real AWS"; the developer guide pages are sending-email-list-management.html and
sending-email-subscription-management.html):

- One contact list per account and region: a second CreateContactList, even of the same
  name, is BadRequestException "A maximum of 1 Lists allowed per account." (floci #1638,
  probed; the guide: "Only one contact list is allowed per AWS account").
- At most 20 topics per list (guide; floci's text "Maximum of <20> topics allowed per
  ContactList"); names of lists and topics up to 64 letters, digits, ``_`` and ``-``;
  topic display names up to 128 characters; list descriptions up to 500; topic names
  unique in a list (floci, probed texts).
- Contacts: keyed by address; a topic preference must name a topic of the list ("List: L
  doesn't contain Topic: T"); UpdateContact merges TopicPreferences by topic and replaces
  UnsubscribeAll and AttributesData, an omitted one being cleared (floci #1723, probed;
  aws/aws-sdk#579 reports the AttributesData wipe). Deleting a list deletes its contacts.
- On a send with ListManagementOptions (:func:`at_send`): an unknown list fails it with
  NotFoundException (floci #1875), an unknown topic with BadRequestException (floci #1875,
  whose text is its own (?)); recipients not yet contacts are added (floci #1875); a
  contact who unsubscribed from everything, or from the topic (its preference, else the
  topic's default), is not sent to: SES "will bounce an email if it is sent to an
  unsubscribed contact" (guide), a Bounce event. A single-recipient send gets SES's
  List-Unsubscribe and List-Unsubscribe-Post headers and its ``{{amazonSESUnsubscribeUrl}}``
  replaced (floci #1875: SES adds them only for one recipient).
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

from ..mail import mime
from . import clock, pages
from .errors import AlreadyExists, BadRequest, NotFound

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend, World

OPT_IN, OPT_OUT = "OPT_IN", "OPT_OUT"
STATUSES = (OPT_IN, OPT_OUT)

MAX_LISTS = 1  # per account and region (guide; floci #1638, probed)
MAX_TOPICS = 20  # "A list can have a maximum of 20 topics." (guide)
MAX_DISPLAY_NAME = 128  # floci #1638, probed
MAX_DESCRIPTION = 500  # floci #1638, probed
#: ListContacts and ListContactLists answer this many when no PageSize is given; SES's
#: default is not documented (?).
DEFAULT_PAGE = 1000

_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")  # floci #1723: "only a non-blank malformed value is invalid"

#: The placeholder SES replaces with the unsubscribe link in a single-recipient send.
PLACEHOLDER = "{{amazonSESUnsubscribeUrl}}"


# -- errors (texts from floci's probes of SES, floci-io/floci PRs #1638, #1723) ----------------

class ContactListNotFound(NotFound):
    fmt = "List with name: {name} doesn't exist."


class ContactNotFound(NotFound):
    fmt = "{address} doesn't exist in List."


class ContactAlreadyExists(AlreadyExists):
    fmt = "{address} already exists in List."


class TooManyLists(BadRequest):
    fmt = "A maximum of 1 Lists allowed per account."


class UnknownTopic(BadRequest):
    fmt = "List: {name} doesn't contain Topic: {topic}"


class UnknownSendTopic(BadRequest):
    # floci PR #1875's own text: SES's answer to a send naming an unknown topic is not recorded (?).
    fmt = "Topic {topic} does not exist in contact list {name}."


# -- the records ------------------------------------------------------------------------------

@dataclasses.dataclass
class Topic:
    """A topic of a contact list: its name, display name, description and default status."""

    name: str
    display_name: str
    default_status: str
    description: Optional[str] = None


@dataclasses.dataclass
class Contact:
    """One address on a contact list, with its own preferences (topic name -> status)."""

    email: str
    topic_preferences: dict[str, str] = dataclasses.field(default_factory=dict)
    unsubscribe_all: bool = False
    attributes: Optional[str] = None
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    updated_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)

    def status_for(self, topic: Topic) -> str:
        """The contact's status for ``topic``: its preference, else the topic's default
        (UnsubscribeAll aside; see :func:`opted_out`)."""
        return self.topic_preferences.get(topic.name, topic.default_status)


def _key(address: str) -> str:
    # Addresses are found regardless of case (?): SES's rule is not recorded; a mailbox is
    # one recipient however a sender spells it.
    return address.lower()


@dataclasses.dataclass
class ContactList:
    """A contact list: its topics (in the order given), contacts by address, and tags."""

    name: str
    topics: list[Topic] = dataclasses.field(default_factory=list)
    description: Optional[str] = None
    #: The tags given at creation, as (key, value) pairs; TagResource changes them.
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    updated_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    contacts: dict[str, Contact] = dataclasses.field(default_factory=dict)

    def topic(self, name: str) -> Optional[Topic]:
        """The topic called ``name``, or None."""
        for topic in self.topics:
            if topic.name == name:
                return topic
        return None

    def contact(self, email: str) -> Optional[Contact]:
        """The contact of ``email`` (any case), or None."""
        return self.contacts.get(_key(email))

    def require_contact(self, email: str) -> Contact:
        _check_address(email)
        found = self.contact(email)
        if found is None:
            raise ContactNotFound(address=email)
        return found

    def _check_preferences(self, preferences: dict[str, str]) -> None:
        for topic in preferences:
            if self.topic(topic) is None:
                raise UnknownTopic(name=self.name, topic=topic)

    def put_contact(self, email: str, *, topic_preferences: Optional[dict[str, str]] = None,
                    unsubscribe_all: bool = False, attributes: Optional[str] = None) -> Contact:
        """Add ``email`` or replace what it holds (an import job's row; CreateContact checks
        first that it is new). Preferences must name topics of the list."""
        _check_address(email)
        preferences = dict(topic_preferences or {})
        self._check_preferences(preferences)
        now = clock.utcnow()
        found = self.contact(email)
        if found is None:
            found = self.contacts[_key(email)] = Contact(email, preferences, unsubscribe_all, attributes, now, now)
        else:
            found.topic_preferences, found.unsubscribe_all, found.attributes = preferences, unsubscribe_all, attributes
            found.updated_at = now
        return found

    def create_contact(self, email: str, *, topic_preferences: Optional[dict[str, str]] = None,
                       unsubscribe_all: bool = False, attributes: Optional[str] = None) -> Contact:
        """CreateContact: AlreadyExists for an address already on the list."""
        _check_address(email)
        if self.contact(email) is not None:
            raise ContactAlreadyExists(address=email)
        return self.put_contact(email, topic_preferences=topic_preferences, unsubscribe_all=unsubscribe_all,
                                attributes=attributes)

    def update_contact(self, email: str, *, topic_preferences: Optional[dict[str, str]] = None,
                       unsubscribe_all: bool = False, attributes: Optional[str] = None) -> Contact:
        """UpdateContact: preferences merge by topic; UnsubscribeAll and AttributesData are
        replaced, an omitted one cleared (floci #1723 probed; aws/aws-sdk#579)."""
        found = self.require_contact(email)
        preferences = dict(topic_preferences or {})
        self._check_preferences(preferences)
        found.topic_preferences.update(preferences)
        found.unsubscribe_all = unsubscribe_all
        found.attributes = attributes
        found.updated_at = clock.utcnow()
        return found

    def delete_contact(self, email: str) -> None:
        self.require_contact(email)
        del self.contacts[_key(email)]

    def default_preferences(self, contact: Contact) -> list[tuple[str, str]]:
        """TopicDefaultPreferences: each topic the contact set no preference for, with its default."""
        return [(t.name, t.default_status) for t in self.topics if t.name not in contact.topic_preferences]

    def filtered(self, status: Optional[str] = None, topic: Optional[str] = None,
                 use_default: bool = False) -> list[Contact]:
        """ListContacts' Filter, contacts in address order.

        With a topic: the contacts whose preference for it is ``status`` (any preference when
        no status is given); with ``use_default`` a contact with no preference counts with
        the topic's default. Without a topic, ``status`` reads UnsubscribeAll: OPT_OUT the
        contacts unsubscribed from everything, OPT_IN the others. The guide lists what these
        give ("contacts subscribed to a topic, contacts unsubscribed from a topic, and
        contacts unsubscribed from all topics in the list"); the exact rules are fakeses'
        reading of the model's members (?).
        """
        contacts = sorted(self.contacts.values(), key=lambda c: c.email)
        if topic is not None:
            found = self.topic(topic)
            if found is None:
                raise UnknownTopic(name=self.name, topic=topic)
            out = []
            for contact in contacts:
                preference = contact.topic_preferences.get(topic)
                if preference is None and use_default:
                    preference = found.default_status
                if preference is not None and (status is None or preference == status):
                    out.append(contact)
            return out
        if status is None:
            return contacts
        return [c for c in contacts if c.unsubscribe_all == (status == OPT_OUT)]


def _check_address(email: Any) -> None:
    if not isinstance(email, str) or not email.strip():
        raise BadRequest(message="EmailAddress can't be blank.")  # floci #1723, probed
    if not _ADDRESS.fullmatch(email):
        raise BadRequest(message=f"EmailAddress <{email}> is invalid")  # floci #1723, probed


def check_name(name: Any) -> None:
    """A contact list's name, with SES's texts (floci #1638, probed: also for Get/Delete)."""
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(message="ContactListName can't be blank.")
    if not _NAME.fullmatch(name):
        raise BadRequest(message="ContactListName can contain up to 64 characters. Only alphanumeric characters, "
                                 "underscores(_) and hyphens(-) are allowed.")


def check_topics(topics: Sequence[Topic]) -> None:
    """Topics as CreateContactList and UpdateContactList take them (floci #1638, probed texts)."""
    if len(topics) > MAX_TOPICS:
        raise BadRequest(message=f"Maximum of <{MAX_TOPICS}> topics allowed per ContactList")
    seen = set()
    for topic in topics:
        if not topic.name.strip():
            raise BadRequest(message="TopicName can't be blank.")
        if not _NAME.fullmatch(topic.name):
            raise BadRequest(message="TopicName can contain up to 64 characters. Only alphanumeric characters, "
                                     "underscores(_) and hyphens(-) are allowed.")
        if len(topic.display_name) > MAX_DISPLAY_NAME:
            raise BadRequest(message=f"Topic DisplayName can contain up to <{MAX_DISPLAY_NAME}> characters.")
        if topic.default_status not in STATUSES:
            raise BadRequest(message="1 validation error detected: Value at 'defaultSubscriptionStatus' failed "
                                     "to satisfy constraint: Member must satisfy enum value set: [OPT_OUT, OPT_IN]")
        if topic.name in seen:
            raise BadRequest(message="Duplicate topic names are not allowed within a List.")
        seen.add(topic.name)


def check_description(description: Optional[str]) -> None:
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise BadRequest(message=f"List description can contain up to {MAX_DESCRIPTION} characters.")


class ContactLists:
    """The contact lists of one account in one region (at most one: :data:`MAX_LISTS`)."""

    def __init__(self) -> None:
        self._lists: dict[str, ContactList] = {}

    def __iter__(self) -> Iterator[ContactList]:
        return iter(sorted(self._lists.values(), key=lambda found: found.name))

    def __len__(self) -> int:
        return len(self._lists)

    def get(self, name: str) -> Optional[ContactList]:
        """The list called ``name``, or None."""
        return self._lists.get(name)

    def require(self, name: str) -> ContactList:
        """The list called ``name``; NotFoundException (v2) if there is none."""
        check_name(name)
        found = self._lists.get(name)
        if found is None:
            raise ContactListNotFound(name=name)
        return found

    def create(self, name: str, *, topics: Sequence[Topic] = (), description: Optional[str] = None,
               tags: Sequence[tuple[str, str]] = ()) -> ContactList:
        """CreateContactList: names and topics checked in SES's order, then the one-list limit
        (which a second list of the same name meets too: floci #1638, probed)."""
        check_name(name)
        check_topics(topics)
        check_description(description)
        if len(self._lists) >= MAX_LISTS:
            raise TooManyLists()
        now = clock.utcnow()
        created = self._lists[name] = ContactList(name, list(topics), description, list(tags), now, now)
        return created

    def update(self, name: str, *, topics: Optional[Sequence[Topic]] = None,
               description: Optional[str] = None) -> ContactList:
        """UpdateContactList: Topics replace the list's when given; Description likewise (floci #1638)."""
        check_name(name)
        if topics is not None:
            check_topics(topics)
        check_description(description)
        found = self.require(name)
        if topics is not None:
            found.topics = list(topics)
        if description is not None:
            found.description = description
        found.updated_at = clock.utcnow()
        return found

    def delete(self, name: str) -> None:
        """DeleteContactList: the list and its contacts."""
        self.require(name)
        del self._lists[name]

    def page(self, token: Optional[str], size: Optional[int]) -> tuple[list[ContactList], Optional[str]]:
        return pages.page(list(self), token, _page_size(size))


def _page_size(size: Optional[int]) -> int:
    if size is None:
        return DEFAULT_PAGE
    if size < 1:
        # The model has no range; a page of none is refused (?).
        raise BadRequest(message="PageSize must be greater than 0.")
    return size


def page_contacts(contacts: list[Contact], token: Optional[str],
                  size: Optional[int]) -> tuple[list[Contact], Optional[str]]:
    """One page of ListContacts."""
    return pages.page(contacts, token, _page_size(size))


# -- list management on a send ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ListManagement:
    """What a send's ListManagementOptions (or X-SES-LIST-MANAGEMENT-OPTIONS) named."""

    contact_list: str
    topic: Optional[str] = None


def parse_header(value: str) -> ListManagement:
    """X-SES-LIST-MANAGEMENT-OPTIONS: ``<list>; topic=<topic>``, as the developer guide writes
    it (sending-email-subscription-management.html; the AWS SDK for Ruby's
    aws-actionmailer-ses tests send ``contactListName; topic=topic``). The
    ``contactListName=<list>; topicName=<topic>`` spelling some mailers use is read too (?)."""
    parts = [part.strip() for part in value.split(";") if part.strip()]
    name: Optional[str] = None
    topic: Optional[str] = None
    for i, part in enumerate(parts):
        key, equals, rest = part.partition("=")
        key = key.strip().lower()
        if not equals:
            if i == 0:
                name = part
            continue
        if key in ("contactlistname", "contactlist"):
            name = rest.strip()
        elif key in ("topic", "topicname"):
            topic = rest.strip() or None
    return ListManagement(name or "", topic)


@dataclasses.dataclass(frozen=True)
class AtSend:
    """What list management decided for one send: the list and topic, the recipients who
    unsubscribed (SES bounces them) and, for one recipient, the unsubscribe link."""

    contact_list: str
    topic: Optional[str]
    unsubscribed: list[str]
    unsubscribe_url: Optional[str]


def opted_out(found: ContactList, contact: Contact, topic: Optional[str]) -> bool:
    """Whether SES withholds a list-managed send from ``contact``: UnsubscribeAll always; with
    a topic, its preference for it or, with none, the topic's default OPT_OUT (floci #1875;
    the default's effect at send is not documented (?))."""
    if contact.unsubscribe_all:
        return True
    if topic is None:
        return False
    found_topic = found.topic(topic)
    return found_topic is not None and contact.status_for(found_topic) == OPT_OUT


def at_send(backend: Backend, options: ListManagement, recipients: Sequence[str]) -> AtSend:
    """Check a send's list management and decide its recipients' fate (before it is recorded).

    Raises NotFoundException for an unknown list, BadRequestException for an unknown topic.
    Adds each recipient that is not a contact yet (no preferences) to the list.
    """
    found = backend.contact_lists.get(options.contact_list)
    if found is None:
        raise ContactListNotFound(name=options.contact_list)
    if options.topic is not None and found.topic(options.topic) is None:
        raise UnknownSendTopic(name=found.name, topic=options.topic)
    unsubscribed = []
    for recipient in dict.fromkeys(recipients):
        contact = found.contact(recipient)
        if contact is None:
            # "recipients not yet contacts are added" (floci #1875), with no preferences
            contact = found.contacts[_key(recipient)] = Contact(recipient)
        if opted_out(found, contact, options.topic):
            unsubscribed.append(recipient)
    url = None
    if len(recipients) == 1 and not unsubscribed:
        url = unsubscribe_url(backend, found.name, options.topic, recipients[0])
    return AtSend(found.name, options.topic, unsubscribed, url)


def on_send(backend: Backend, out: Any, recipients: Sequence[str]) -> dict[str, Any]:
    """The send path's one call (fakeses/domain/sending.py) for a message with list management
    (``out.list_management``): :func:`at_send`, and SES's unsubscribe headers and link put in
    a single-recipient message. Returns the SentMessage fields it decides."""
    decided = at_send(backend, out.list_management, recipients)
    if decided.unsubscribe_url is not None and _self_signed(out.content):
        # "it's not possible for Amazon SES to add the unsubscribe links to your email for
        # senders who are signing emails themselves" (guide, subscription management).
        decided = dataclasses.replace(decided, unsubscribe_url=None)
    if decided.unsubscribe_url is not None:
        out.content = with_unsubscribe(out.content, decided.unsubscribe_url)
    return {"contact_list": decided.contact_list, "topic": decided.topic, "unsubscribed": decided.unsubscribed,
            "unsubscribe_url": decided.unsubscribe_url}


def _self_signed(content: Any) -> bool:
    """Whether a raw message carries its sender's own DKIM signature."""
    if not isinstance(content, mime.RawContent):
        return False
    head, _ = mime.split_head(content.data)
    return re.search(rb"(?im)^dkim-signature\s*:", head) is not None


# The link: SES's own form is not recorded (?). fakeses writes an https link on an
# amazonses.com host carrying an opaque token (URL-safe base64, no "=": safe in 7bit and
# quoted-printable bodies alike) that says whose link it is.
_LINK = re.compile(r"https://unsubscribe\.([a-z0-9-]+)\.amazonses\.com/v1/([A-Za-z0-9_-]+)")


def unsubscribe_url(backend: Backend, contact_list: str, topic: Optional[str], recipient: str) -> str:
    """The link SES puts in a single-recipient list-managed message for ``recipient``."""
    data = json.dumps([backend.account_id, contact_list, topic, recipient], separators=(",", ":"))
    token = base64.urlsafe_b64encode(data.encode()).decode("ascii").rstrip("=")
    return f"https://unsubscribe.{backend.region}.amazonses.com/v1/{token}"


def parse_url(url: str) -> Optional[tuple[str, str, str, Optional[str], str]]:
    """(region, account id, list, topic, recipient) of an unsubscribe link, or None."""
    match = _LINK.fullmatch(url.strip().strip("<>")) if isinstance(url, str) else None
    if match is None:
        return None
    token = match.group(2)
    try:
        account_id, contact_list, topic, recipient = json.loads(
            base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode())
    except (ValueError, TypeError, UnicodeError):
        return None
    return match.group(1), account_id, contact_list, topic, recipient


def links_in(text: Optional[str]) -> list[str]:
    """The unsubscribe links in ``text`` (a header value or a body), in order."""
    return [m.group(0) for m in _LINK.finditer(text or "")]


def headers_for(url: str) -> list[tuple[str, str]]:
    """The headers SES adds to a single-recipient list-managed message: List-Unsubscribe, then
    List-Unsubscribe-Post (the order RFC 8058 and the AWS blog "Using one-click unsubscribe
    with Amazon SES" give; SES replaces the sender's own: floci #1875, the guide)."""
    return [("List-Unsubscribe", f"<{url}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]


def replace_placeholder(text: Optional[str], url: str) -> Optional[str]:
    """``text`` with ``{{amazonSESUnsubscribeUrl}}`` replaced by ``url``."""
    if text is None or PLACEHOLDER not in text:
        return text
    return text.replace(PLACEHOLDER, url)


def bounce_unsubscribed(backend: Backend, message: SentMessage) -> None:
    """SES's Bounce for the recipients of ``message`` who unsubscribed (guide: SES "will bounce
    an email if it is sent to an unsubscribed contact"). Its type and subtype are not
    recorded: Permanent/General is fakeses' choice (?); a message none of whose recipients
    got it is not delivered."""
    from . import event_json as objects
    from . import events

    withheld = message.unsubscribed
    details = objects.bounce_details(
        withheld, region=backend.region, at=message.sent_at, remote_mta_ip=None,
        diagnostic="Amazon SES did not send the message to this address because the contact unsubscribed "
                   "from the contact list or topic. (?)")
    if set(withheld) >= set(message.destinations):
        object.__setattr__(message, "delivered", False)
        object.__setattr__(message, "failure", f"Unsubscribed: {', '.join(withheld)}")
    backend.publish(events.BOUNCE, message, details, at=message.sent_at)


def change(found: ContactList, recipient: str, topics: dict[str, str], unsubscribe_all: bool
           ) -> tuple[dict[str, str], dict[str, str], bool, bool]:
    """A contact changes its subscription (an unsubscribe link followed, or the handle's
    ``subscription()``): ``topics`` (topic name -> "OptIn"/"OptOut", as the Subscription
    event writes them) set its preferences; ``unsubscribe_all`` sets UnsubscribeAll. A
    recipient not yet a contact is added first. Returns each topic's status before and
    after ("OptIn"/"OptOut", every topic of the list (?)) and UnsubscribeAll before and after.
    Raises ValueError for a topic the list does not have."""
    unknown = [name for name in topics if found.topic(name) is None]
    if unknown:
        raise ValueError(f"contact list {found.name!r} has no topic {', '.join(map(repr, unknown))} "
                         f"(its topics: {', '.join(t.name for t in found.topics) or 'none'})")
    contact = found.contact(recipient) or found.put_contact(recipient)

    def statuses() -> dict[str, str]:
        return {t.name: "OptOut" if contact.status_for(t) == OPT_OUT else "OptIn" for t in found.topics}

    old, was_all = statuses(), contact.unsubscribe_all
    for name, status in topics.items():
        contact.topic_preferences[name] = OPT_OUT if status.replace("_", "").lower() == "optout" else OPT_IN
    contact.unsubscribe_all = contact.unsubscribe_all or unsubscribe_all
    contact.updated_at = clock.utcnow()
    return old, statuses(), was_all, contact.unsubscribe_all


def follow(world: World, link: str | SentMessage, recipient: Optional[str] = None, *,
           all_topics: bool = False) -> Event:
    """Follow an unsubscribe link: what the handle's ``unsubscribe()`` and an HTTP request of
    the link do. ``link`` is a list-managed message or the link SES put in one. The
    contact opts out of the message's topic, or of everything for a message without one or
    with ``all_topics``; SES reports a Subscription event (fakeses/domain/outcomes.py).

    Raises ValueError for a link this fake did not send, a message without list
    management, or a recipient SES could not have heard from (outcomes.subscription)."""
    from . import outcomes

    if isinstance(link, str):
        found = parse_url(link)
        bare = link.strip().strip("<>")
        message = next((m for m in reversed(world.sent) if m.unsubscribe_url == bare), None)
        if found is None or message is None:
            raise ValueError(f"{link!r} is not an unsubscribe link this fake sent "
                             "(message.unsubscribe_url of a list-managed message)")
        recipient = found[4]
    else:
        message = link
        if message.contact_list is None:
            raise ValueError(f"unsubscribe() takes a message sent with ListManagementOptions; {message!r} "
                             "names no contact list")
    everything = all_topics or message.topic is None
    topics = {} if everything or message.topic is None else {message.topic: "OptOut"}
    backend = world.backend(message.account_id, message.region)
    with backend.lock:
        return outcomes.subscription(backend, message, message.contact_list or "", new_topics=topics,
                                     unsubscribe_all=everything, recipient=recipient)


def with_unsubscribe(content: Any, url: str) -> Any:
    """``content`` as SES delivers a single-recipient list-managed message: the sender's own
    List-Unsubscribe headers replaced by SES's and the placeholder replaced by ``url``."""
    if isinstance(content, mime.SimpleContent):
        ours = {name.lower() for name, _ in headers_for(url)}
        return dataclasses.replace(
            content, text=replace_placeholder(content.text, url), html=replace_placeholder(content.html, url),
            headers=[h for h in content.headers if h[0].lower() not in ours] + headers_for(url))
    if isinstance(content, mime.RawContent):
        return _UnsubscribeRaw(content.data, url)
    return content


@dataclasses.dataclass
class _UnsubscribeRaw(mime.RawContent):
    """A raw message (``data`` as the caller sent it) delivered with SES's unsubscribe headers
    and link, made when first read. The placeholder is replaced in the body's bytes as
    written: in 7bit, 8bit and quoted-printable parts (the link holds no character either
    would encode), not inside base64 parts (?)."""

    url: str = ""

    def render(self, message: SentMessage) -> bytes:
        data = super().render(message)
        head, rest = mime.split_head(data)
        newline = b"\n" if b"\n" in head and b"\r\n" not in head else b"\r\n"
        kept: list[bytes] = []
        dropping = False
        for line in re.split(rb"\r?\n", head):
            if line[:1] in (b" ", b"\t"):
                if not dropping:
                    kept.append(line)
                continue
            dropping = line.split(b":", 1)[0].strip().lower() in (b"list-unsubscribe", b"list-unsubscribe-post")
            if not dropping:
                kept.append(line)
        kept += [f"{name}: {value}".encode() for name, value in headers_for(self.url)]
        return newline.join(kept) + rest.replace(PLACEHOLDER.encode(), self.url.encode())
