"""Configuration sets: v1 *ConfigurationSet* beside v2 *ConfigurationSet*, one store.

Both APIs read and change ``backend.configuration_sets``
(:mod:`fakeses.domain.configuration_sets`). The handlers translate the wire's spellings
(v1 ``renderingFailure``/``Require``/``messageTag``, v2 ``RENDERING_FAILURE``/``REQUIRE``/
``MESSAGE_TAG``) to the store's and back. Sources of each behaviour are beside the domain
code and in tests/e2e/test_configuration_sets.py; F* facts are in the shared research notes.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import events, routing, tenants
from ..domain.configuration_sets import (
    SNS,
    ConfigurationSet,
    Delivery,
    Dimension,
    EventDestination,
    Suppression,
    Tracking,
    Vdm,
    event_destination,
)
from ..domain.errors import (
    BadRequest,
    ConfigurationSetPageSizeOutOfRange,
    ConfigurationSetPageToken,
    InvalidSnsDestination,
)
from ..domain.pages import InvalidToken
from ..domain.state import Backend
from . import operation
from .tags import given

# Event types as each API spells them (the models' EventType enums), to SES's published names.
V1_EVENT_TYPES = {
    "send": events.SEND, "reject": events.REJECT, "bounce": events.BOUNCE, "complaint": events.COMPLAINT,
    "delivery": events.DELIVERY, "open": events.OPEN, "click": events.CLICK,
    "renderingFailure": events.RENDERING_FAILURE,
}
V2_EVENT_TYPES = {
    "SEND": events.SEND, "REJECT": events.REJECT, "BOUNCE": events.BOUNCE, "COMPLAINT": events.COMPLAINT,
    "DELIVERY": events.DELIVERY, "OPEN": events.OPEN, "CLICK": events.CLICK,
    "RENDERING_FAILURE": events.RENDERING_FAILURE, "DELIVERY_DELAY": events.DELIVERY_DELAY,
    "SUBSCRIPTION": events.SUBSCRIPTION,
}
_V1_NAMES = {canonical: wire for wire, canonical in V1_EVENT_TYPES.items()}
_V2_NAMES = {canonical: wire for wire, canonical in V2_EVENT_TYPES.items()}
# CloudWatch dimension sources: the store keeps v1's spelling.
_V2_SOURCES = {"MESSAGE_TAG": "messageTag", "EMAIL_HEADER": "emailHeader", "LINK_TAG": "linkTag"}
_V2_SOURCE_NAMES = {v1: v2 for v2, v1 in _V2_SOURCES.items()}
# TLS policies: the store keeps v2's spelling.
_V1_TLS = {"Require": "REQUIRE", "Optional": "OPTIONAL"}
_V1_TLS_NAMES = {v2: v1 for v1, v2 in _V1_TLS.items()}

# Pages (floci's probes of SES, SesListPaging.java; F29): 50 sets unless asked otherwise,
# at most 1000; v1 serves 50 for a MaxItems out of 1..1000, v2 refuses it.
DEFAULT_PAGE = 50
MAX_PAGE = 1000


def _page(backend: Backend, token: Optional[str], size: int) -> tuple[list[ConfigurationSet], Optional[str]]:
    try:
        return backend.configuration_sets.page(token, size)
    except InvalidToken:
        raise ConfigurationSetPageToken(token=token) from None


def _checked(backend: Backend, destination: EventDestination) -> EventDestination:
    """SES checks an SNS destination's topic when the destination is made: "SNS topic <arn>
    not found." (F17). fakeses can only ask when moto is active (fakeses/_publish.py)."""
    exists = backend.world.destination_exists
    if destination.kind == "sns" and destination.target and exists is not None \
            and not exists(backend, "sns", destination.target):
        raise InvalidSnsDestination(arn=destination.target)
    return destination


