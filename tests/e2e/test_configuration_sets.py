"""Configuration sets through boto3: v1 *ConfigurationSet* and v2 *ConfigurationSet*, one store.

Each answer is held to the output shape and each error to the operation's declared errors
(tests/e2e/conftest.py). Recorded SES answers are cited beside the tests that hold them:
"LS snapshot" is localstack/localstack tests/aws/services/ses/test_ses.snapshot.json,
recorded against AWS on 2023-08-26; "terraform" is hashicorp/terraform-provider-aws
internal/service/ses/configuration_set_test.go, acceptance tests run against AWS. F* facts
are in the shared research user-needs.md; "(?)" marks a choice no recording settles.
"""
from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from support.clients import ask, body, client, error_of, unchecked_client
from support.model import needs_member

from fakeses.domain import clock

TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events"
BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/ses"
ROLE = "arn:aws:iam::123456789012:role/ses-firehose"
ARCHIVE = "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz"


def refused(call, **params) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a call that must fail."""
    with pytest.raises(ClientError) as raised:
        call(**params)
    return error_of(raised)


def sns_destination(name="to-sns", types=("send", "bounce", "delivery", "open", "click")) -> dict:
    return {"Name": name, "Enabled": True, "MatchingEventTypes": list(types), "SNSDestination": {"TopicARN": TOPIC}}


def describe(v1, name, *attributes) -> dict:
    return body(v1.describe_configuration_set(ConfigurationSetName=name,
                                              ConfigurationSetAttributeNames=list(attributes)))


# -- v1: the set itself ------------------------------------------------------------------------

def test_a_v1_set_is_described_listed_and_deleted(v1, ses_backend):
    assert body(v1.create_configuration_set(ConfigurationSet={"Name": "marketing"})) == {}
    assert describe(v1, "marketing") == {"ConfigurationSet": {"Name": "marketing"}}
    assert body(v1.list_configuration_sets()) == {"ConfigurationSets": [{"Name": "marketing"}]}
    v1.delete_configuration_set(ConfigurationSetName="marketing")
    assert body(v1.list_configuration_sets()) == {"ConfigurationSets": []}


def test_creating_a_set_twice_is_refused(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "marketing"})
    assert refused(v1.create_configuration_set, ConfigurationSet={"Name": "marketing"}) == (
        "ConfigurationSetAlreadyExists", 400, "Configuration set <marketing> already exists.")


@pytest.mark.parametrize(("name", "message"), [
    # "Invalid configuration set name<Não Responda>: only alphanumeric ASCII characters, '_',
    # and '-' are allowed." (SES at send time, quoted in Innovtt/Innovt.Platform; the space
    # before "<" as in the recorded tag texts, F15).
    ("bad name!", "Invalid configuration set name <bad name!>: only alphanumeric ASCII characters, '_', and '-' are allowed."),
    ("a" * 65, "Configuration set name cannot exceed 64 characters."),  # (?)
    ("", "The configuration set name must be specified."),  # (?)
])
def test_a_set_name_other_than_letters_digits_dash_underscore_up_to_64_is_refused(v1, ses_backend, name, message):
    # seed 004, ConfigurationSet.Name; the model's InvalidConfigurationSetException.
    assert refused(v1.create_configuration_set, ConfigurationSet={"Name": name}) == (
        "InvalidConfigurationSet", 400, message)
    assert body(v1.list_configuration_sets()) == {"ConfigurationSets": []}


def test_a_name_of_64_letters_digits_dashes_and_underscores_is_accepted(v1, ses_backend):
    name = "Ab_-9" + "x" * 59
    v1.create_configuration_set(ConfigurationSet={"Name": name})
    assert describe(v1, name)["ConfigurationSet"] == {"Name": name}


@pytest.mark.parametrize("op", ["describe_configuration_set", "delete_configuration_set",
                                "update_configuration_set_sending_enabled"])
def test_an_unknown_set_does_not_exist_with_its_name_in_angle_brackets(v1, ses_backend, op):
    # LS snapshot test_deleting_non_existent_configuration_set: "Configuration set
    # <<config-set>> does not exist." after the name became "<config-set>"; F17.
    params = {"ConfigurationSetName": "config-set-1234"}
    if op == "update_configuration_set_sending_enabled":
        params["Enabled"] = True
    assert refused(getattr(v1, op), **params) == (
        "ConfigurationSetDoesNotExist", 400, "Configuration set <config-set-1234> does not exist.")


def test_only_the_attributes_asked_for_are_described(v1, ses_backend):
    # awsdocs/amazon-ses-developer-guide#19: no ReputationOptions unless asked for.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert describe(v1, "s", "reputationOptions") == {
        "ConfigurationSet": {"Name": "s"},
        # terraform TestAccSESConfigurationSet_basic: sending on, reputation metrics off.
        "ReputationOptions": {"SendingEnabled": True, "ReputationMetricsEnabled": False},
    }
    # Delivery and tracking options never set are not answered (terraform _basic:
    # delivery_options.# = 0, tracking_options.# = 0); no destinations is an empty list (?).
    assert describe(v1, "s", "deliveryOptions", "trackingOptions", "eventDestinations") == {
        "ConfigurationSet": {"Name": "s"}, "EventDestinations": []}


def test_pausing_and_resuming_sending_is_a_fresh_start(v1, ses_backend):
    # seed 004, ReputationOptions.LastFreshStart: set when sending is disabled and re-enabled.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.update_configuration_set_sending_enabled(ConfigurationSetName="s", Enabled=False)
    assert describe(v1, "s", "reputationOptions")["ReputationOptions"] == {
        "SendingEnabled": False, "ReputationMetricsEnabled": False}
    before = clock.utcnow().replace(microsecond=0)
    v1.update_configuration_set_sending_enabled(ConfigurationSetName="s", Enabled=True)
    reputation = describe(v1, "s", "reputationOptions")["ReputationOptions"]
    assert reputation["SendingEnabled"] is True
    assert reputation["LastFreshStart"] >= before
    assert ses_backend.backend().configuration_sets.get("s").sending_enabled is True


def test_reputation_metrics_are_switched(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName="s", Enabled=True)
    assert describe(v1, "s", "reputationOptions")["ReputationOptions"]["ReputationMetricsEnabled"] is True


def test_delivery_options_are_put_replaced_and_removed(v1, ses_backend):
    # terraform _deliveryOptions, _Update_deliveryOptions, _emptyDeliveryOptions.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.put_configuration_set_delivery_options(ConfigurationSetName="s", DeliveryOptions={"TlsPolicy": "Require"})
    assert describe(v1, "s", "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Require"}
    v1.put_configuration_set_delivery_options(ConfigurationSetName="s", DeliveryOptions={"TlsPolicy": "Optional"})
    assert describe(v1, "s", "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Optional"}
    # Without DeliveryOptions (botocore sends none for an empty structure) they are removed.
    v1.put_configuration_set_delivery_options(ConfigurationSetName="s")
    assert "DeliveryOptions" not in describe(v1, "s", "deliveryOptions")


# -- v1: tracking options ----------------------------------------------------------------------

def test_a_tracking_domain_must_be_verified(v1, ses_backend):
    # seed 004 InvalidTrackingOptionsException: "the tracking domain ... is not verified";
    # wording probed by floci on v2 (2026-06-17).
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert refused(v1.create_configuration_set_tracking_options, ConfigurationSetName="s",
                   TrackingOptions={"CustomRedirectDomain": "click.example.com"}) == (
        "InvalidTrackingOptions", 400, "Domain <click.example.com> is not verified under this account.")


def test_the_domain_is_checked_before_the_set(v1, ses_backend):
    # floci PR #1479 (?)
    assert refused(v1.create_configuration_set_tracking_options, ConfigurationSetName="nope",
                   TrackingOptions={"CustomRedirectDomain": "click.example.com"})[0] == "InvalidTrackingOptions"


def test_tracking_options_without_a_domain_are_refused(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert refused(v1.create_configuration_set_tracking_options, ConfigurationSetName="s",
                   TrackingOptions={"CustomRedirectDomain": ""}) == (
        "InvalidTrackingOptions", 400, "At least one field of TrackingOptions must contain a value.")  # (?)
    # An empty structure is not sent at all by botocore: the required member is missing
    # (G1 wording; floci has SES answer the same).
    assert refused(v1.create_configuration_set_tracking_options, ConfigurationSetName="s", TrackingOptions={}) == (
        "ValidationError", 400,
        "1 validation error detected: Value null at 'trackingOptions' failed to satisfy constraint: "
        "Member must not be null")


def test_tracking_options_are_created_once_updated_and_deleted(v1, ses_backend):
    ses_backend.verify_identity("example.com")
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.create_configuration_set_tracking_options(ConfigurationSetName="s",
                                                 TrackingOptions={"CustomRedirectDomain": "click.example.com"})
    assert describe(v1, "s", "trackingOptions")["TrackingOptions"] == {"CustomRedirectDomain": "click.example.com"}
    code, status, _ = refused(v1.create_configuration_set_tracking_options, ConfigurationSetName="s",
                              TrackingOptions={"CustomRedirectDomain": "click.example.com"})
    assert (code, status) == ("TrackingOptionsAlreadyExistsException", 400)  # F16: keeps the suffix
    v1.update_configuration_set_tracking_options(ConfigurationSetName="s",
                                                 TrackingOptions={"CustomRedirectDomain": "t.example.com"})
    assert describe(v1, "s", "trackingOptions")["TrackingOptions"] == {"CustomRedirectDomain": "t.example.com"}
    v1.delete_configuration_set_tracking_options(ConfigurationSetName="s")
    assert "TrackingOptions" not in describe(v1, "s", "trackingOptions")
    for call, params in ((v1.delete_configuration_set_tracking_options, {}),
                         (v1.update_configuration_set_tracking_options,
                          {"TrackingOptions": {"CustomRedirectDomain": "t.example.com"}})):
        code, status, _ = refused(call, ConfigurationSetName="s", **params)
        assert (code, status) == ("TrackingOptionsDoesNotExistException", 400)


# -- v1: event destinations --------------------------------------------------------------------

def test_an_sns_destination_is_described_as_created(v1, ses_backend):
    # LS snapshot test_describe_config_set_event_destinations (recorded 2025-08-20).
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert body(v1.create_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestination=sns_destination())) == {}
    assert describe(v1, "s", "eventDestinations") == {
        "ConfigurationSet": {"Name": "s"},
        "EventDestinations": [{"Name": "to-sns", "Enabled": True,
                               "MatchingEventTypes": ["send", "bounce", "delivery", "open", "click"],
                               "SNSDestination": {"TopicARN": TOPIC}}],
    }


def test_a_destination_is_disabled_unless_enabled(v1, ses_backend):
    # seed 004, EventDestination.Enabled: "The default value is false."
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    destination = dict(sns_destination())
    del destination["Enabled"]
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=destination)
    assert describe(v1, "s", "eventDestinations")["EventDestinations"][0]["Enabled"] is False


def test_a_destination_for_a_missing_set_does_not_exist(v1, ses_backend):
    # LS snapshot test_creating_event_destination_without_configuration_set.
    assert refused(v1.create_configuration_set_event_destination, ConfigurationSetName="nonexistent-1",
                   EventDestination=sns_destination()) == (
        "ConfigurationSetDoesNotExist", 400, "Configuration set <nonexistent-1> does not exist.")


def test_deleting_a_missing_destination_names_the_set(v1, ses_backend):
    # LS snapshot test_deleting_non_existent_configuration_set_event_destination:
    # "No EventDestination found for <config-set>" with the set's name in place of <config-set>.
    v1.create_configuration_set(ConfigurationSet={"Name": "config-set-1"})
    assert refused(v1.delete_configuration_set_event_destination, ConfigurationSetName="config-set-1",
                   EventDestinationName="non-existent") == (
        "EventDestinationDoesNotExist", 400, "No EventDestination found for config-set-1")


def test_deleting_a_destination_of_a_missing_set_does_not_exist(v1, ses_backend):
    # LS snapshot test_trying_to_delete_event_destination_from_non_existent_configuration_set.
    assert refused(v1.delete_configuration_set_event_destination,
                   ConfigurationSetName="non-existent-configuration-set", EventDestinationName="d") == (
        "ConfigurationSetDoesNotExist", 400, "Configuration set <non-existent-configuration-set> does not exist.")


def test_a_destination_name_is_unique_in_its_set(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=sns_destination())
    code, status, _ = refused(v1.create_configuration_set_event_destination, ConfigurationSetName="s",
                              EventDestination=sns_destination())
    assert (code, status) == ("EventDestinationAlreadyExists", 400)
    v1.create_configuration_set(ConfigurationSet={"Name": "other"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="other", EventDestination=sns_destination())


@pytest.mark.parametrize(("kinds", "message"), [
    ({}, "Event destination is not provided."),
    ({"SNSDestination": {"TopicARN": TOPIC},
      "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM}},
     "Please provide only one destination with each request. Either a Firehose Destination or a "
     "Cloudwatch Destination or an SNS Destination or an EventBridge Destination."),
])
def test_a_destination_needs_exactly_one_kind(v1, ses_backend, kinds, message):
    # seed 004: "you must provide one, and only one, destination"; texts F17 (floci PR #1079).
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    destination = {"Name": "d", "MatchingEventTypes": ["send"], **kinds}
    assert refused(v1.create_configuration_set_event_destination, ConfigurationSetName="s",
                   EventDestination=destination) == ("InvalidParameterValue", 400, message)


def test_an_eleventh_destination_is_over_the_limit(v1, ses_backend):
    # Developer guide quotas: 10 event destinations per configuration set.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    for n in range(10):
        v1.create_configuration_set_event_destination(ConfigurationSetName="s",
                                                      EventDestination=sns_destination(f"d{n}"))
    code, status, _ = refused(v1.create_configuration_set_event_destination, ConfigurationSetName="s",
                              EventDestination=sns_destination("d10"))
    assert (code, status) == ("LimitExceeded", 400)


def test_cloudwatch_and_firehose_destinations_read_back(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    dimensions = [{"DimensionName": "campaign", "DimensionValueSource": "messageTag",
                   "DefaultDimensionValue": "none"}]
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
        "Name": "cw", "Enabled": True, "MatchingEventTypes": ["renderingFailure"],
        "CloudWatchDestination": {"DimensionConfigurations": dimensions}})
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
        "Name": "fh", "Enabled": True, "MatchingEventTypes": ["reject", "complaint"],
        "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM}})
    assert describe(v1, "s", "eventDestinations")["EventDestinations"] == [
        {"Name": "cw", "Enabled": True, "MatchingEventTypes": ["renderingFailure"],
         "CloudWatchDestination": {"DimensionConfigurations": dimensions}},
        {"Name": "fh", "Enabled": True, "MatchingEventTypes": ["reject", "complaint"],
         "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM}},
    ]


def test_more_than_ten_cloudwatch_dimensions_are_refused(v1, ses_backend):
    # Developer guide quotas: 10 dimensions per CloudWatch event destination.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    dimensions = [{"DimensionName": f"d{n}", "DimensionValueSource": "emailHeader", "DefaultDimensionValue": "x"}
                  for n in range(11)]
    code, status, _ = refused(v1.create_configuration_set_event_destination, ConfigurationSetName="s",
                              EventDestination={"Name": "cw", "MatchingEventTypes": ["send"],
                                                "CloudWatchDestination": {"DimensionConfigurations": dimensions}})
    assert (code, status) == ("InvalidCloudWatchDestination", 400)


def test_an_event_destination_name_follows_the_set_name_rules(v1, ses_backend):
    # seed 004, EventDestination.Name.
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    code, status, message = refused(v1.create_configuration_set_event_destination, ConfigurationSetName="s",
                                    EventDestination=sns_destination("to sns"))
    assert (code, status) == ("InvalidParameterValue", 400)
    assert message.startswith("Invalid event destination name <to sns>")


def test_a_destination_is_updated_in_place_and_deleted(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=sns_destination("a"))
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=sns_destination("b"))
    v1.update_configuration_set_event_destination(ConfigurationSetName="s",
                                                  EventDestination=sns_destination("a", types=["bounce"]))
    assert [(d["Name"], d["MatchingEventTypes"]) for d in describe(v1, "s", "eventDestinations")["EventDestinations"]] == [
        ("a", ["bounce"]), ("b", ["send", "bounce", "delivery", "open", "click"])]
    code, status, _ = refused(v1.update_configuration_set_event_destination, ConfigurationSetName="s",
                              EventDestination=sns_destination("c"))
    assert (code, status) == ("EventDestinationDoesNotExist", 400)
    v1.delete_configuration_set_event_destination(ConfigurationSetName="s", EventDestinationName="a")
    assert [d["Name"] for d in describe(v1, "s", "eventDestinations")["EventDestinations"]] == ["b"]


# -- v1: paging ------------------------------------------------------------------------------

def test_v1_lists_fifty_sets_a_page_by_name(v1, ses_backend):
    # floci's probes of SES (SesListPaging.java, F29): 50 by default; a MaxItems out of
    # 1..1000 is served 50, not refused.
    sets = ses_backend.backend().configuration_sets
    for n in reversed(range(120)):
        sets.create(f"set-{n:03d}")
    first = v1.list_configuration_sets()
    assert [s["Name"] for s in first["ConfigurationSets"]] == [f"set-{n:03d}" for n in range(50)]
    second = v1.list_configuration_sets(NextToken=first["NextToken"], MaxItems=100)
    assert [s["Name"] for s in second["ConfigurationSets"]] == [f"set-{n:03d}" for n in range(50, 120)]
    assert "NextToken" not in second
    assert len(v1.list_configuration_sets(MaxItems=5000)["ConfigurationSets"]) == 50


def test_v1_refuses_a_token_it_did_not_issue(v1, ses_backend):
    # InvalidParameterValue, with no message on SES (floci's probes, SesListPaging.java).
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert ask(v1, "ListConfigurationSets", {"NextToken": "not-a-token"}).code == "InvalidParameterValue"


def test_the_ten_thousand_and_first_set_is_refused(v1, v2, ses_backend):
    # Developer guide quotas: 10,000 configuration sets, not adjustable.
    sets = ses_backend.backend().configuration_sets
    for n in range(10_000):
        sets.create(f"s{n}")
    code, status, _ = refused(v1.create_configuration_set, ConfigurationSet={"Name": "one-more"})
    assert (code, status) == ("LimitExceeded", 400)
    code, status, _ = refused(v2.create_configuration_set, ConfigurationSetName="one-more")
    assert (code, status) == ("LimitExceededException", 400)


# -- v2: the set and its option groups ----------------------------------------------------------

def test_a_v2_set_is_created_with_every_option_group(v2, ses_backend):
    needs_member("sesv2", "CreateConfigurationSet", "SuppressionOptions", "ValidationOptions")
    ses_backend.verify_identity("example.com")
    assert body(v2.create_configuration_set(
        ConfigurationSetName="full",
        TrackingOptions={"CustomRedirectDomain": "click.example.com", "HttpsPolicy": "REQUIRE"},
        DeliveryOptions={"TlsPolicy": "REQUIRE", "SendingPoolName": "ses-default-dedicated-pool",
                         "MaxDeliverySeconds": 600},
        ReputationOptions={"ReputationMetricsEnabled": False},
        SendingOptions={"SendingEnabled": True},
        Tags=[{"Key": "team", "Value": "growth"}],
        SuppressionOptions={"SuppressedReasons": ["BOUNCE"], "ValidationOptions": {"ConditionThreshold": {
            "ConditionThresholdEnabled": "ENABLED",
            "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"}}}},
        VdmOptions={"DashboardOptions": {"EngagementMetrics": "ENABLED"},
                    "GuardianOptions": {"OptimizedSharedDelivery": "DISABLED"}},
        ArchivingOptions={"ArchiveArn": ARCHIVE},
    )) == {}
    assert body(v2.get_configuration_set(ConfigurationSetName="full")) == {
        "ConfigurationSetName": "full",
        "TrackingOptions": {"CustomRedirectDomain": "click.example.com", "HttpsPolicy": "REQUIRE"},
        "DeliveryOptions": {"TlsPolicy": "REQUIRE", "SendingPoolName": "ses-default-dedicated-pool",
                            "MaxDeliverySeconds": 600},
        "ReputationOptions": {"ReputationMetricsEnabled": False},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [{"Key": "team", "Value": "growth"}],
        "SuppressionOptions": {"SuppressedReasons": ["BOUNCE"], "ValidationOptions": {"ConditionThreshold": {
            "ConditionThresholdEnabled": "ENABLED",
            "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"}}}},
        "VdmOptions": {"DashboardOptions": {"EngagementMetrics": "ENABLED"},
                       "GuardianOptions": {"OptimizedSharedDelivery": "DISABLED"}},
        "ArchivingOptions": {"ArchiveArn": ARCHIVE},
    }


def test_a_bare_v2_set_sends_and_collects_reputation_metrics(v2, ses_backend):
    # A v2 set without ReputationOptions has reputation metrics on (aws/aws-cdk#30968,
    # reproduced by an AWS maintainer; floci PR #1479) (?: created through CloudFormation).
    v2.create_configuration_set(ConfigurationSetName="bare")
    assert body(v2.get_configuration_set(ConfigurationSetName="bare")) == {
        "ConfigurationSetName": "bare", "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": True}, "Tags": []}


def test_v2_answers_already_exists_and_not_found(v2, ses_backend):
    v2.create_configuration_set(ConfigurationSetName="s")
    assert refused(v2.create_configuration_set, ConfigurationSetName="s") == (
        "AlreadyExistsException", 400, "Configuration set <s> already exists.")
    for call in (v2.get_configuration_set, v2.delete_configuration_set,
                 v2.get_configuration_set_event_destinations, v2.put_configuration_set_sending_options,
                 v2.put_configuration_set_reputation_options, v2.put_configuration_set_delivery_options,
                 v2.put_configuration_set_tracking_options, v2.put_configuration_set_suppression_options,
                 v2.put_configuration_set_vdm_options, v2.put_configuration_set_archiving_options):
        assert refused(call, ConfigurationSetName="missing") == (
            "NotFoundException", 404, "Configuration set <missing> does not exist.")  # (?) v1's text


def test_a_v2_set_name_is_checked(v2, ses_backend):
    # seed 001, CreateConfigurationSet: "up to 64 alphanumeric characters, including letters,
    # numbers, hyphens (-) and underscores (_) only".
    code, status, _ = refused(v2.create_configuration_set, ConfigurationSetName="has.dot")
    assert (code, status) == ("BadRequestException", 400)


def test_sending_options_without_a_value_pause_sending(v2, ses_backend):
    # floci, probed against AWS: an empty PutConfigurationSetSendingOptions body disables sending.
    v2.create_configuration_set(ConfigurationSetName="s")
    v2.put_configuration_set_sending_options(ConfigurationSetName="s")
    assert v2.get_configuration_set(ConfigurationSetName="s")["SendingOptions"] == {"SendingEnabled": False}
    assert ses_backend.backend().configuration_sets.get("s").sending_enabled is False
    v2.put_configuration_set_sending_options(ConfigurationSetName="s", SendingEnabled=True)
    got = v2.get_configuration_set(ConfigurationSetName="s")
    assert got["SendingOptions"] == {"SendingEnabled": True}
    assert "LastFreshStart" in got["ReputationOptions"]


def test_each_option_group_is_put_and_read_back(v2, ses_backend):
    ses_backend.verify_identity("example.com")
    v2.create_configuration_set(ConfigurationSetName="s")
    v2.put_configuration_set_reputation_options(ConfigurationSetName="s", ReputationMetricsEnabled=False)
    v2.put_configuration_set_delivery_options(ConfigurationSetName="s", TlsPolicy="REQUIRE", MaxDeliverySeconds=300)
    v2.put_configuration_set_tracking_options(ConfigurationSetName="s", CustomRedirectDomain="click.example.com")
    v2.put_configuration_set_suppression_options(ConfigurationSetName="s", SuppressedReasons=["COMPLAINT"])
    v2.put_configuration_set_vdm_options(ConfigurationSetName="s",
                                         VdmOptions={"DashboardOptions": {"EngagementMetrics": "DISABLED"}})
    v2.put_configuration_set_archiving_options(ConfigurationSetName="s", ArchiveArn=ARCHIVE)
    got = body(v2.get_configuration_set(ConfigurationSetName="s"))
    assert got["ReputationOptions"] == {"ReputationMetricsEnabled": False}
    assert got["DeliveryOptions"] == {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 300}
    assert got["TrackingOptions"] == {"CustomRedirectDomain": "click.example.com"}
    assert got["SuppressionOptions"] == {"SuppressedReasons": ["COMPLAINT"]}
    assert got["VdmOptions"] == {"DashboardOptions": {"EngagementMetrics": "DISABLED"}}
    assert got["ArchivingOptions"] == {"ArchiveArn": ARCHIVE}
    # v1 sees the same set: its TLS policy, its custom domain.
    v1_view = body(unchecked_client("ses").describe_configuration_set(
        ConfigurationSetName="s", ConfigurationSetAttributeNames=["deliveryOptions", "trackingOptions"]))
    assert v1_view["DeliveryOptions"] == {"TlsPolicy": "Require"}
    assert v1_view["TrackingOptions"] == {"CustomRedirectDomain": "click.example.com"}
    # Put with nothing removes a group (?); an empty suppression list is kept as "none".
    v2.put_configuration_set_tracking_options(ConfigurationSetName="s")
    v2.put_configuration_set_delivery_options(ConfigurationSetName="s")
    v2.put_configuration_set_archiving_options(ConfigurationSetName="s")
    v2.put_configuration_set_suppression_options(ConfigurationSetName="s")
    got = body(v2.get_configuration_set(ConfigurationSetName="s"))
    assert not {"TrackingOptions", "DeliveryOptions", "ArchivingOptions"} & set(got)
    assert got["SuppressionOptions"] == {"SuppressedReasons": []}


def test_v2_tracking_needs_a_verified_domain_and_a_domain_for_a_policy(v2, ses_backend):
    # Probed by floci against AWS (2026-06-17).
    v2.create_configuration_set(ConfigurationSetName="s")
    assert refused(v2.put_configuration_set_tracking_options, ConfigurationSetName="s",
                   CustomRedirectDomain="click.example.com") == (
        "BadRequestException", 400, "Domain <click.example.com> is not verified under this account.")
    assert refused(v2.put_configuration_set_tracking_options, ConfigurationSetName="s", HttpsPolicy="REQUIRE") == (
        "BadRequestException", 400, "CustomRedirectDomain must be specified.")
    assert refused(v2.create_configuration_set, ConfigurationSetName="t",
                   TrackingOptions={"CustomRedirectDomain": "click.example.com"})[0] == "BadRequestException"
    assert "t" not in ses_backend.backend().configuration_sets


@pytest.mark.parametrize(("pool", "message"), [
    ("pool1", "SendingPool <pool1> doesn't exist"),  # aws-cloudformation/rain#271 (recorded)
    ("", "sendingPoolName can't be blank."),          # floci, probed 2026-06-17
])
def test_a_sending_pool_must_exist(v2, ses_backend, pool, message):
    v2.create_configuration_set(ConfigurationSetName="s")
    assert refused(v2.put_configuration_set_delivery_options, ConfigurationSetName="s", SendingPoolName=pool) == (
        "BadRequestException", 400, message)
    assert refused(v2.create_configuration_set, ConfigurationSetName="t",
                   DeliveryOptions={"SendingPoolName": pool}) == ("BadRequestException", 400, message)


def test_a_max_delivery_time_under_five_minutes_is_refused(ses_backend):
    # Recorded: terraform-provider-aws#40591 (MaxDeliverySeconds 0 sent by the provider).
    answer = ask(unchecked_client("sesv2"), "CreateConfigurationSet", {
        "ConfigurationSetName": "issue", "DeliveryOptions": {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 0}})
    assert (answer.code, answer.status, answer.message) == (
        "BadRequestException", 400,
        "1 validation error detected: Value at 'deliveryOptions.maxDeliverySeconds' failed to satisfy "
        "constraint: Member must have value greater than or equal to 300")


# -- v2: event destinations --------------------------------------------------------------------

def test_v2_event_destinations_are_created_listed_updated_and_deleted(v2, ses_backend):
    v2.create_configuration_set(ConfigurationSetName="s")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestinationName="bus",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND", "DELIVERY_DELAY", "SUBSCRIPTION"],
                          "EventBridgeDestination": {"EventBusArn": BUS}})
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestinationName="cw",
        EventDestination={"MatchingEventTypes": ["CLICK"], "CloudWatchDestination": {"DimensionConfigurations": [
            {"DimensionName": "link", "DimensionValueSource": "LINK_TAG", "DefaultDimensionValue": "none"}]}})
    assert body(v2.get_configuration_set_event_destinations(ConfigurationSetName="s")) == {"EventDestinations": [
        {"Name": "bus", "Enabled": True, "MatchingEventTypes": ["SEND", "DELIVERY_DELAY", "SUBSCRIPTION"],
         "EventBridgeDestination": {"EventBusArn": BUS}},
        {"Name": "cw", "Enabled": False, "MatchingEventTypes": ["CLICK"], "CloudWatchDestination": {
            "DimensionConfigurations": [{"DimensionName": "link", "DimensionValueSource": "LINK_TAG",
                                         "DefaultDimensionValue": "none"}]}},
    ]}
    v2.update_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestinationName="bus",
        EventDestination={"Enabled": False, "MatchingEventTypes": ["BOUNCE"],
                          "KinesisFirehoseDestination": {"IamRoleArn": ROLE, "DeliveryStreamArn": STREAM}})
    first = v2.get_configuration_set_event_destinations(ConfigurationSetName="s")["EventDestinations"][0]
    assert first == {"Name": "bus", "Enabled": False, "MatchingEventTypes": ["BOUNCE"],
                     "KinesisFirehoseDestination": {"IamRoleArn": ROLE, "DeliveryStreamArn": STREAM}}
    v2.delete_configuration_set_event_destination(ConfigurationSetName="s", EventDestinationName="bus")
    assert [d["Name"] for d in v2.get_configuration_set_event_destinations(
        ConfigurationSetName="s")["EventDestinations"]] == ["cw"]


def test_v2_destination_errors(v2, ses_backend):
    v2.create_configuration_set(ConfigurationSetName="s")
    destination = {"Enabled": True, "MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC}}
    v2.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestinationName="d",
                                                  EventDestination=destination)
    assert refused(v2.create_configuration_set_event_destination, ConfigurationSetName="s",
                   EventDestinationName="d", EventDestination=destination)[:2] == ("AlreadyExistsException", 400)
    for call, params in ((v2.update_configuration_set_event_destination, {"EventDestination": destination}),
                         (v2.delete_configuration_set_event_destination, {})):
        assert refused(call, ConfigurationSetName="s", EventDestinationName="nope", **params) == (
            "NotFoundException", 404, "No EventDestination found for s")
    two = dict(destination, PinpointDestination={"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/x"})
    assert refused(v2.create_configuration_set_event_destination, ConfigurationSetName="s",
                   EventDestinationName="two", EventDestination=two)[:2] == ("BadRequestException", 400)
    assert refused(v2.create_configuration_set_event_destination, ConfigurationSetName="missing",
                   EventDestinationName="d", EventDestination=destination)[:2] == ("NotFoundException", 404)
    for n in range(9):
        v2.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestinationName=f"d{n}",
                                                      EventDestination=destination)
    assert refused(v2.create_configuration_set_event_destination, ConfigurationSetName="s",
                   EventDestinationName="d9", EventDestination=destination)[:2] == ("LimitExceededException", 400)


# -- one store, two doors ----------------------------------------------------------------------

def test_a_v1_destination_reads_back_through_v2_and_back(v1, v2, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=sns_destination(
        types=["send", "renderingFailure", "complaint"]))
    assert v2.get_configuration_set_event_destinations(ConfigurationSetName="s")["EventDestinations"] == [
        {"Name": "to-sns", "Enabled": True, "MatchingEventTypes": ["SEND", "RENDERING_FAILURE", "COMPLAINT"],
         "SnsDestination": {"TopicArn": TOPIC}}]
    # The store speaks SES's published event names (fakeses.domain.events).
    stored = ses_backend.backend().configuration_sets.get("s").event_destinations[0]
    assert stored.event_types == ("Send", "Rendering Failure", "Complaint")
    assert stored.matches("Rendering Failure") and not stored.matches("Delivery")


def test_a_v2_destination_reads_back_through_v1_without_what_v1_cannot_name(v1, v2, ses_backend):
    # v1's EventType enum has no deliveryDelay or subscription, and v1's EventDestination
    # no EventBridge member: they are left out of the v1 view (?).
    v2.create_configuration_set(ConfigurationSetName="s")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestinationName="bus",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["DELIVERY_DELAY", "OPEN", "SUBSCRIPTION"],
                          "EventBridgeDestination": {"EventBusArn": BUS}})
    assert describe(v1, "s", "eventDestinations")["EventDestinations"] == [
        {"Name": "bus", "Enabled": True, "MatchingEventTypes": ["open"]}]


def test_sets_and_their_tokens_are_shared_by_both_apis(v1, v2, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "from-v1"})
    v2.create_configuration_set(ConfigurationSetName="from-v2", Tags=[{"Key": "k", "Value": "v"}])
    assert v2.list_configuration_sets()["ConfigurationSets"] == ["from-v1", "from-v2"]
    # v1 sets have no tags (F28); a v2 set's tags are not part of the v1 view.
    assert describe(v1, "from-v2") == {"ConfigurationSet": {"Name": "from-v2"}}
    # A v1 token pages a v2 list (F29).
    token = v1.list_configuration_sets(MaxItems=1)["NextToken"]
    assert v2.list_configuration_sets(NextToken=token)["ConfigurationSets"] == ["from-v2"]
    v2.delete_configuration_set(ConfigurationSetName="from-v1")
    assert refused(v1.describe_configuration_set, ConfigurationSetName="from-v1")[0] == "ConfigurationSetDoesNotExist"


def test_v2_paging_defaults_to_fifty_and_refuses_a_page_size_out_of_range(v2, ses_backend):
    # floci's probes of SES (SesListPaging.java, F29).
    sets = ses_backend.backend().configuration_sets
    for n in range(51):
        sets.create(f"set-{n:02d}")
    first = v2.list_configuration_sets()
    assert len(first["ConfigurationSets"]) == 50
    assert v2.list_configuration_sets(NextToken=first["NextToken"])["ConfigurationSets"] == ["set-50"]
    for size in (0, 1001):
        assert refused(v2.list_configuration_sets, PageSize=size) == (
            "BadRequestException", 400, "The page size must be between 1 and 1000")
    assert refused(v2.list_configuration_sets, NextToken="bogus") == (
        "BadRequestException", 400, "invalid nextToken bogus")


def test_sets_are_kept_per_region(v1, ses_backend):
    v1.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert client("ses", region="eu-west-1").list_configuration_sets()["ConfigurationSets"] == []
    assert "s" not in ses_backend.backend(region="eu-west-1").configuration_sets

