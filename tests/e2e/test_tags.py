"""Tags of v2 resources through boto3: TagResource, UntagResource, ListTagsForResource.

The tags given at creation are the tags these operations read and change. Sources of the
behaviours are in fakeses/domain/tags.py (floci PRs #749, #759, #760 verified them against
AWS with aws sesv2; the rules are the Tag shape's documentation).
"""
from __future__ import annotations

import pytest
from support.clients import client, refusal
from support.model import modeled

ACCOUNT = "123456789012"


def arn(kind: str, name: str, region: str = "us-east-1", account: str = ACCOUNT) -> str:
    return f"arn:aws:ses:{region}:{account}:{kind}/{name}"


def tags_of(v2, resource: str) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in v2.list_tags_for_resource(ResourceArn=resource)["Tags"]}


def make_each(v2) -> dict[str, str]:
    """One resource of each taggable kind fakeses has, created with the tag team=a; kind -> ARN.

    An older botocore (the test-async environment's) has no Tags on CreateEmailTemplate and
    CreateCustomVerificationEmailTemplate: those are tagged right after creation instead.
    """
    team = [{"Key": "team", "Value": "a"}]

    def tags(op: str) -> dict:
        return {"Tags": team} if modeled("sesv2", op, "Tags") else {}

    v2.create_email_identity(EmailIdentity="example.com", Tags=team)
    v2.create_configuration_set(ConfigurationSetName="main", Tags=team)
    v2.create_email_template(TemplateName="welcome", TemplateContent={"Subject": "Hi"},
                             **tags("CreateEmailTemplate"))
    v2.create_custom_verification_email_template(
        TemplateName="verify", FromEmailAddress="ops@example.com", TemplateSubject="Verify",
        TemplateContent="<p>Please verify</p>", SuccessRedirectionURL="https://example.com/ok",
        FailureRedirectionURL="https://example.com/no", **tags("CreateCustomVerificationEmailTemplate"))
    made = {"identity": arn("identity", "example.com"), "configuration-set": arn("configuration-set", "main"),
            "template": arn("template", "welcome"),
            "custom-verification-email-template": arn("custom-verification-email-template", "verify")}
    for op, kind in (("CreateEmailTemplate", "template"),
                     ("CreateCustomVerificationEmailTemplate", "custom-verification-email-template")):
        if not modeled("sesv2", op, "Tags"):
            v2.tag_resource(ResourceArn=made[kind], Tags=team)
    return made


def test_tags_given_at_creation_are_listed_tagged_and_untagged_on_every_kind(v2, ses_backend):
    for kind, resource in make_each(v2).items():
        assert tags_of(v2, resource) == {"team": "a"}, kind
        v2.tag_resource(ResourceArn=resource, Tags=[{"Key": "team", "Value": "b"}, {"Key": "env", "Value": ""}])
        assert tags_of(v2, resource) == {"team": "b", "env": ""}, kind
        v2.untag_resource(ResourceArn=resource, TagKeys=["team", "absent"])
        assert tags_of(v2, resource) == {"env": ""}, kind


def test_the_resources_get_operations_answer_the_same_tags(v2, ses_backend):
    make_each(v2)
    v2.tag_resource(ResourceArn=arn("identity", "example.com"), Tags=[{"Key": "k", "Value": "v"}])
    v2.tag_resource(ResourceArn=arn("configuration-set", "main"), Tags=[{"Key": "k", "Value": "v"}])
    v2.tag_resource(ResourceArn=arn("template", "welcome"), Tags=[{"Key": "k", "Value": "v"}])
    v2.tag_resource(ResourceArn=arn("custom-verification-email-template", "verify"), Tags=[{"Key": "k", "Value": "v"}])
    expected = [{"Key": "team", "Value": "a"}, {"Key": "k", "Value": "v"}]
    assert v2.get_email_identity(EmailIdentity="example.com")["Tags"] == expected
    assert v2.get_configuration_set(ConfigurationSetName="main")["Tags"] == expected
    # An older botocore models no Tags in these two answers (and drops them).
    if modeled("sesv2", "CreateEmailTemplate", "Tags"):
        assert v2.get_email_template(TemplateName="welcome")["Tags"] == expected
    if modeled("sesv2", "CreateCustomVerificationEmailTemplate", "Tags"):
        assert v2.get_custom_verification_email_template(TemplateName="verify")["Tags"] == expected