def _add(backend: Backend, found: ConfigurationSet, destination: EventDestination) -> None:
    """Create ``destination``; an SNS one gets SES's validation message, once per call, after
    the set and topic checks pass (LocalStack AWS snapshot 2023-08-25, v1; laravel-ses #10,
    v2, 2024-06-17: one message whatever the number of event types). Whether SES sends it
    to a destination created disabled is not recorded: sent (?), as LocalStack does, since
    it is SES checking the topic, which it does for every destination made."""
    found.add_destination(_checked(backend, destination))
    if destination.kind == SNS and destination.sns_topic_arn:
        routing.topic_validated(backend, found.name, destination.name, destination.sns_topic_arn)


def _replace(backend: Backend, found: ConfigurationSet, destination: EventDestination) -> None:
    """Update ``destination`` in place. No recording shows SES validating on update (?):
    a topic the destination did not publish to before gets the validation message, as a new
    destination's does; the same topic, or a change of types or of enabled, gets nothing
    (docs/_research/unasked-events.md 1.2)."""
    before = found.destination(destination.name)
    found.replace_destination(_checked(backend, destination))
    topic = destination.sns_topic_arn
    if destination.kind == SNS and topic and (before is None or before.sns_topic_arn != topic):
        routing.topic_validated(backend, found.name, destination.name, topic)


# -- v1 ----------------------------------------------------------------------------------

def _v1_destination(given: dict[str, Any]) -> EventDestination:
    firehose = given.get("KinesisFirehoseDestination")
    cloudwatch = given.get("CloudWatchDestination")
    sns = given.get("SNSDestination")
    return event_destination(
        given["Name"], enabled=given.get("Enabled", False),  # "The default value is false" (seed 004)
        event_types=[V1_EVENT_TYPES[t] for t in given["MatchingEventTypes"]],
        sns_topic_arn=sns["TopicARN"] if sns is not None else None,
        cloudwatch_dimensions=None if cloudwatch is None else [
            Dimension(d["DimensionName"], d["DimensionValueSource"], d["DefaultDimensionValue"])
            for d in cloudwatch["DimensionConfigurations"]],
        firehose=None if firehose is None else (firehose["DeliveryStreamARN"], firehose["IAMRoleARN"]),
    )


def _v1_destination_out(destination: EventDestination) -> dict[str, Any]:
    # v1 has no name for DeliveryDelay and Subscription, nor for EventBridge and Pinpoint
    # destinations: a destination created through v2 reads back without them (?).
    out: dict[str, Any] = {
        "Name": destination.name, "Enabled": destination.enabled,
        "MatchingEventTypes": [_V1_NAMES[t] for t in destination.event_types if t in _V1_NAMES],
    }
    if destination.sns_topic_arn is not None:
        out["SNSDestination"] = {"TopicARN": destination.sns_topic_arn}
    elif destination.firehose_stream_arn is not None:
        out["KinesisFirehoseDestination"] = {"IAMRoleARN": destination.firehose_role_arn,
                                             "DeliveryStreamARN": destination.firehose_stream_arn}
    elif destination.cloudwatch_dimensions:
        out["CloudWatchDestination"] = {"DimensionConfigurations": [
            {"DimensionName": d.name, "DimensionValueSource": d.source, "DefaultDimensionValue": d.default}
            for d in destination.cloudwatch_dimensions]}
    return out


@operation("ses", "CreateConfigurationSet")
def create_configuration_set(backend: Backend, *, ConfigurationSet: dict[str, Any]) -> dict[str, Any]:
    # A v1 set starts with reputation metrics off (seed 004, ReputationOptions; recorded by
    # terraform-provider-aws' TestAccSESConfigurationSet_basic: reputation_metrics_enabled false).
    backend.configuration_sets.create(ConfigurationSet["Name"])
    return {}


