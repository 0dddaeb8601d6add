"""How a bulk entry's data, tags and headers combine with the defaults (fakeses/domain/bulk.py)."""
from __future__ import annotations

from fakeses.domain import bulk
from fakeses.domain.errors import (
    AddressRejected,
    DailyQuotaExceeded,
    IdentityNotVerified,
    TemplateNotFound,
    Unsupported,
)


def test_replacement_keys_override_and_the_other_defaults_stay():
    assert bulk.merge({"a": 1, "b": 2}, {"b": 3, "c": 4}) == {"a": 1, "b": 3, "c": 4}


def test_objects_merge_recursively_and_lists_are_replaced():
    default = {"o": {"x": 1, "y": {"z": 1, "w": 2}}, "l": [1, 2, 3]}
    assert bulk.merge(default, {"o": {"y": {"z": 9}}, "l": [7]}) == {"o": {"x": 1, "y": {"z": 9, "w": 2}}, "l": [7]}


def test_a_replacement_of_another_type_replaces():
    assert bulk.merge({"o": {"x": 1}}, {"o": "text"}) == {"o": "text"}
    assert bulk.merge({"o": "text"}, {"o": {"x": 1}}) == {"o": {"x": 1}}


def test_merge_leaves_the_default_unchanged():
    default = {"o": {"x": 1}}
    bulk.merge(default, {"o": {"x": 2}})
    assert default == {"o": {"x": 1}}


def test_tags_and_headers_of_the_same_name_are_replaced():
    assert bulk.combine_tags([("a", "1"), ("b", "2")], [("b", "3")]) == [("a", "1"), ("b", "3")]
    assert bulk.merge_headers([("X-A", "1")], [("x-a", "2"), ("X-B", "3")]) == [("x-a", "2"), ("X-B", "3")]


def test_each_refusal_has_its_bulk_status():
    assert bulk.status_for(IdentityNotVerified(region="US-EAST-1", identities="a@b.c")) == "MESSAGE_REJECTED"
    assert bulk.status_for(AddressRejected(reason="x", reason_v2="x")) == "INVALID_PARAMETER"
    assert bulk.status_for(DailyQuotaExceeded()) == "ACCOUNT_DAILY_QUOTA_EXCEEDED"
    assert bulk.status_for(TemplateNotFound(name="t")) == "TEMPLATE_NOT_FOUND"
    assert bulk.status_for(Unsupported(message="x")) == "FAILED"
