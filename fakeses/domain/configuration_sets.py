"""Configuration sets: one store per (account, region), seen through v1 and v2 alike.

A configuration set created with v1 ``CreateConfigurationSet`` is the set v2
``GetConfigurationSet`` reads, and an event destination created through either API reads
back through the other. The store keeps SES's meaning, not either wire's spelling:

- event types are the names SES publishes in ``eventType`` (:mod:`fakeses.domain.events`:
  "Send", "Rendering Failure", "DeliveryDelay", ...), so routing compares an event's type
  with a destination's types directly; the API layer maps v1 ``renderingFailure`` and v2
  ``RENDERING_FAILURE`` to and from them;
- TLS and HTTPS policies, suppression reasons and VDM switches are v2's spellings
  (``REQUIRE``, ``OPTIONAL``, ``BOUNCE``, ``ENABLED``); CloudWatch dimension sources are
  v1's (``messageTag``, ``emailHeader``, ``linkTag``).

Limits (developer guide, quotas: https://docs.aws.amazon.com/ses/latest/dg/quotas.html):
10,000 configuration sets per region, 10 event destinations per set, 10 dimensions per
CloudWatch destination; names of letters, digits, ``_`` and ``-``, 64 at most (v1
reference, seed 004, ConfigurationSet and EventDestination; v2 reference, seed 001).

Destination checks SES makes against other services (an SNS topic that does not exist:
F17) are not made here.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Optional

from . import clock, events
from .errors import (
    ConfigurationSetAlreadyExists,
    ConfigurationSetLimitExceeded,
    ConfigurationSetNotFound,
    EventDestinationAlreadyExists,
    EventDestinationLimitExceeded,
    EventDestinationNotFound,
    InvalidCloudWatchDestination,
    InvalidConfigurationSetName,
    InvalidEventDestination,
    SendingPoolBlank,
    SendingPoolNotFound,
    TrackingDomainMissing,
    TrackingDomainNotVerified,
    TrackingOptionsAlreadyExist,
    TrackingOptionsNotFound,
)
from .pages import page

MAX_SETS = 10_000
MAX_DESTINATIONS = 10
MAX_DIMENSIONS = 10
MAX_NAME = 64

_NAME = re.compile(r"[A-Za-z0-9_-]+")
# CloudWatch dimensions (v1 reference, seed 004, CloudWatchDimensionConfiguration): a name of
# ASCII letters, digits, _ - and :, a default value of letters, digits, _ - @ and ., both
# 256 characters at most.
_DIMENSION_NAME = re.compile(r"[A-Za-z0-9_:-]{1,256}")
_DIMENSION_VALUE = re.compile(r"[A-Za-z0-9_@.-]{1,256}")

# Destination kinds, as fakeses.domain.events.Route names them.
SNS, CLOUDWATCH, FIREHOSE, EVENTBRIDGE, PINPOINT = "sns", "cloudwatch", "firehose", "eventbridge", "pinpoint"

# Dedicated IP pools every account has; any other must be made with CreateDedicatedIpPool
# (aws-cloudformation/rain#271, recorded through CloudFormation; fakeses/domain/dedicated_ips.py).
BUILT_IN_POOLS = frozenset(("ses-default-dedicated-pool", "ses-shared-pool"))


def _built_in(pool: str) -> bool:
    return pool in BUILT_IN_POOLS


def _now() -> _dt.datetime:
    return clock.utcnow()


@dataclasses.dataclass(frozen=True, slots=True)
class Dimension:
    """One CloudWatch dimension of an event destination."""

    name: str
    #: "messageTag", "emailHeader" or "linkTag" (v1's spelling).
    source: str
    default: str


@dataclasses.dataclass(frozen=True, slots=True)
class EventDestination:
    """Where a configuration set publishes the events of the types it matches.

    Exactly one destination kind is set: ``kind`` names it and its members hold its
    ARNs (or, for CloudWatch, its dimensions). ``event_types`` are SES's published names
    (:data:`fakeses.domain.events.EVENT_TYPES`), in the order given, without repeats.
    """

    name: str
    enabled: bool
    event_types: tuple[str, ...]
    kind: str
    sns_topic_arn: Optional[str] = None
    cloudwatch_dimensions: tuple[Dimension, ...] = ()
    firehose_stream_arn: Optional[str] = None
    firehose_role_arn: Optional[str] = None
    eventbridge_bus_arn: Optional[str] = None
    pinpoint_application_arn: Optional[str] = None

    def matches(self, event_type: str) -> bool:
        """Does an event of ``event_type`` go here (the destination is enabled and lists it)?"""
        return self.enabled and event_type in self.event_types

    @property
    def target(self) -> Optional[str]:
        """The ARN events are written to (None for CloudWatch, which has no ARN)."""
        return {SNS: self.sns_topic_arn, FIREHOSE: self.firehose_stream_arn,
                EVENTBRIDGE: self.eventbridge_bus_arn, PINPOINT: self.pinpoint_application_arn}.get(self.kind)


@dataclasses.dataclass(frozen=True, slots=True)
class Tracking:
    """Open and click tracking through a custom redirect domain."""

    custom_redirect_domain: str
    #: "REQUIRE", "REQUIRE_OPEN_ONLY", "OPTIONAL" or None when never given (v2 only).
    https_policy: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class Delivery:
    """Delivery options; a member is None when it was not given."""

    #: "REQUIRE" or "OPTIONAL".
    tls_policy: Optional[str] = None
    sending_pool: Optional[str] = None
    max_delivery_seconds: Optional[int] = None


@dataclasses.dataclass(frozen=True, slots=True)
class Suppression:
    """The set's own suppression-list reasons, overriding the account's."""

    #: "BOUNCE" and/or "COMPLAINT"; empty: no suppression for sends through this set.
    reasons: tuple[str, ...] = ()
    #: ValidationOptions.ConditionThreshold: "ENABLED"/"DISABLED" and "MEDIUM"/"HIGH"/"MANAGED".
    condition_threshold: Optional[str] = None
    confidence_verdict_threshold: Optional[str] = None
    #: SuppressionScope ("ACCOUNT"/"TENANT", None: not overridden) and whether ``reasons``
    #: override: "You can use a configuration set to override the scope only, the reasons
    #: only, or both independently" (developer guide, sending-email-suppression-list-tenant-level).
    scope: Optional[str] = None
    overrides_reasons: bool = True


@dataclasses.dataclass(frozen=True, slots=True)
class Vdm:
    """Virtual Deliverability Manager switches ("ENABLED"/"DISABLED", None: account default)."""

    engagement_metrics: Optional[str] = None
    optimized_shared_delivery: Optional[str] = None


@dataclasses.dataclass
class ConfigurationSet:
    """One configuration set: its options and its event destinations, in creation order.

    Option groups never set are None. ``last_fresh_start`` is None until sending is
    disabled and enabled again (v1 reference, seed 004, ReputationOptions.LastFreshStart).
    """

    name: str
    sending_enabled: bool = True
    reputation_metrics_enabled: bool = False
    last_fresh_start: Optional[_dt.datetime] = None
    tracking: Optional[Tracking] = None
    delivery: Optional[Delivery] = None
    suppression: Optional[Suppression] = None
    vdm: Optional[Vdm] = None
    archive_arn: Optional[str] = None
    #: UpdateConfigurationSet MessageSecurityOptions: the signing scheme ("DEFAULT", or
    #: "SMIME" with its signature format, e.g. ("SMIME", "DETACHED")); None: never set.
    message_security: Optional[tuple[str, Optional[str]]] = None
    #: v2 CreateConfigurationSet Tags as (key, value) pairs; v1 sets have none (F28).
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    created_at: _dt.datetime = dataclasses.field(default_factory=_now)
    event_destinations: list[EventDestination] = dataclasses.field(default_factory=list)

    # -- sending and reputation ------------------------------------------------------
    def set_sending_enabled(self, enabled: bool) -> None:
        """Enable or pause sending. Enabling a paused set resets its reputation metrics:
        a fresh start (v1 reference, seed 004, ReputationOptions.LastFreshStart)."""
        if enabled and not self.sending_enabled:
            self.last_fresh_start = _now()
        self.sending_enabled = enabled

    # -- event destinations ----------------------------------------------------------
    def destination(self, name: str) -> Optional[EventDestination]:
        for destination in self.event_destinations:
            if destination.name == name:
                return destination
        return None

    def add_destination(self, destination: EventDestination) -> None:
        """Create an event destination. Raises :class:`EventDestinationAlreadyExists` or
        :class:`EventDestinationLimitExceeded` (10 a set: quotas page)."""
        if self.destination(destination.name) is not None:
            raise EventDestinationAlreadyExists(name=destination.name, set=self.name)
        if len(self.event_destinations) >= MAX_DESTINATIONS:
            raise EventDestinationLimitExceeded(set=self.name, limit=MAX_DESTINATIONS)
        self.event_destinations.append(destination)

    def replace_destination(self, destination: EventDestination) -> None:
        """Update an event destination in place, keeping its position.
        Raises :class:`EventDestinationNotFound`."""
        for index, existing in enumerate(self.event_destinations):
            if existing.name == destination.name:
                self.event_destinations[index] = destination
                return
        raise EventDestinationNotFound(name=destination.name, set=self.name)

    def remove_destination(self, name: str) -> None:
        """Delete an event destination. Raises :class:`EventDestinationNotFound`."""
        destination = self.destination(name)
        if destination is None:
            raise EventDestinationNotFound(name=name, set=self.name)
        self.event_destinations.remove(destination)

    def routes_for(self, event_type: str) -> list[EventDestination]:
        """The destinations an event of ``event_type`` is published to, in order."""
        return [d for d in self.event_destinations if d.matches(event_type)]


class ConfigurationSets:
    """The configuration sets of one (account, region), by name (names are case-sensitive).

    ``name in sets`` is what a send checks; :meth:`get` and :meth:`require` give the set.
    ``domain_verified`` tells whether a custom redirect domain is verified in the account,
    ``pool_exists`` whether a sending pool exists (the account's dedicated IP pools).
    """

    def __init__(self, domain_verified: Callable[[str], bool] = lambda domain: True,
                 pool_exists: Callable[[str], bool] = _built_in) -> None:
        self._by_name: dict[str, ConfigurationSet] = {}
        self._domain_verified = domain_verified
        self._pool_exists = pool_exists
        # By name, as listed; kept until a set is created or deleted (linear paging).
        self._sorted: Optional[tuple[ConfigurationSet, ...]] = None

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[ConfigurationSet]:
        return iter(list(self._by_name.values()))

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Optional[ConfigurationSet]:
        return self._by_name.get(name)

    def require(self, name: str) -> ConfigurationSet:
        """The set ``name``; raises :class:`ConfigurationSetNotFound` (F17)."""
        found = self._by_name.get(name)
        if found is None:
            raise ConfigurationSetNotFound(name=name)
        return found

    def create(
        self, name: str, *, sending_enabled: bool = True, reputation_metrics_enabled: bool = False,
        last_fresh_start: Optional[_dt.datetime] = None, tracking: Optional[Tracking] = None,
        delivery: Optional[Delivery] = None, suppression: Optional[Suppression] = None,
        vdm: Optional[Vdm] = None, archive_arn: Optional[str] = None, tags: Sequence[tuple[str, str]] = (),
    ) -> ConfigurationSet:
        """CreateConfigurationSet (v1 and v2).

        Checks, in this order: the name, the tracking and delivery options, then that no
        set has the name and that the region holds fewer than 10,000 sets. SES checks the
        options before the name is taken (floci's probes of v2, SesConfigurationSetService).
        Raises :class:`InvalidConfigurationSetName`, :class:`TrackingDomainMissing`,
        :class:`TrackingDomainNotVerified`, :class:`SendingPoolBlank`,
        :class:`SendingPoolNotFound`, :class:`ConfigurationSetAlreadyExists` or
        :class:`ConfigurationSetLimitExceeded`.
        """
        check_name(name, InvalidConfigurationSetName, "configuration set")
        if tracking is not None:
            self.check_tracking(tracking.custom_redirect_domain)
        if delivery is not None:
            check_delivery(delivery, self._pool_exists)
        if name in self._by_name:
            raise ConfigurationSetAlreadyExists(name=name)
        if len(self._by_name) >= MAX_SETS:
            raise ConfigurationSetLimitExceeded(limit=MAX_SETS)
        created = ConfigurationSet(
            name, sending_enabled=sending_enabled, reputation_metrics_enabled=reputation_metrics_enabled,
            last_fresh_start=last_fresh_start, tracking=tracking, delivery=delivery, suppression=suppression,
            vdm=vdm, archive_arn=archive_arn, tags=list(tags),
        )
        self._by_name[name] = created
        self._sorted = None
        return created

    def delete(self, name: str) -> None:
        """DeleteConfigurationSet; raises :class:`ConfigurationSetNotFound` (recorded, F17)."""
        self.require(name)
        del self._by_name[name]
        self._sorted = None

    # -- tracking options ---------------------------------------------------------------
    def create_tracking(self, name: str, domain: Optional[str]) -> None:
        """v1 CreateConfigurationSetTrackingOptions. The domain is checked before the set
        (floci PR #1479) (?). Raises :class:`TrackingDomainMissing`,
        :class:`TrackingDomainNotVerified`, :class:`ConfigurationSetNotFound` or
        :class:`TrackingOptionsAlreadyExist`."""
        self.check_tracking(domain)
        found = self.require(name)
        if found.tracking is not None:
            raise TrackingOptionsAlreadyExist(name=name)
        found.tracking = Tracking(str(domain))

    def update_tracking(self, name: str, domain: Optional[str]) -> None:
        """v1 UpdateConfigurationSetTrackingOptions: a new domain, the HTTPS policy kept.
        Raises as :meth:`create_tracking`, or :class:`TrackingOptionsNotFound`."""
        self.check_tracking(domain)
        found = self.require(name)
        if found.tracking is None:
            raise TrackingOptionsNotFound(name=name)
        found.tracking = dataclasses.replace(found.tracking, custom_redirect_domain=str(domain))

    def delete_tracking(self, name: str) -> None:
        """v1 DeleteConfigurationSetTrackingOptions. Raises :class:`TrackingOptionsNotFound`."""
        found = self.require(name)
        if found.tracking is None:
            raise TrackingOptionsNotFound(name=name)
        found.tracking = None

    def put_tracking(self, name: str, domain: Optional[str], https_policy: Optional[str]) -> None:
        """v2 PutConfigurationSetTrackingOptions: replaces the tracking options; neither
        member given removes them (?)."""
        found = self.require(name)
        if domain is None and https_policy is None:
            found.tracking = None
            return
        self.check_tracking(domain)
        found.tracking = Tracking(str(domain), https_policy)

    def put_delivery(self, name: str, delivery: Optional[Delivery]) -> None:
        """v1 and v2 PutConfigurationSetDeliveryOptions: replaces the delivery options;
        None removes them (v1 without DeliveryOptions, recorded by terraform-provider-aws'
        acceptance tests, TestAccSESConfigurationSet_Update_deliveryOptions)."""
        found = self.require(name)
        if delivery is not None:
            check_delivery(delivery, self._pool_exists)
        found.delivery = delivery

    def page(self, token: Optional[str], size: int) -> tuple[list[ConfigurationSet], Optional[str]]:
        """One page of the sets, by name as SES lists them (floci's probes,
        SesConfigurationSetService.list) (?). v1 and v2 tokens are interchangeable (F29).
        Raises :class:`fakeses.domain.pages.InvalidToken`."""
        if self._sorted is None:
            self._sorted = tuple(sorted(self._by_name.values(), key=lambda s: s.name))
        return page(self._sorted, token, size)

    # -- option checks shared by create and the Put*/tracking operations ---------------
    def check_tracking(self, domain: Optional[str]) -> None:
        """A custom redirect domain must be given and verified in the account (v1 reference,
        seed 004, InvalidTrackingOptionsException: "not verified", "not a valid domain").

        Wording and order probed by floci against v2 (2026-06-17): a blank domain, or an
        HTTPS policy without a domain, "CustomRedirectDomain must be specified."; then
        "Domain <d> is not verified under this account.". A subdomain of a verified domain
        is taken to be verified, as for sending (F10) (?).
        """
        if not domain or not domain.strip():
            raise TrackingDomainMissing()
        if not self._domain_verified(domain):
            raise TrackingDomainNotVerified(domain=domain)


def check_delivery(delivery: Delivery, pool_exists: Callable[[str], bool] = _built_in) -> None:
    """A sending pool must not be blank and must exist: one of the two built-in pools or one
    made with CreateDedicatedIpPool (floci's probes of v2, 2026-06-17;
    "SendingPool <pool1> doesn't exist" recorded through CloudFormation,
    aws-cloudformation/rain#271), on v2 CreateConfigurationSet and
    PutConfigurationSetDeliveryOptions (v1's DeliveryOptions has no pool). Raises :class:`SendingPoolBlank` or :class:`SendingPoolNotFound`."""
    pool = delivery.sending_pool
    if pool is None:
        return
    if not pool.strip():
        raise SendingPoolBlank()
    if not pool_exists(pool):
        raise SendingPoolNotFound(pool=pool)


def check_name(name: str, error: type[InvalidConfigurationSetName] | type[InvalidEventDestination], what: str) -> None:
    """Letters, digits, ``_`` and ``-``, 1 to 64 of them (seed 004; seed 001).

    The refusals are worded as SES words the same rule for message tags (F15, recorded) and
    for a configuration set name at send time ("Invalid configuration set name<...>: only
    alphanumeric ASCII characters, '_', and '-' are allowed.", quoted in
    Innovtt/Innovt.Platform MailNotificationHandler.cs); the empty and too-long texts (?).
    """
    if not name:
        raise error(message=f"The {what} name must be specified.")
    if len(name) > MAX_NAME:
        raise error(message=f"{what[0].upper()}{what[1:]} name cannot exceed {MAX_NAME} characters.")
    if not _NAME.fullmatch(name):
        raise error(message=f"Invalid {what} name <{name}>: only alphanumeric ASCII characters, '_', and '-' are allowed.")


def event_destination(
    name: str, *, enabled: bool, event_types: Iterable[str], sns_topic_arn: Optional[str] = None,
    cloudwatch_dimensions: Optional[Sequence[Dimension]] = None, firehose: Optional[tuple[str, str]] = None,
    eventbridge_bus_arn: Optional[str] = None, pinpoint_application_arn: Optional[str] = None,
) -> EventDestination:
    """A checked event destination: a valid name, at least one event type and exactly one
    destination (v1 reference, seed 004, EventDestination: "you must provide one, and only
    one, destination").

    ``firehose`` is (stream ARN, role ARN). A destination kind is given when its argument is
    not None: a Pinpoint destination without its application ARN (the model lets it be
    absent) is ``pinpoint_application_arn=""``. Raises :class:`InvalidEventDestination` or
    :class:`InvalidCloudWatchDestination`.
    """
    check_name(name, InvalidEventDestination, "event destination")
    kinds = [kind for kind, given in ((SNS, sns_topic_arn), (CLOUDWATCH, cloudwatch_dimensions),
                                      (FIREHOSE, firehose), (EVENTBRIDGE, eventbridge_bus_arn),
                                      (PINPOINT, pinpoint_application_arn)) if given is not None]
    # Texts from F17 (floci PR #1079): SES's sentence does not mention Pinpoint.
    if not kinds:
        raise InvalidEventDestination(message="Event destination is not provided.")
    if len(kinds) > 1:
        raise InvalidEventDestination(message=(
            "Please provide only one destination with each request. Either a Firehose Destination "
            "or a Cloudwatch Destination or an SNS Destination or an EventBridge Destination."))
    types = tuple(dict.fromkeys(event_types))
    if not types:
        raise InvalidEventDestination(message="At least one event type must be specified.")  # (?)
    unknown = [t for t in types if t not in events.EVENT_TYPES]
    if unknown:
        raise ValueError(f"not an SES event type: {unknown}")  # the API layer maps wire names
    dimensions: tuple[Dimension, ...] = ()
    if cloudwatch_dimensions is not None:
        dimensions = tuple(cloudwatch_dimensions)
        _check_dimensions(dimensions)
    if pinpoint_application_arn is not None and not pinpoint_application_arn:
        # floci's wording for a Pinpoint destination without its application (?).
        raise InvalidEventDestination(message="Invalid Pinpoint application ARN provided: null.")
    stream, role = firehose if firehose is not None else (None, None)
    return EventDestination(
        name, enabled, types, kinds[0], sns_topic_arn=sns_topic_arn, cloudwatch_dimensions=dimensions,
        firehose_stream_arn=stream, firehose_role_arn=role, eventbridge_bus_arn=eventbridge_bus_arn,
        pinpoint_application_arn=pinpoint_application_arn,
    )


def _check_dimensions(dimensions: Sequence[Dimension]) -> None:
    """At least one dimension, at most 10 (quotas page), each name and default value as
    the v1 reference allows (seed 004). The texts are not recorded (?)."""
    if not dimensions:
        raise InvalidCloudWatchDestination(message="CloudWatch metrics dimension configuration list cannot be empty.")
    if len(dimensions) > MAX_DIMENSIONS:
        raise InvalidCloudWatchDestination(
            message=f"A CloudWatch destination can have at most {MAX_DIMENSIONS} dimensions.")
    for dimension in dimensions:
        if not _DIMENSION_NAME.fullmatch(dimension.name):
            raise InvalidCloudWatchDestination(message=(
                f"Invalid dimension name <{dimension.name}>: only alphanumeric ASCII characters, "
                "'_', '-' and ':' are allowed, up to 256 characters."))
        if not _DIMENSION_VALUE.fullmatch(dimension.default):
            raise InvalidCloudWatchDestination(message=(
                f"Invalid default dimension value <{dimension.default}>: only alphanumeric ASCII "
                "characters, '_', '-', '@' and '.' are allowed, up to 256 characters."))
