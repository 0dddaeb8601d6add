"""SES's rules for tags and its reading of resource ARNs (fakeses/domain/tags.py)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain.tags import (
    MAX_KEY,
    MAX_TAGS,
    MAX_VALUE,
    InvalidResourceArn,
    InvalidTags,
    check,
    checked,
    merged,
    parse_arn,
    without,
)

# Unicode letters, digits, white space and the symbols the Tag shape allows.
ALLOWED = st.characters(categories=("L", "Nd", "Zs"), include_characters="_.:/=+-")
KEYS = st.text(ALLOWED, min_size=1, max_size=MAX_KEY).filter(lambda k: not k.lower().startswith("aws:"))
VALUES = st.text(ALLOWED, max_size=MAX_VALUE).filter(lambda v: not v.lower().startswith("aws:"))


@budget(30)
@given(key=KEYS, value=VALUES)
def test_a_key_and_value_within_the_documented_limits_are_accepted(key, value):
    assert checked([(key, value)]) == [(key, value)]


@budget(30)
@given(key=st.text(ALLOWED, min_size=MAX_KEY + 1, max_size=MAX_KEY + 20), value=VALUES)
def test_a_key_longer_than_128_characters_is_refused(key, value):
    with pytest.raises(InvalidTags, match="at 'tags.1.member.key'.*less than or equal to 128"):
        check([(key, value)])


@budget(30)
@given(key=KEYS, value=st.text(ALLOWED, min_size=MAX_VALUE + 1, max_size=MAX_VALUE + 20))
def test_a_value_longer_than_256_characters_is_refused(key, value):
    with pytest.raises(InvalidTags, match="at 'tags.1.member.value'.*less than or equal to 256"):
        check([(key, value)])


@budget(30)
@given(key=KEYS, bad=st.sampled_from(list("!;,<>?@#$%^&*()[]{}|\\\"'`~")))
def test_a_symbol_outside_the_allowed_ones_is_refused(key, bad):
    with pytest.raises(InvalidTags, match="can only contain"):
        check([(key[: MAX_KEY - 1] + bad, "")])
    with pytest.raises(InvalidTags, match="can only contain"):
        check([(key, bad)])


@pytest.mark.parametrize("tag", [("aws:team", "a"), ("AWS:team", "a"), ("team", "aws:a")])
def test_the_reserved_aws_prefix_is_refused_in_keys_and_values(tag):
    with pytest.raises(InvalidTags, match="reserved prefix 'aws:'"):
        check([tag])


def test_an_empty_key_is_refused_and_an_empty_value_accepted():
    with pytest.raises(InvalidTags, match="greater than or equal to 1"):
        check([("", "v")])
    check([("k", "")])


def test_a_repeated_key_is_refused_and_keys_are_case_sensitive():
    with pytest.raises(InvalidTags, match="Duplicate tag key: k"):
        check([("k", "1"), ("k", "2")])
    check([("k", "1"), ("K", "2")])


def test_fifty_tags_are_allowed_at_creation_and_fifty_one_are_not():
    fifty = [(f"k{i}", "") for i in range(MAX_TAGS)]
    assert checked(fifty) == fifty
    with pytest.raises(InvalidTags, match="as many as 50 tags"):
        checked([*fifty, ("one-more", "")])


@budget(30)
@given(existing=st.dictionaries(KEYS, VALUES, max_size=5), new=st.dictionaries(KEYS, VALUES, max_size=5))
def test_tagging_replaces_values_in_place_and_adds_new_keys_at_the_end(existing, new):
    out = merged(list(existing.items()), list(new.items()))
    assert dict(out) == {**existing, **new}
    assert [k for k, _ in out][: len(existing)] == list(existing)


def test_untagging_skips_keys_the_resource_lacks():
    assert without([("a", "1"), ("b", "2")], ["b", "c"]) == [("a", "1")]


def test_an_arn_is_split_into_its_parts_and_the_name_may_hold_slashes_and_colons():
    parsed = parse_arn("arn:aws-cn:ses:cn-north-1:123456789012:tenant/acme/tn-1:x")
    assert (parsed.partition, parsed.region, parsed.account_id, parsed.type, parsed.name) == (
        "aws-cn", "cn-north-1", "123456789012", "tenant", "acme/tn-1:x")


@pytest.mark.parametrize("bad", ["", "arn", "arn:aws:sns:us-east-1:1:topic/x", "arn::ses:r:1:identity/x",
                                 "arn:aws:ses:r:1:identity/", "arn:aws:ses:r:1:/x"])
def test_an_arn_not_of_ses_resource_form_is_refused(bad):
    with pytest.raises(InvalidResourceArn):
        parse_arn(bad)