def test_a_v1_template_and_a_v1_identity_can_be_tagged_through_v2(v1, v2, ses_backend):
    v1.create_template(Template={"TemplateName": "old", "SubjectPart": "Hi"})
    v1.verify_email_identity(EmailAddress="ann@example.com")
    for resource in (arn("template", "old"), arn("identity", "ann@example.com")):
        assert tags_of(v2, resource) == {}
        v2.tag_resource(ResourceArn=resource, Tags=[{"Key": "k", "Value": "v"}])
        assert tags_of(v2, resource) == {"k": "v"}


@pytest.mark.parametrize(("kind", "word"), [
    ("identity", "EmailIdentity"), ("configuration-set", "ConfigurationSet"), ("template", "Template"),
    ("custom-verification-email-template", "CustomVerificationEmailTemplate"),
    ("dedicated-ip-pool", "DedicatedIpPool"),
])
def test_a_resource_that_does_not_exist_is_not_found(v2, ses_backend, kind, word):
    resource = arn(kind, "missing")
    expected = (404, "NotFoundException", f"No {word} present with name: missing")
    assert refusal(v2.list_tags_for_resource, ResourceArn=resource) == expected
    assert refusal(v2.tag_resource, ResourceArn=resource, Tags=[{"Key": "k", "Value": "v"}]) == expected
    assert refusal(v2.untag_resource, ResourceArn=resource, TagKeys=["k"]) == expected


@pytest.mark.parametrize("bad", [
    "not-an-arn", "arn:aws:s3:::bucket", "arn:aws:ses::123456789012:identity/x", "arn:aws:ses:us-east-1::identity/x",
    "arn:aws:ses:us-east-1:123456789012:identity", "arn:aws:ses:us-east-1:123456789012:widget/x",
])
def test_a_malformed_arn_is_a_bad_request(v2, ses_backend, bad):
    assert refusal(v2.list_tags_for_resource, ResourceArn=bad) == (400, "BadRequestException", f"Invalid ARN: {bad}")


def test_tagging_an_arn_of_another_region_is_refused(v2, ses_backend):
    make_each(v2)
    for kind in ("identity", "configuration-set", "template"):
        assert refusal(v2.tag_resource, ResourceArn=arn(kind, "x", region="eu-west-1"),
                       Tags=[{"Key": "k", "Value": "v"}]) == (400, "BadRequestException", "Failed to tag resource")


def test_a_configuration_set_arn_is_read_in_its_own_region(v2, ses_backend):
    # UntagResource and ListTagsForResource look a configuration set up in the ARN's region.
    west = client("sesv2", region="eu-west-1")
    west.create_configuration_set(ConfigurationSetName="west", Tags=[{"Key": "k", "Value": "v"}])
    assert tags_of(v2, arn("configuration-set", "west", region="eu-west-1")) == {"k": "v"}
    v2.untag_resource(ResourceArn=arn("configuration-set", "west", region="eu-west-1"), TagKeys=["k"])
    assert west.get_configuration_set(ConfigurationSetName="west")["Tags"] == []
    assert refusal(v2.list_tags_for_resource, ResourceArn=arn("configuration-set", "west")) == (
        404, "NotFoundException", "No ConfigurationSet present with name: west")


def test_a_template_or_identity_arn_is_read_in_the_clients_region(v2, ses_backend):
    make_each(v2)
    for kind, name in (("template", "welcome"), ("identity", "example.com")):
        other = arn(kind, name, region="eu-west-1")
        assert tags_of(v2, other) == {"team": "a"}
        assert refusal(v2.untag_resource, ResourceArn=other, TagKeys=["team"]) == (
            400, "BadRequestException", "Failed to untag resource")


