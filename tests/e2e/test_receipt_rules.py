"""Receipt filters, rule sets and rules through boto3 (SES v1; v2 has no receiving).

Each answer is held to the output shape and each error to the operation's declared
errors (tests/e2e/conftest.py). The sources of SES's texts and limits are beside the code
they test (fakeses/domain/receiving/).
"""
from __future__ import annotations

import pytest
from support.clients import body, client, refusal

TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound"
PATTERN = "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.-]+$"


@pytest.fixture
def rules(v1, ses_backend):
    v1.create_receipt_rule_set(RuleSetName="inbound")
    return v1


def names(v1, rule_set="inbound"):
    return [r["Name"] for r in v1.describe_receipt_rule_set(RuleSetName=rule_set)["Rules"]]


# -- filters ----------------------------------------------------------------------------------

def test_filters_are_created_listed_and_deleted(v1, ses_backend):
    v1.create_receipt_filter(Filter={"Name": "office", "IpFilter": {"Policy": "Allow", "Cidr": "203.0.113.0/24"}})
    v1.create_receipt_filter(Filter={"Name": "Block.v6", "IpFilter": {"Policy": "Block", "Cidr": "2001:db8::1"}})
    assert v1.list_receipt_filters()["Filters"] == [
        {"Name": "Block.v6", "IpFilter": {"Policy": "Block", "Cidr": "2001:db8::1"}},
        {"Name": "office", "IpFilter": {"Policy": "Allow", "Cidr": "203.0.113.0/24"}},
    ]
    assert [f.name for f in ses_backend.backend().receiving.filters] == ["office", "Block.v6"]
    v1.delete_receipt_filter(FilterName="office")
    v1.delete_receipt_filter(FilterName="office")  # idempotent
    assert [f["Name"] for f in v1.list_receipt_filters()["Filters"]] == ["Block.v6"]


@pytest.mark.parametrize("name, cidr, message", [
    ("", "10.0.0.1", "filterName must not be empty"),
    ("-office", "10.0.0.1", "Not a valid filterName: -office"),
    ("a" * 65, "10.0.0.1", "Not a valid filterName: " + "a" * 65),
    ("office", "10.0.0.0/33", "Invalid CIDR block: 10.0.0.0/33"),
    ("office", "010.0.0.1", "Invalid CIDR block: 010.0.0.1"),
    ("office", "[2001:db8::1]", "Invalid CIDR block: [2001:db8::1]"),
    ("office", "example.com", "Invalid CIDR block: example.com"),
])
def test_bad_filters_are_refused(v1, ses_backend, name, cidr, message):
    assert refusal(v1.create_receipt_filter, Filter={"Name": name, "IpFilter": {"Policy": "Allow", "Cidr": cidr}}) \
        == (400, "InvalidParameterValue", message)


def test_filter_names_are_unique_and_limited_to_100(v1, ses_backend):
    for n in range(100):
        v1.create_receipt_filter(Filter={"Name": f"f{n}", "IpFilter": {"Policy": "Block", "Cidr": f"10.0.0.{n}"}})
    assert refusal(v1.create_receipt_filter, Filter={"Name": "f1", "IpFilter": {"Policy": "Block", "Cidr": "10.1.0.1"}}) \
        == (400, "AlreadyExists", "Filter already exists: f1")
    assert refusal(v1.create_receipt_filter, Filter={"Name": "g", "IpFilter": {"Policy": "Block", "Cidr": "10.1.0.1"}}) \
        == (400, "LimitExceeded", "Too many filters")


# -- rule sets --------------------------------------------------------------------------------

