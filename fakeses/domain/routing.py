"""Where SES sends an event: the message's configuration set, and the sender's notification topics.

Events are published only where something applies (F18): the event destinations of the
message's configuration set that are enabled and match the event's type, each getting
the event-publishing document (``eventType``, F22); and, for Bounce, Complaint and
Delivery, the SNS topic the sender identity set for that type
(SetIdentityNotificationTopic), which gets the notification document
(``notificationType``, F23; headers only when the identity asked for them). The
identity whose settings apply is the address before its domain (developer guide,
notifications: "address-level settings override domain-level settings").
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import event_json
from .configuration_sets import CLOUDWATCH
from .events import BOUNCE, COMPLAINT, DELIVERY, Event, Route

if TYPE_CHECKING:
    from .state import Backend

NOTIFIED = (BOUNCE, COMPLAINT, DELIVERY)


def routes(backend: Backend, event: Event) -> tuple[Route, ...]:
    """The routes of ``event``, each with the document SES publishes there."""
    found: list[Route] = []
    message = event.message
    name = message.configuration_set
    configuration_set = backend.configuration_sets.get(name) if name is not None else None
    if configuration_set is not None:
        destinations = configuration_set.routes_for(event.type)
        if destinations:
            set_name = configuration_set.name
            cache: dict[str, Any] = {}  # one document for every destination of the set

            def build() -> dict[str, Any]:
                if "document" not in cache:
                    cache["document"] = event_json.event_publishing(event, configuration_set=set_name)
                return cache["document"]  # type: ignore[no-any-return]

            for destination in destinations:
                target = destination.target if destination.kind != CLOUDWATCH else "AWS/SES"
                found.append(Route(destination.kind, target or "", f"{set_name}/{destination.name}", build))
    if event.type in NOTIFIED and backend.identities.notifying:
        identity = backend.identities.settings_for(message.source)
        if identity is not None:
            topic = identity.notification_topic(event.type)
            if topic:
                headers = identity.headers_in_notifications(event.type)
                found.append(Route("notification", topic, identity.name,
                                   lambda: event_json.notification(event, include_headers=headers)))
    return tuple(found)