@operation("ses", "DescribeConfigurationSet")
def describe_configuration_set(backend: Backend, *, ConfigurationSetName: str,
                               ConfigurationSetAttributeNames: Optional[list[str]] = None) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    wanted = set(ConfigurationSetAttributeNames or ())
    # Only the attributes asked for are answered (awsdocs/amazon-ses-developer-guide#19: no
    # ReputationOptions without reputationOptions). Delivery and tracking options never set
    # are left out (terraform-provider-aws TestAccSESConfigurationSet_basic:
    # delivery_options.# = 0, tracking_options.# = 0).
    out: dict[str, Any] = {"ConfigurationSet": {"Name": found.name}}
    if "eventDestinations" in wanted:
        out["EventDestinations"] = [_v1_destination_out(d) for d in found.event_destinations]
    if "trackingOptions" in wanted and found.tracking is not None:
        out["TrackingOptions"] = {"CustomRedirectDomain": found.tracking.custom_redirect_domain}
    if "deliveryOptions" in wanted and found.delivery is not None:
        out["DeliveryOptions"] = {"TlsPolicy": _V1_TLS_NAMES[found.delivery.tls_policy or "OPTIONAL"]}
    if "reputationOptions" in wanted:
        reputation: dict[str, Any] = {"SendingEnabled": found.sending_enabled,
                                      "ReputationMetricsEnabled": found.reputation_metrics_enabled}
        if found.last_fresh_start is not None:
            reputation["LastFreshStart"] = found.last_fresh_start
        out["ReputationOptions"] = reputation
    return out


@operation("ses", "ListConfigurationSets")
def list_configuration_sets(backend: Backend, *, NextToken: Optional[str] = None,
                            MaxItems: Optional[int] = None) -> dict[str, Any]:
    size = MaxItems if MaxItems is not None and 1 <= MaxItems <= MAX_PAGE else DEFAULT_PAGE
    items, token = _page(backend, NextToken, size)
    return {"ConfigurationSets": [{"Name": s.name} for s in items], "NextToken": token}


@operation("ses", "DeleteConfigurationSet")
def delete_configuration_set(backend: Backend, *, ConfigurationSetName: str) -> dict[str, Any]:
    tenants.check_deletable(backend, "configuration-set", ConfigurationSetName)
    backend.configuration_sets.delete(ConfigurationSetName)
    return {}


@operation("ses", "CreateConfigurationSetEventDestination")
def create_configuration_set_event_destination(backend: Backend, *, ConfigurationSetName: str,
                                               EventDestination: dict[str, Any]) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    _add(backend, found, _v1_destination(EventDestination))
    return {}


@operation("ses", "UpdateConfigurationSetEventDestination")
def update_configuration_set_event_destination(backend: Backend, *, ConfigurationSetName: str,
                                               EventDestination: dict[str, Any]) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    _replace(backend, found, _v1_destination(EventDestination))
    return {}


@operation("ses", "DeleteConfigurationSetEventDestination")
def delete_configuration_set_event_destination(backend: Backend, *, ConfigurationSetName: str,
                                               EventDestinationName: str) -> dict[str, Any]:
    backend.configuration_sets.require(ConfigurationSetName).remove_destination(EventDestinationName)
    return {}


@operation("ses", "CreateConfigurationSetTrackingOptions")
def create_configuration_set_tracking_options(backend: Backend, *, ConfigurationSetName: str,
                                              TrackingOptions: dict[str, Any]) -> dict[str, Any]:
    backend.configuration_sets.create_tracking(ConfigurationSetName, TrackingOptions.get("CustomRedirectDomain"))
    return {}


@operation("ses", "UpdateConfigurationSetTrackingOptions")
def update_configuration_set_tracking_options(backend: Backend, *, ConfigurationSetName: str,
                                              TrackingOptions: dict[str, Any]) -> dict[str, Any]:
    backend.configuration_sets.update_tracking(ConfigurationSetName, TrackingOptions.get("CustomRedirectDomain"))
    return {}


@operation("ses", "DeleteConfigurationSetTrackingOptions")
def delete_configuration_set_tracking_options(backend: Backend, *, ConfigurationSetName: str) -> dict[str, Any]:
    backend.configuration_sets.delete_tracking(ConfigurationSetName)
    return {}


@operation("ses", "UpdateConfigurationSetSendingEnabled")
def update_configuration_set_sending_enabled(backend: Backend, *, ConfigurationSetName: str,
                                             Enabled: bool) -> dict[str, Any]:
    backend.configuration_sets.require(ConfigurationSetName).set_sending_enabled(Enabled)
    return {}