def test_rule_set_lifecycle(v1, ses_backend, fixed_clock):
    assert body(v1.describe_active_receipt_rule_set()) == {}
    v1.create_receipt_rule_set(RuleSetName="set.with-periods_1")
    described = body(v1.describe_receipt_rule_set(RuleSetName="set.with-periods_1"))
    assert described["Rules"] == [] and described["Metadata"]["Name"] == "set.with-periods_1"
    assert v1.list_receipt_rule_sets()["RuleSets"] == [described["Metadata"]]
    v1.set_active_receipt_rule_set(RuleSetName="set.with-periods_1")
    assert body(v1.describe_active_receipt_rule_set()) == described
    assert ses_backend.backend().receiving.active().name == "set.with-periods_1"
    assert refusal(v1.delete_receipt_rule_set, RuleSetName="set.with-periods_1") \
        == (400, "CannotDelete", "Cannot delete active rule set: set.with-periods_1")
    v1.set_active_receipt_rule_set()  # no name: none active
    assert body(v1.describe_active_receipt_rule_set()) == {}
    v1.delete_receipt_rule_set(RuleSetName="set.with-periods_1")
    v1.delete_receipt_rule_set(RuleSetName="set.with-periods_1")  # an absent set: nothing to do
    assert v1.list_receipt_rule_sets()["RuleSets"] == []


def test_unknown_and_duplicate_rule_sets(rules):
    for call, params in [(rules.describe_receipt_rule_set, {}), (rules.set_active_receipt_rule_set, {}),
                         (rules.create_receipt_rule, {"Rule": {"Name": "r"}}),
                         (rules.describe_receipt_rule, {"RuleName": "r"}),
                         (rules.delete_receipt_rule, {"RuleName": "r"}),
                         (rules.reorder_receipt_rule_set, {"RuleNames": []})]:
        assert refusal(call, RuleSetName="missing", **params) \
            == (400, "RuleSetDoesNotExist", "Rule set does not exist: missing")
    assert refusal(rules.create_receipt_rule_set, RuleSetName="inbound") \
        == (400, "AlreadyExists", "Rule set already exists: inbound")


@pytest.mark.parametrize("name", ["-bad", "bad-", "a" * 65, "_x"])
def test_rule_set_names_the_service_refuses(v1, ses_backend, name):
    assert refusal(v1.create_receipt_rule_set, RuleSetName=name) \
        == (400, "InvalidParameterValue", f"Not a valid ruleSetName: {name}")
    assert refusal(v1.create_receipt_rule, RuleSetName="missing", Rule={"Name": name}) \
        == (400, "InvalidParameterValue", f"Not a valid ruleName: {name}")


def test_rule_set_names_the_api_refuses(v1, ses_backend):
    assert refusal(v1.create_receipt_rule_set, RuleSetName="a b") == (
        400, "ValidationError", f"1 validation error detected: Value at 'ruleSetName' failed to satisfy constraint: {PATTERN}")
    assert refusal(v1.create_receipt_rule_set, RuleSetName="") \
        == (400, "InvalidParameterValue", "RuleSetName is required.")
    assert refusal(v1.clone_receipt_rule_set, RuleSetName="a b", OriginalRuleSetName="c d") == (
        400, "ValidationError",
        f"2 validation errors detected: Value at 'originalRuleSetName' failed to satisfy constraint: {PATTERN}; "
        f"Value at 'ruleSetName' failed to satisfy constraint: {PATTERN}")
    assert refusal(v1.create_receipt_rule_set, RuleSetName="a" * 64 + "b") \
        == (400, "InvalidParameterValue", "Not a valid ruleSetName: " + "a" * 64 + "b")
    v1.create_receipt_rule_set(RuleSetName="a" * 64)  # 64 characters are allowed


def test_rule_sets_page_by_100_oldest_first_and_stop_at_40(v1, ses_backend):
    for n in range(40):
        v1.create_receipt_rule_set(RuleSetName=f"set{n:02d}")
    assert refusal(v1.create_receipt_rule_set, RuleSetName="one-more") \
        == (400, "LimitExceeded", "Too many rule sets")
    first = v1.list_receipt_rule_sets()
    assert [s["Name"] for s in first["RuleSets"]] == [f"set{n:02d}" for n in range(40)]
    assert "NextToken" not in first
    assert refusal(v1.list_receipt_rule_sets, NextToken="not-a-token")[:2] == (400, "InvalidParameterValue")


