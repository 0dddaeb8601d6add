"""Policy documents and their evaluation (fakeses/domain/authorization), against IAM's rules.

The table holds IAM's evaluation cases (IAM User Guide: policy evaluation logic, condition
operators, single- vs multivalued context keys); Hypothesis holds the set operators to a
plain oracle over random recipient sets.
"""
from __future__ import annotations

import fnmatch
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain.authorization.documents import Condition, parse
from fakeses.domain.authorization.errors import InvalidPolicy
from fakeses.domain.authorization.evaluation import (
    Request,
    condition_holds,
    evaluate,
    matches,
)

OWNER, DELEGATE = "111111111111", "222222222222"
ARN = f"arn:aws:ses:us-east-1:{OWNER}:identity/example.com"
ROOT = f"arn:aws:iam::{DELEGATE}:root"


def request(principal: str = ROOT, action: str = "ses:SendEmail", **context: Any) -> Request:
    keys = {k.replace("__", ":").lower(): tuple(v) if isinstance(v, list) else (v,) for k, v in context.items()}
    return Request(principal, principal.split(":")[4], action, ARN, keys)


def statement(effect: str = "Allow", principal: Any = None, action: Any = "ses:SendEmail", **extra: Any) -> dict[str, Any]:
    return {"Effect": effect, "Principal": principal if principal is not None else {"AWS": DELEGATE},
            "Action": action, "Resource": ARN, **extra}


def judge(*statements: dict[str, Any], req: Request | None = None) -> bool:
    policy = parse("p", json.dumps({"Version": "2012-10-17", "Statement": list(statements)}), ARN)
    return evaluate([policy], req or request()).allowed


@pytest.mark.parametrize(("statements", "req", "allowed"), [
    # Principal: an account id or its root ARN names every principal of the account; a user
    # or role ARN only that one (a role also its sessions); "*" anyone; a service no account.
    ([statement()], request(), True),
    ([statement(principal={"AWS": f"arn:aws:iam::{DELEGATE}:root"})], request(f"arn:aws:iam::{DELEGATE}:user/ann"), True),
    ([statement(principal={"AWS": [f"arn:aws:iam::{DELEGATE}:user/ann"]})], request(), False),
    ([statement(principal={"AWS": f"arn:aws:iam::{DELEGATE}:user/ann"})], request(f"arn:aws:iam::{DELEGATE}:user/ann"), True),
    ([statement(principal={"AWS": f"arn:aws:iam::{DELEGATE}:role/mailer"})],
     request(f"arn:aws:sts::{DELEGATE}:assumed-role/mailer/session-1"), True),
    ([statement(principal="*")], request(), True),
    ([statement(principal={"Service": "cognito-idp.amazonaws.com"})], request(), False),
    ([statement(principal={"AWS": "333333333333"})], request(), False),
    ([{**statement(), "NotPrincipal": {"AWS": "333333333333"}, "Principal": None}], request(), True),
    # Action: case-insensitive, with wildcards; NotAction.
    ([statement(action="SES:sendemail")], request(), True),
    ([statement(action="ses:Send*")], request(action="ses:SendRawEmail"), True),
    ([statement(action=["ses:SendRawEmail"])], request(), False),
    ([{**statement(action=None), "Action": None, "NotAction": "ses:SendRawEmail"}], request(), True),
    # Effect: an explicit Deny wins over any Allow, in any order; nothing applying: denied.
    ([statement(), statement("Deny")], request(), False),
    ([statement("Deny"), statement()], request(), False),
    ([statement("Deny", action="ses:SendRawEmail"), statement()], request(), True),
    ([statement("Deny")], request(), False),
    # Conditions: operators, IfExists, Null, set operators, several keys (AND), values (OR).
    ([statement(Condition={"StringEquals": {"ses:FromAddress": ["a@example.com", "b@example.com"]}})],
     request(ses__FromAddress="b@example.com"), True),
    ([statement(Condition={"StringEquals": {"ses:FromAddress": "A@example.com"}})],
     request(ses__FromAddress="a@example.com"), False),
    ([statement(Condition={"StringEqualsIgnoreCase": {"ses:FromAddress": "A@example.com"}})],
     request(ses__FromAddress="a@example.com"), True),
    ([statement(Condition={"StringLike": {"ses:FromAddress": "invoicing*@example.com"}})],
     request(ses__FromAddress="invoicing-eu@example.com"), True),
    ([statement(Condition={"StringNotLike": {"ses:FromAddress": "*admin*example.com"}})],
     request(ses__FromAddress="admin+1@example.com"), False),
    ([statement(Condition={"StringNotEquals": {"ses:FeedbackAddress": "x@example.com"}})], request(), True),
    ([statement(Condition={"StringEquals": {"ses:FeedbackAddress": "x@example.com"}})], request(), False),
    ([statement(Condition={"StringEqualsIfExists": {"ses:FeedbackAddress": "x@example.com"}})], request(), True),
    ([statement(Condition={"Null": {"ses:FeedbackAddress": "true"}})], request(), True),
    ([statement(Condition={"Null": {"ses:FeedbackAddress": "false"}})], request(), False),
    ([statement(Condition={"DateLessThan": {"aws:CurrentTime": "2019-07-30T00:00:00Z"}})],
     request(aws__CurrentTime="2019-07-29T23:59:59Z"), True),
    ([statement(Condition={"DateGreaterThan": {"aws:CurrentTime": "2019-07-30T00:00:00Z"}})],
     request(aws__CurrentTime="2019-07-29T23:59:59Z"), False),
    ([statement(Condition={"NumericLessThan": {"aws:EpochTime": 100}})], request(aws__EpochTime="99"), True),
    ([statement(Condition={"Bool": {"aws:SecureTransport": True}})], request(aws__SecureTransport="true"), True),
    ([statement(Condition={"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{DELEGATE}:user/*"}})],
     request(aws__PrincipalArn=f"arn:aws:iam::{DELEGATE}:user/ann"), True),
    ([statement(Condition={"StringEquals": {"aws:PrincipalAccount": DELEGATE},
                           "StringLike": {"ses:FromAddress": "news@*"}})],
     request(aws__PrincipalAccount=DELEGATE, ses__FromAddress="sales@example.com"), False),
    ([statement(Condition={"ForAllValues:StringLike": {"ses:Recipients": "*@example.org"}})],
     request(ses__Recipients=["a@example.org", "b@example.net"]), False),
    ([statement(Condition={"ForAllValues:StringLike": {"ses:Recipients": "*@example.org"}})], request(), True),
    ([statement(Condition={"ForAnyValue:StringLike": {"ses:Recipients": "*@example.org"}})], request(), False),
    ([statement(Condition={"ForAnyValue:StringEquals": {"ses:Recipients": "b@example.net"}})],
     request(ses__Recipients=["a@example.org", "b@example.net"]), True),
    # A plain operator on a multivalued key: any value (a negated one: none).
    ([statement(Condition={"StringLike": {"ses:Recipients": "*@example.net"}})],
     request(ses__Recipients=["a@example.org", "b@example.net"]), True),
    ([statement(Condition={"StringNotLike": {"ses:Recipients": "*@example.net"}})],
     request(ses__Recipients=["a@example.org", "b@example.net"]), False),
])
def test_iam_cases(statements, req, allowed):
    for item in statements:
        for key in [k for k, v in item.items() if v is None]:
            del item[key]
    assert judge(*statements, req=req) is allowed