@operation("ses", "UpdateConfigurationSetReputationMetricsEnabled")
def update_configuration_set_reputation_metrics_enabled(backend: Backend, *, ConfigurationSetName: str,
                                                        Enabled: bool) -> dict[str, Any]:
    backend.configuration_sets.require(ConfigurationSetName).reputation_metrics_enabled = Enabled
    return {}


@operation("ses", "PutConfigurationSetDeliveryOptions")
def put_configuration_set_delivery_options(backend: Backend, *, ConfigurationSetName: str,
                                           DeliveryOptions: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    # Without DeliveryOptions the options are removed (terraform-provider-aws acceptance
    # test TestAccSESConfigurationSet_Update_deliveryOptions); a policy left out is "Optional" (?).
    delivery = None
    if DeliveryOptions is not None:
        delivery = Delivery(tls_policy=_V1_TLS[DeliveryOptions.get("TlsPolicy", "Optional")])
    backend.configuration_sets.put_delivery(ConfigurationSetName, delivery)
    return {}


# -- v2 ----------------------------------------------------------------------------------

def _v2_destination(name: str, given: dict[str, Any]) -> EventDestination:
    firehose = given.get("KinesisFirehoseDestination")
    cloudwatch = given.get("CloudWatchDestination")
    sns = given.get("SnsDestination")
    eventbridge = given.get("EventBridgeDestination")
    pinpoint = given.get("PinpointDestination")
    return event_destination(
        name, enabled=given.get("Enabled", False),  # a boolean left out is false (?)
        event_types=[V2_EVENT_TYPES[t] for t in given.get("MatchingEventTypes", ())],
        sns_topic_arn=sns["TopicArn"] if sns is not None else None,
        cloudwatch_dimensions=None if cloudwatch is None else [
            Dimension(d["DimensionName"], _V2_SOURCES[d["DimensionValueSource"]], d["DefaultDimensionValue"])
            for d in cloudwatch["DimensionConfigurations"]],
        firehose=None if firehose is None else (firehose["DeliveryStreamArn"], firehose["IamRoleArn"]),
        eventbridge_bus_arn=eventbridge["EventBusArn"] if eventbridge is not None else None,
        pinpoint_application_arn=pinpoint.get("ApplicationArn", "") if pinpoint is not None else None,
    )


def _v2_destination_out(destination: EventDestination) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Name": destination.name, "Enabled": destination.enabled,
        "MatchingEventTypes": [_V2_NAMES[t] for t in destination.event_types],
    }
    if destination.sns_topic_arn is not None:
        out["SnsDestination"] = {"TopicArn": destination.sns_topic_arn}
    elif destination.firehose_stream_arn is not None:
        out["KinesisFirehoseDestination"] = {"IamRoleArn": destination.firehose_role_arn,
                                             "DeliveryStreamArn": destination.firehose_stream_arn}
    elif destination.cloudwatch_dimensions:
        out["CloudWatchDestination"] = {"DimensionConfigurations": [
            {"DimensionName": d.name, "DimensionValueSource": _V2_SOURCE_NAMES[d.source],
             "DefaultDimensionValue": d.default}
            for d in destination.cloudwatch_dimensions]}
    elif destination.eventbridge_bus_arn is not None:
        out["EventBridgeDestination"] = {"EventBusArn": destination.eventbridge_bus_arn}
    elif destination.pinpoint_application_arn is not None:
        out["PinpointDestination"] = {"ApplicationArn": destination.pinpoint_application_arn}
    return out


def _tracking(given: Optional[dict[str, Any]]) -> Optional[Tracking]:
    if given is None:
        return None
    return Tracking(given["CustomRedirectDomain"], given.get("HttpsPolicy"))


def _delivery(tls_policy: Optional[str], pool: Optional[str], max_seconds: Optional[int]) -> Optional[Delivery]:
    if tls_policy is None and pool is None and max_seconds is None:
        return None  # nothing given: no delivery options (floci PR #1412) (?)
    return Delivery(tls_policy=tls_policy, sending_pool=pool, max_delivery_seconds=max_seconds)