def test_list_pages_with_next_token(v1, ses_backend, monkeypatch):
    from fakeses.api import receiving

    monkeypatch.setattr(receiving, "MAX_PAGE", 2)
    for name in ("a1", "a2", "a3"):
        v1.create_receipt_rule_set(RuleSetName=name)
    first = v1.list_receipt_rule_sets()
    second = v1.list_receipt_rule_sets(NextToken=first["NextToken"])
    assert [s["Name"] for s in first["RuleSets"] + second["RuleSets"]] == ["a1", "a2", "a3"]
    assert "NextToken" not in second


def test_clone_copies_rules_not_activity(rules):
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "r1", "Enabled": True})
    rules.set_active_receipt_rule_set(RuleSetName="inbound")
    rules.clone_receipt_rule_set(RuleSetName="copy", OriginalRuleSetName="inbound")
    assert names(rules, "copy") == ["r1"]
    assert rules.describe_active_receipt_rule_set()["Metadata"]["Name"] == "inbound"
    assert refusal(rules.clone_receipt_rule_set, RuleSetName="copy", OriginalRuleSetName="missing") \
        == (400, "AlreadyExists", "Rule set already exists: copy")  # the target is checked first
    assert refusal(rules.clone_receipt_rule_set, RuleSetName="new", OriginalRuleSetName="missing") \
        == (400, "RuleSetDoesNotExist", "Rule set does not exist: missing")


# -- rules ------------------------------------------------------------------------------------

def test_rules_go_first_or_after_and_keep_their_place(rules):
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "first"})
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "second"})  # no After: the front
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "third"}, After="second")
    assert names(rules) == ["second", "third", "first"]
    rules.update_receipt_rule(RuleSetName="inbound", Rule={"Name": "third", "Enabled": True})
    assert names(rules) == ["second", "third", "first"]
    assert rules.describe_receipt_rule(RuleSetName="inbound", RuleName="third")["Rule"] == {
        "Name": "third", "Enabled": True, "TlsPolicy": "Optional", "Actions": [], "ScanEnabled": False}
    rules.set_receipt_rule_position(RuleSetName="inbound", RuleName="second", After="first")
    assert names(rules) == ["third", "first", "second"]
    rules.set_receipt_rule_position(RuleSetName="inbound", RuleName="second")
    assert names(rules) == ["second", "third", "first"]
    rules.set_receipt_rule_position(RuleSetName="inbound", RuleName="third", After="third")  # stays
    assert names(rules) == ["second", "third", "first"]
    rules.reorder_receipt_rule_set(RuleSetName="inbound", RuleNames=["first", "second", "third"])
    assert names(rules) == ["first", "second", "third"]
    rules.delete_receipt_rule(RuleSetName="inbound", RuleName="second")
    rules.delete_receipt_rule(RuleSetName="inbound", RuleName="second")  # idempotent (F28)
    assert names(rules) == ["first", "third"]


def test_rule_errors(rules):
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "first"})
    assert refusal(rules.create_receipt_rule, RuleSetName="inbound", Rule={"Name": "first"}, After="missing") \
        == (400, "AlreadyExists", "Rule already exists: first")
    for call, params in [(rules.create_receipt_rule, {"Rule": {"Name": "x"}, "After": "missing"}),
                         (rules.describe_receipt_rule, {"RuleName": "missing"}),
                         (rules.update_receipt_rule, {"Rule": {"Name": "missing"}}),
                         (rules.set_receipt_rule_position, {"RuleName": "missing"}),
                         (rules.set_receipt_rule_position, {"RuleName": "first", "After": "missing"})]:
        assert refusal(call, RuleSetName="inbound", **params) \
            == (400, "RuleDoesNotExist", "Rule does not exist: missing")
    assert refusal(rules.create_receipt_rule, RuleSetName="inbound", Rule={"Name": "x"}, After="") == (
        400, "ValidationError", "2 validation errors detected: Value at 'after' failed to satisfy constraint: "
        f"Member must have length greater than or equal to 1; Value at 'after' failed to satisfy constraint: {PATTERN}")
    assert refusal(rules.describe_receipt_rule, RuleSetName="inbound", RuleName="-x") \
        == (400, "InvalidParameterValue", "Not a valid ruleName: -x")
    assert names(rules) == ["first"]


