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

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from . import event_json
from .configuration_sets import CLOUDWATCH, Dimension
from .events import BOUNCE, COMPLAINT, DELIVERY, Event, Publication, Route

if TYPE_CHECKING:
    from .state import Backend

NOTIFIED = (BOUNCE, COMPLAINT, DELIVERY)

#: The AWS service (its boto3 name) behind each kind of route.
SERVICES = {"sns": "sns", "notification": "sns", "eventbridge": "events", "firehose": "firehose",
            "cloudwatch": "cloudwatch", "pinpoint": "pinpoint"}


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
                    cache["document"] = event_json.event_publishing(event, configuration_set=set_name,
                                                                    identity=_identity(backend, event))
                return cache["document"]  # type: ignore[no-any-return]

            for destination in destinations:
                via = f"{set_name}/{destination.name}"
                if destination.kind == CLOUDWATCH:
                    found.append(Route(CLOUDWATCH, "AWS/SES", via, _metric(event, destination.cloudwatch_dimensions)))
                else:
                    found.append(Route(destination.kind, destination.target or "", via, build))
    if event.type in NOTIFIED:
        # A delegate send also notifies through the identity owner's topics: the owner may
        # set feedback notifications on the shared identity to go to the delegate's SNS
        # topics (developer guide, sending-authorization-identity-owner-tasks-policy).
        owners = [backend]
        if message.identity_owner is not None and message.identity_owner != backend.account_id:
            owners.append(backend.world.backend(message.identity_owner, backend.region))
        for owner in owners:
            if owner.identities.notifying:
                _notify(owner, event, found)
    return tuple(found)


def _notify(backend: Backend, event: Event, found: list[Route]) -> None:
    """The route to the notification topic of the sender identity's settings in ``backend``."""
    identity = backend.identities.settings_for(event.message.source)
    if identity is not None:
        topic = identity.notification_topic(event.type)
        if topic:
            headers = identity.headers_in_notifications(event.type)
            name = identity.name
            found.append(Route("notification", topic, name,
                               lambda: event_json.notification(event, include_headers=headers, identity=name)))


def publication(event: Event, route: Route) -> Publication:
    """What SES publishes for ``event`` along ``route``: an SNS destination's message carries
    SES's Subject, a notification topic's none (event_json.sns_subject); the text is built
    when first read."""
    kind = route.kind
    subject = event_json.sns_subject(kind) if SERVICES[kind] == "sns" else None
    return Publication(SERVICES[kind], route.target, subject, route.via, event,
                       lambda: event_json.published_text(kind, route.document))


def topic_validated(backend: Backend, configuration_set: str, destination: str, topic: str) -> Publication:
    """SES's validation message to the SNS topic of an event destination just made
    (event_json.TOPIC_VALIDATED: once per creation call, no Subject, before any event)."""
    return backend.world.emit(backend, Publication("sns", topic, None, f"{configuration_set}/{destination}", None,
                                                   lambda: event_json.TOPIC_VALIDATED))


def subscription_succeeded(backend: Backend, identity: str, notification_type: str, topic: str) -> Publication:
    """SES's ``AmazonSnsSubscriptionSucceeded`` message to a topic an identity's notifications
    of ``notification_type`` were just set to go to (event_json.subscription_succeeded)."""
    return backend.world.emit(backend, Publication(
        "sns", topic, None, identity, None,
        lambda: event_json.subscription_succeeded(topic, notification_type, identity)))


def _identity(backend: Backend, event: Event) -> str | None:
    """The identity the message was sent as (its sourceArn names it: identity/example.com
    for an address of a verified domain, as recorded)."""
    found = backend.identities.settings_for(event.message.source)
    return found.name if found is not None else None


def _metric(event: Event, dimensions: Sequence[Dimension]) -> Callable[[], dict[str, Any]]:
    """A CloudWatch destination's data point: the event type as the metric, each dimension's
    value from the message's tag or header of that name, else its default (v1 reference,
    CloudWatchDimensionConfiguration)."""
    def build() -> dict[str, Any]:
        message = event.message
        values = []
        for dimension in dimensions:
            value = None
            if dimension.source == "messageTag":
                value = message.tags.get(dimension.name)
            elif dimension.source == "emailHeader":
                value = message.mime.get(dimension.name)
            values.append((dimension.name, str(value) if value else dimension.default))
        return {"metric": event.type.replace(" ", ""), "dimensions": values}

    return build
