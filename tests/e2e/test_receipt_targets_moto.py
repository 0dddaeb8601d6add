"""The checks SES makes on receipt actions' targets, made against moto when mock_aws is active.

Without moto any well-formed target is taken (tests/e2e/test_receipt_rules.py); with it,
an absent bucket, topic, function, key or role is refused with SES's error, and a bucket
whose policy does not let SES write is refused as SES refuses it.
"""
from __future__ import annotations

import json

import boto3
import pytest
from support.clients import refusal

from fakeses import fakeses

moto = pytest.importorskip("moto")
ACCOUNT = "123456789012"


def zip_of(source):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("h.py", source)
    return buffer.getvalue()


def writable_bucket(s3, name):
    s3.create_bucket(Bucket=name)
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ses.amazonaws.com"}, "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{name}/*"}]}))


def test_targets_are_checked_against_moto():
    with moto.mock_aws(), fakeses():
        ses = boto3.client("ses", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        sns = boto3.client("sns", region_name="us-east-1")
        ses.create_receipt_rule_set(RuleSetName="inbound")

        def create(*actions):
            ses.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "r", "Actions": list(actions)})
            ses.delete_receipt_rule(RuleSetName="inbound", RuleName="r")

        def refused(*actions):
            return refusal(ses.create_receipt_rule, RuleSetName="inbound", Rule={"Name": "r", "Actions": list(actions)})

        assert refused({"S3Action": {"BucketName": "mail"}}) \
            == (400, "InvalidS3Configuration", "No such bucket: mail")
        s3.create_bucket(Bucket="mail")
        assert refused({"S3Action": {"BucketName": "mail"}}) \
            == (400, "InvalidS3Configuration", "Could not write to bucket: mail")
        writable_bucket(s3, "mail")
        create({"S3Action": {"BucketName": "mail",
                             "KmsKeyArn": f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/ses"}})
        missing_key = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
        assert refused({"S3Action": {"BucketName": "mail", "KmsKeyArn": missing_key}}) \
            == (400, "InvalidS3Configuration", f"Unable to use AWS KMS key: {missing_key}")
        key = boto3.client("kms", region_name="us-east-1").create_key()["KeyMetadata"]["Arn"]
        create({"S3Action": {"BucketName": "mail", "KmsKeyArn": key}})
        role = f"arn:aws:iam::{ACCOUNT}:role/ses-writer"
        assert refused({"S3Action": {"BucketName": "mail", "IamRoleArn": role}}) \
            == (400, "InvalidParameterValue", "Could not assume the provided IAM role")

        topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:inbound"
        assert refused({"SNSAction": {"TopicArn": topic}}) \
            == (400, "InvalidSnsTopic", f"Could not publish to SNS topic: {topic}")
        sns.create_topic(Name="inbound")
        create({"SNSAction": {"TopicArn": topic}}, {"S3Action": {"BucketName": "mail", "TopicArn": topic}})

        function = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:on-mail"
        assert refused({"LambdaAction": {"FunctionArn": function}}) \
            == (400, "InvalidLambdaFunction", f"Could not invoke Lambda function: {function}")
        iam = boto3.client("iam", region_name="us-east-1")
        iam.create_role(RoleName="ses-writer", AssumeRolePolicyDocument="{}")
        create({"S3Action": {"BucketName": "mail", "IamRoleArn": role}})
        boto3.client("lambda", region_name="us-east-1").create_function(
            FunctionName="on-mail", Runtime="python3.12", Role=role, Handler="h.handler",
            Code={"ZipFile": zip_of("def handler(event, context):\n    return None\n")})
        create({"LambdaAction": {"FunctionArn": function, "InvocationType": "Event"}})
        assert ses.describe_receipt_rule_set(RuleSetName="inbound")["Rules"] == []


def test_without_moto_well_formed_targets_are_taken(ses_backend):
    ses = boto3.client("ses", region_name="us-east-1")
    ses.create_receipt_rule_set(RuleSetName="inbound")
    ses.create_receipt_rule(RuleSetName="inbound", Rule={"Name": "r", "Actions": [
        {"S3Action": {"BucketName": "nowhere"}},
        {"LambdaAction": {"FunctionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:none"}},
        {"SNSAction": {"TopicArn": f"arn:aws:sns:us-east-1:{ACCOUNT}:none"}}]})
    assert len(ses.describe_receipt_rule(RuleSetName="inbound", RuleName="r")["Rule"]["Actions"]) == 3