def test_reorder_must_name_every_rule_once(rules):
    for name in ("a", "b", "c"):
        rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": name})
    assert refusal(rules.reorder_receipt_rule_set, RuleSetName="inbound", RuleNames=["a", "a", "zz"]) \
        == (400, "InvalidParameterValue", "Multiple positions found for rule: a")
    assert refusal(rules.reorder_receipt_rule_set, RuleSetName="inbound", RuleNames=["a"]) \
        == (400, "InvalidParameterValue", "Positions for rules not found: c, b")
    assert refusal(rules.reorder_receipt_rule_set, RuleSetName="inbound", RuleNames=["a", "b", "c", "zz"]) \
        == (400, "RuleDoesNotExist", "Rule does not exist: zz")
    assert refusal(rules.reorder_receipt_rule_set, RuleSetName="inbound", RuleNames=["a b"])[:2] \
        == (400, "ValidationError")
    assert names(rules) == ["c", "b", "a"]


def test_every_action_type_round_trips(rules, ses_backend):
    ses_backend.verify_identity("example.com")
    actions = [
        {"S3Action": {"BucketName": "mail", "ObjectKeyPrefix": "in/", "TopicArn": TOPIC,
                      "KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:alias/aws/ses",
                      "IamRoleArn": "arn:aws:iam::123456789012:role/ses-s3"}},
        {"SNSAction": {"TopicArn": TOPIC, "Encoding": "Base64"}},
        {"LambdaAction": {"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "InvocationType": "RequestResponse", "TopicArn": TOPIC}},
        {"BounceAction": {"SmtpReplyCode": "550", "StatusCode": "5.1.1", "Message": "no such user",
                          "Sender": "mailer@example.com", "TopicArn": TOPIC}},
        {"AddHeaderAction": {"HeaderName": "X-Rule", "HeaderValue": "a\tb <&>"}},
        {"WorkmailAction": {"OrganizationArn": "arn:aws:workmail:us-east-1:123456789012:organization/m-1",
                            "TopicArn": TOPIC}},
        {"ConnectAction": {"InstanceARN": "arn:aws:connect:us-east-1:123456789012:instance/"
                                          "12345678-1234-1234-1234-123456789012",
                           "IAMRoleARN": "arn:aws:iam::123456789012:role/ses-connect"}},
        {"StopAction": {"Scope": "RuleSet", "TopicArn": TOPIC}},
    ]
    rule = {"Name": "all", "Enabled": True, "TlsPolicy": "Require", "ScanEnabled": True,
            "Recipients": ["Support@Example.com", "EXAMPLE.org", ".example.net", "example.org"], "Actions": actions}
    rules.create_receipt_rule(RuleSetName="inbound", Rule=rule)
    described = rules.describe_receipt_rule(RuleSetName="inbound", RuleName="all")["Rule"]
    # Recipients lower-cased, without duplicates, sorted (?)
    assert described == dict(rule, Recipients=[".example.net", "example.org", "support@example.com"])
    stored = ses_backend.backend().receiving.rule_sets["inbound"].rule("all")
    assert stored.actions[6].instance_arn.endswith("123456789012") and stored.tls_policy == "Require"
    rules.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "sns", "Actions": [{"SNSAction": {"TopicArn": TOPIC}}]})
    assert rules.describe_receipt_rule(RuleSetName="inbound", RuleName="sns")["Rule"]["Actions"] \
        == [{"SNSAction": {"TopicArn": TOPIC, "Encoding": "UTF-8"}}]  # the default, stored