def test_an_arn_of_another_account_is_not_this_accounts_resource(v2, ses_backend):
    make_each(v2)
    other = arn("configuration-set", "main", account="210987654321")
    assert refusal(v2.list_tags_for_resource, ResourceArn=other) == (
        404, "NotFoundException", "No ConfigurationSet present with name: main")
    assert refusal(v2.tag_resource, ResourceArn=other, Tags=[{"Key": "k", "Value": "v"}]) == (
        400, "BadRequestException", "Failed to tag resource")


def test_an_empty_tag_list_or_key_list_is_a_bad_request(v2, ses_backend):
    resource = make_each(v2)["configuration-set"]
    assert refusal(v2.tag_resource, ResourceArn=resource, Tags=[]) == (
        400, "BadRequestException", "1 validation error detected: Value at 'tags' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1")
    # An empty TagKeys never reaches SES: botocore sends no TagKeys in the query string.
    assert refusal(v2.untag_resource, ResourceArn=resource, TagKeys=[]) == (
        400, "BadRequestException", "1 validation error detected: Value null at 'tagKeys' failed to satisfy "
        "constraint: Member must not be null")


def test_a_resource_holds_at_most_fifty_tags(v2, ses_backend):
    resource = make_each(v2)["template"]
    v2.tag_resource(ResourceArn=resource, Tags=[{"Key": f"k{i}", "Value": ""} for i in range(49)])
    assert len(tags_of(v2, resource)) == 50
    v2.tag_resource(ResourceArn=resource, Tags=[{"Key": "k0", "Value": "replaced"}])  # a replacement adds none
    assert refusal(v2.tag_resource, ResourceArn=resource, Tags=[{"Key": "one-more", "Value": ""}]) == (
        400, "BadRequestException", "A resource can have as many as 50 tags.")
    assert len(tags_of(v2, resource)) == 50


@pytest.mark.parametrize(("tag", "message"), [
    ({"Key": "", "Value": "v"}, "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy "
                                "constraint: Member must have length greater than or equal to 1"),
    ({"Key": "k" * 129, "Value": "v"}, f"1 validation error detected: Value '{'k' * 129}' at 'tags.1.member.key' "
                                       "failed to satisfy constraint: Member must have length less than or equal to 128"),
    ({"Key": "aws:owner", "Value": "v"}, "Tag keys and values cannot start with the reserved prefix 'aws:'."),
    ({"Key": "k", "Value": "a;b"}, "Tag keys and values can only contain Unicode letters, digits, white space, "
                                   "and the following symbols: _ . : / = + -"),
])
def test_a_tag_against_the_rules_is_refused_by_tag_resource_and_at_creation(v2, ses_backend, tag, message):
    resource = make_each(v2)["identity"]
    assert refusal(v2.tag_resource, ResourceArn=resource, Tags=[tag]) == (400, "BadRequestException", message)
    assert refusal(v2.create_configuration_set, ConfigurationSetName="other", Tags=[tag]) == (
        400, "BadRequestException", message)
    assert "other" not in ses_backend.backend().configuration_sets


def test_a_request_repeating_a_key_is_refused(v2, ses_backend):
    resource = make_each(v2)["identity"]
    twice = [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]
    assert refusal(v2.tag_resource, ResourceArn=resource, Tags=twice) == (
        400, "BadRequestException", "Duplicate tag key: k")
    assert refusal(v2.create_email_identity, EmailIdentity="other.example", Tags=twice) == (
        400, "BadRequestException", "Duplicate tag key: k")


def test_a_contact_list_is_tagged_when_contact_lists_exist(v2, ses_backend):
    if getattr(ses_backend.backend(), "contact_lists", None) is None:
        pytest.skip("contact lists are not built in this tree")
    v2.create_contact_list(ContactListName="news", Tags=[{"Key": "team", "Value": "a"}])
    resource = arn("contact-list", "news")
    assert tags_of(v2, resource) == {"team": "a"}
    v2.tag_resource(ResourceArn=resource, Tags=[{"Key": "env", "Value": "prod"}])
    v2.untag_resource(ResourceArn=resource, TagKeys=["team"])
    assert v2.get_contact_list(ContactListName="news")["Tags"] == [{"Key": "env", "Value": "prod"}]