def _suppression(reasons: Optional[list[str]], validation: Optional[dict[str, Any]],
                 scope: Optional[str] = None) -> Suppression:
    threshold = (validation or {}).get("ConditionThreshold") or {}
    return Suppression(
        reasons=tuple(dict.fromkeys(reasons or ())),
        # A scope alone leaves the reasons to the tenant or account (developer guide) (?).
        scope=scope, overrides_reasons=reasons is not None or scope is None,
        condition_threshold=threshold.get("ConditionThresholdEnabled"),
        confidence_verdict_threshold=(threshold.get("OverallConfidenceThreshold") or {}).get(
            "ConfidenceVerdictThreshold"),
    )


def _vdm(given: Optional[dict[str, Any]]) -> Optional[Vdm]:
    if given is None:
        return None
    return Vdm(engagement_metrics=(given.get("DashboardOptions") or {}).get("EngagementMetrics"),
               optimized_shared_delivery=(given.get("GuardianOptions") or {}).get("OptimizedSharedDelivery"))


@operation("sesv2", "CreateConfigurationSet")
def create_configuration_set_v2(
    backend: Backend, *, ConfigurationSetName: str, TrackingOptions: Optional[dict[str, Any]] = None,
    DeliveryOptions: Optional[dict[str, Any]] = None, ReputationOptions: Optional[dict[str, Any]] = None,
    SendingOptions: Optional[dict[str, Any]] = None, Tags: Optional[list[dict[str, str]]] = None,
    SuppressionOptions: Optional[dict[str, Any]] = None, VdmOptions: Optional[dict[str, Any]] = None,
    ArchivingOptions: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    # Without ReputationOptions a v2 set has reputation metrics on (aws/aws-cdk#30968, a set
    # created through CloudFormation; floci PR #1479); a group given without its boolean
    # has it off, as PutConfigurationSetSendingOptions {} turns sending off (floci, probed).
    delivery = DeliveryOptions or {}
    backend.configuration_sets.create(
        ConfigurationSetName,
        sending_enabled=SendingOptions.get("SendingEnabled", False) if SendingOptions is not None else True,
        reputation_metrics_enabled=(ReputationOptions.get("ReputationMetricsEnabled", False)
                                    if ReputationOptions is not None else True),
        last_fresh_start=(ReputationOptions or {}).get("LastFreshStart"),
        tracking=_tracking(TrackingOptions),
        delivery=_delivery(delivery.get("TlsPolicy"), delivery.get("SendingPoolName"),
                           delivery.get("MaxDeliverySeconds")),
        suppression=(_suppression(SuppressionOptions.get("SuppressedReasons"),
                                  SuppressionOptions.get("ValidationOptions"), SuppressionOptions.get("SuppressionScope"))
                     if SuppressionOptions is not None else None),
        vdm=_vdm(VdmOptions),
        archive_arn=(ArchivingOptions or {}).get("ArchiveArn"),
        tags=given(Tags),
    )
    return {}


@operation("sesv2", "GetConfigurationSet")
def get_configuration_set(backend: Backend, *, ConfigurationSetName: str) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    # Groups never set are left out; reputation and sending are always answered (?).
    reputation: dict[str, Any] = {"ReputationMetricsEnabled": found.reputation_metrics_enabled}
    if found.last_fresh_start is not None:
        reputation["LastFreshStart"] = found.last_fresh_start
    out: dict[str, Any] = {
        "ConfigurationSetName": found.name,
        "ReputationOptions": reputation,
        "SendingOptions": {"SendingEnabled": found.sending_enabled},
        "Tags": [{"Key": key, "Value": value} for key, value in found.tags],
    }
    if found.tracking is not None:
        tracking: dict[str, Any] = {"CustomRedirectDomain": found.tracking.custom_redirect_domain}
        if found.tracking.https_policy is not None:
            tracking["HttpsPolicy"] = found.tracking.https_policy
        out["TrackingOptions"] = tracking
    if found.delivery is not None:
        delivery: dict[str, Any] = {}
        if found.delivery.tls_policy is not None:
            delivery["TlsPolicy"] = found.delivery.tls_policy
        if found.delivery.sending_pool is not None:
            delivery["SendingPoolName"] = found.delivery.sending_pool
        if found.delivery.max_delivery_seconds is not None:
            delivery["MaxDeliverySeconds"] = found.delivery.max_delivery_seconds
        out["DeliveryOptions"] = delivery
    if found.suppression is not None:
        suppression: dict[str, Any] = {"SuppressedReasons": list(found.suppression.reasons)}
        if found.suppression.scope is not None:
            suppression["SuppressionScope"] = found.suppression.scope
        if found.suppression.condition_threshold is not None:
            threshold: dict[str, Any] = {"ConditionThresholdEnabled": found.suppression.condition_threshold}
            if found.suppression.confidence_verdict_threshold is not None:
                threshold["OverallConfidenceThreshold"] = {
                    "ConfidenceVerdictThreshold": found.suppression.confidence_verdict_threshold}
            suppression["ValidationOptions"] = {"ConditionThreshold": threshold}
        out["SuppressionOptions"] = suppression
    if found.vdm is not None:
        vdm: dict[str, Any] = {}
        if found.vdm.engagement_metrics is not None:
            vdm["DashboardOptions"] = {"EngagementMetrics": found.vdm.engagement_metrics}
        if found.vdm.optimized_shared_delivery is not None:
            vdm["GuardianOptions"] = {"OptimizedSharedDelivery": found.vdm.optimized_shared_delivery}
        out["VdmOptions"] = vdm
    if found.archive_arn is not None:
        out["ArchivingOptions"] = {"ArchiveArn": found.archive_arn}
    if found.message_security is not None:
        scheme, signature_format = found.message_security
        out["MessageSecurityOptions"] = {"SigningScheme": (
            {"DefaultScheme": {}} if scheme == "DEFAULT"
            else {"SmimeScheme": {} if signature_format is None else {"SignatureFormat": signature_format}})}
    return out


@operation("sesv2", "ListConfigurationSets")
def list_configuration_sets_v2(backend: Backend, *, NextToken: Optional[str] = None,
                               PageSize: Optional[int] = None) -> dict[str, Any]:
    if PageSize is not None and not 1 <= PageSize <= MAX_PAGE:
        raise ConfigurationSetPageSizeOutOfRange()
    items, token = _page(backend, NextToken, DEFAULT_PAGE if PageSize is None else PageSize)
    return {"ConfigurationSets": [s.name for s in items], "NextToken": token}


@operation("sesv2", "DeleteConfigurationSet")
def delete_configuration_set_v2(backend: Backend, *, ConfigurationSetName: str) -> dict[str, Any]:
    tenants.check_deletable(backend, "configuration-set", ConfigurationSetName)
    backend.configuration_sets.delete(ConfigurationSetName)
    return {}


@operation("sesv2", "PutConfigurationSetArchivingOptions")
def put_configuration_set_archiving_options(backend: Backend, *, ConfigurationSetName: str,
                                            ArchiveArn: Optional[str] = None) -> dict[str, Any]:
    # Without ArchiveArn archiving stops (?). The archive itself (Mail Manager) is not checked.
    backend.configuration_sets.require(ConfigurationSetName).archive_arn = ArchiveArn
    return {}


@operation("sesv2", "PutConfigurationSetDeliveryOptions")
def put_configuration_set_delivery_options_v2(
    backend: Backend, *, ConfigurationSetName: str, TlsPolicy: Optional[str] = None,
    SendingPoolName: Optional[str] = None, MaxDeliverySeconds: Optional[int] = None,
) -> dict[str, Any]:
    backend.configuration_sets.put_delivery(ConfigurationSetName,
                                            _delivery(TlsPolicy, SendingPoolName, MaxDeliverySeconds))
    return {}


@operation("sesv2", "PutConfigurationSetReputationOptions")
def put_configuration_set_reputation_options(backend: Backend, *, ConfigurationSetName: str,
                                             ReputationMetricsEnabled: Optional[bool] = None) -> dict[str, Any]:
    # Left out it is false, as SendingEnabled is for PutConfigurationSetSendingOptions (?).
    backend.configuration_sets.require(ConfigurationSetName).reputation_metrics_enabled = bool(ReputationMetricsEnabled)
    return {}


@operation("sesv2", "PutConfigurationSetSendingOptions")
def put_configuration_set_sending_options(backend: Backend, *, ConfigurationSetName: str,
                                          SendingEnabled: Optional[bool] = None) -> dict[str, Any]:
    # Left out, SendingEnabled is false: an empty body pauses sending (floci, probed).
    backend.configuration_sets.require(ConfigurationSetName).set_sending_enabled(bool(SendingEnabled))
    return {}


@operation("sesv2", "PutConfigurationSetSuppressionOptions")
def put_configuration_set_suppression_options(
    backend: Backend, *, ConfigurationSetName: str, SuppressedReasons: Optional[list[str]] = None,
    ValidationOptions: Optional[dict[str, Any]] = None, SuppressionScope: Optional[str] = None,
) -> dict[str, Any]:
    # No reasons: nothing is suppressed for sends through the set (an empty list is kept,
    # it does not fall back to the account's list; floci docs/services/ses.md) (?).
    found = backend.configuration_sets.require(ConfigurationSetName)
    found.suppression = _suppression(SuppressedReasons, ValidationOptions, SuppressionScope)
    return {}


@operation("sesv2", "PutConfigurationSetTrackingOptions")
def put_configuration_set_tracking_options(backend: Backend, *, ConfigurationSetName: str,
                                           CustomRedirectDomain: Optional[str] = None,
                                           HttpsPolicy: Optional[str] = None) -> dict[str, Any]:
    backend.configuration_sets.put_tracking(ConfigurationSetName, CustomRedirectDomain, HttpsPolicy)
    return {}


@operation("sesv2", "PutConfigurationSetVdmOptions")
def put_configuration_set_vdm_options(backend: Backend, *, ConfigurationSetName: str,
                                      VdmOptions: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    backend.configuration_sets.require(ConfigurationSetName).vdm = _vdm(VdmOptions)
    return {}


@operation("sesv2", "CreateConfigurationSetEventDestination")
def create_configuration_set_event_destination_v2(backend: Backend, *, ConfigurationSetName: str,
                                                  EventDestinationName: str,
                                                  EventDestination: dict[str, Any]) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    _add(backend, found, _v2_destination(EventDestinationName, EventDestination))
    return {}


@operation("sesv2", "GetConfigurationSetEventDestinations")
def get_configuration_set_event_destinations(backend: Backend, *, ConfigurationSetName: str) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    return {"EventDestinations": [_v2_destination_out(d) for d in found.event_destinations]}


@operation("sesv2", "UpdateConfigurationSetEventDestination")
def update_configuration_set_event_destination_v2(backend: Backend, *, ConfigurationSetName: str,
                                                  EventDestinationName: str,
                                                  EventDestination: dict[str, Any]) -> dict[str, Any]:
    found = backend.configuration_sets.require(ConfigurationSetName)
    _replace(backend, found, _v2_destination(EventDestinationName, EventDestination))
    return {}


@operation("sesv2", "DeleteConfigurationSetEventDestination")
def delete_configuration_set_event_destination_v2(backend: Backend, *, ConfigurationSetName: str,
                                                  EventDestinationName: str) -> dict[str, Any]:
    backend.configuration_sets.require(ConfigurationSetName).remove_destination(EventDestinationName)
    return {}


@operation("sesv2", "UpdateConfigurationSet")
def update_configuration_set(backend: Backend, *, ConfigurationSetName: str,
                             MessageSecurityOptions: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    # A partial update: only the groups given change (the model's documentation).
    found = backend.configuration_sets.require(ConfigurationSetName)
    if MessageSecurityOptions is not None:
        scheme = MessageSecurityOptions.get("SigningScheme") or {}
        chosen = [name for name in ("DefaultScheme", "SmimeScheme") if scheme.get(name) is not None]
        if len(chosen) != 1:
            # SigningScheme is a union: exactly one member (botocore refuses others client-side).
            raise BadRequest(message="SigningScheme must specify exactly one of DefaultScheme or SmimeScheme.")
        found.message_security = (("DEFAULT", None) if chosen == ["DefaultScheme"]
                                  else ("SMIME", scheme["SmimeScheme"].get("SignatureFormat")))
    return {}