@pytest.mark.parametrize("rule, code, message", [
    ({"Recipients": ["not valid"]}, "InvalidParameterValue", "Invalid recipient: not valid"),
    ({"Recipients": ["example..com"]}, "InvalidParameterValue", "Invalid recipient: example..com"),
    ({"Recipients": ["a@example-.com"]}, "InvalidParameterValue", "Invalid recipient: a@example-.com"),
    ({"Recipients": [""]}, "InvalidParameterValue", "Invalid recipient: "),
    ({"Actions": [{"StopAction": {"Scope": "RuleSet"}}, {"AddHeaderAction": {"HeaderName": "X", "HeaderValue": "v"}}]},
     "InvalidParameterValue", "Stop action, if any, must be placed at the end of the actions list"),
    ({"Actions": [{"StopAction": {"Scope": "RuleSet"}, "AddHeaderAction": {"HeaderName": "X", "HeaderValue": "v"}}]},
     "InvalidParameterValue", "Exactly one action type must be specified for each ReceiptAction"),
    ({"Actions": [{"AddHeaderAction": {"HeaderName": "X bad", "HeaderValue": "v"}}]},
     "InvalidParameterValue", "Invalid header name: X bad"),
    ({"Actions": [{"AddHeaderAction": {"HeaderName": "X", "HeaderValue": "a\nb"}}]},
     "InvalidParameterValue", "Invalid header value: a0x000ab"),
    ({"Actions": [{"SNSAction": {"TopicArn": "inbound"}}]}, "InvalidSnsTopic", "Invalid SNS topic: inbound"),
    ({"Actions": [{"LambdaAction": {"FunctionArn": "f"}}]}, "InvalidLambdaFunction", "Invalid Lambda function: f"),
    ({"Actions": [{"LambdaAction": {"FunctionArn": ""}}]}, "InvalidParameterValue",
     "Lambda function ARN must not be empty"),
    ({"Actions": [{"S3Action": {"BucketName": ""}}]}, "InvalidParameterValue", "Bucket name must not be empty"),
    ({"Actions": [{"BounceAction": {"SmtpReplyCode": "550", "Message": "no", "Sender": "who@unverified.org"}}]},
     "InvalidParameterValue", "Identity is not verified: who@unverified.org"),
    ({"Actions": [{"BounceAction": {"SmtpReplyCode": "", "Message": "no", "Sender": "who@unverified.org"}}]},
     "InvalidParameterValue", "Invalid SMTP reply code: "),
    ({"Actions": [{"AddHeaderAction": {"HeaderName": "X", "HeaderValue": "v"}}] * 11},
     "LimitExceeded", "Too many actions"),
    ({"TlsPolicy": "Never"}, "ValidationError", "1 validation error detected: Value at 'rule.tlsPolicy' failed to "
     "satisfy constraint: Member must satisfy enum value set: [Optional, Require]"),
])
def test_bad_rules_are_refused_and_not_stored(rules, rule, code, message):
    assert refusal(rules.create_receipt_rule, RuleSetName="inbound", Rule=dict({"Name": "bad"}, **rule)) \
        == (400, code, message)
    assert names(rules) == []


def test_200_rules_per_set(rules, ses_backend):
    from fakeses.domain.receiving import ReceiptRule, ReceiptRuleSet

    receiving = ses_backend.backend().receiving
    made = receiving.rule_sets["inbound"]
    receiving.rule_sets["inbound"] = ReceiptRuleSet(made.name, made.created_at,
                                                    tuple(ReceiptRule(f"r{n}") for n in range(200)))
    assert refusal(rules.create_receipt_rule, RuleSetName="inbound", Rule={"Name": "one-more"}) \
        == (400, "LimitExceeded", "Too many rules")


def test_receiving_is_regional(ses_backend):
    elsewhere = client("ses", region="eu-west-3")
    for call in (elsewhere.list_receipt_filters, elsewhere.list_receipt_rule_sets,
                 elsewhere.describe_active_receipt_rule_set):
        assert refusal(call) == (400, "InvalidAction", "Unavailable Operation")
    assert refusal(elsewhere.create_receipt_rule_set, RuleSetName="inbound") \
        == (400, "InvalidAction", "Unavailable Operation")
    ireland = client("ses", region="eu-west-1")
    ireland.create_receipt_rule_set(RuleSetName="inbound")
    assert [s["Name"] for s in ireland.list_receipt_rule_sets()["RuleSets"]] == ["inbound"]
    assert client("ses", region="us-west-2").list_receipt_rule_sets()["RuleSets"] == []