def test_a_verdict_names_the_deciding_statement_or_says_why_none_applied():
    policy = parse("shop", json.dumps({"Statement": [dict(statement(), Sid="AllowShop")]}), ARN)
    assert evaluate([policy], request()).statement == "policy 'shop' statement 'AllowShop'"
    denied = evaluate([policy], request(action="ses:SendRawEmail"))
    assert denied.statement is None and "action ses:SendRawEmail is not 'ses:SendEmail'" in denied.reason
    assert "no policy" in evaluate([], request()).reason


@pytest.mark.parametrize(("document", "reason"), [
    ("[]", "Syntax errors in policy."),
    ('{"Statement": []}', "Syntax errors in policy."),
    ('{"Version": "2012-10-17"}', "Missing required field Statement"),
    (json.dumps({"Statement": {"Effect": "Allow", "Principal": "*", "Resource": ARN}}), "Missing required field Action"),
    (json.dumps({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "ses:SendEmail"}}),
     "Missing required field Resource"),
    (json.dumps({"Statement": {"Effect": "Allow", "Principal": {"Federated": "x"}, "Action": "ses:*",
                               "Resource": ARN}}), "Invalid principal in policy"),
])
def test_documents_ses_refuses(document, reason):
    with pytest.raises(InvalidPolicy) as refused:
        parse("p", document, ARN)
    assert refused.value.message == reason


def test_a_resource_wildcard_that_matches_the_identity_is_accepted():
    policy = parse("p", json.dumps({"Statement": statement(Resource=f"arn:aws:ses:*:{OWNER}:identity/*")}), ARN)
    assert policy.statements[0].resource == (f"arn:aws:ses:*:{OWNER}:identity/*",)


def test_wildcards_match_as_iam_matches():
    assert matches("ses:Send*", "ses:SendBulkTemplatedEmail") and matches("a?c", "abc")
    assert not matches("a?c", "abbc") and not matches("ses:send*", "ses:SendEmail")
    assert matches("ses:send*", "ses:SendEmail", ignore_case=True)


ADDRESSES = st.lists(st.sampled_from(["a@example.org", "b@example.org", "c@example.net", "d@shop.example.org"]),
                     max_size=4, unique=True)
PATTERNS = st.lists(st.sampled_from(["*@example.org", "*.example.org", "c@*", "?@example.net", "x@y"]),
                    min_size=1, max_size=3)


@budget(60)
@given(recipients=ADDRESSES, patterns=PATTERNS, negated=st.booleans())
def test_set_operators_agree_with_a_plain_oracle(recipients, patterns, negated):
    def hit(value: str) -> bool:
        found = any(fnmatch.fnmatchcase(value, pattern) for pattern in patterns)
        return not found if negated else found

    operator = "StringNotLike" if negated else "StringLike"
    context = {"ses:recipients": tuple(recipients)} if recipients else {}
    every = condition_holds(Condition(f"ForAllValues:{operator}", "ses:Recipients", tuple(patterns)), context)
    some = condition_holds(Condition(f"ForAnyValue:{operator}", "ses:Recipients", tuple(patterns)), context)
    assert every == all(hit(r) for r in recipients)
    assert some == any(hit(r) for r in recipients)
