"""Tags of v2 resources: TagResource, UntagResource, ListTagsForResource.

The ARN forms, the rules and their sources are in fakeses/domain/tags.py.
"""
from __future__ import annotations

from typing import Any

from ..domain import tags
from ..domain.state import Backend
from . import operation


def pairs(given: list[dict[str, str]] | None) -> list[tuple[str, str]]:
    """The model's ``Tags`` (``[{"Key": ..., "Value": ...}]``) as (key, value) pairs.

    A value left out is the empty string ("If you don't specify a value, Amazon SES sets
    the value to an empty string": the Tag shape's documentation).
    """
    return [(tag["Key"], tag.get("Value") or "") for tag in given or ()]


def given(Tags: list[dict[str, str]] | None) -> list[tuple[str, str]]:
    """A Create* request's ``Tags``, checked by SES's rules for tags (fakeses/domain/tags.py)."""
    return tags.checked(pairs(Tags))


def listing(given: list[tuple[str, str]]) -> list[dict[str, str]]:
    """(key, value) pairs as the model's ``Tags``."""
    return [{"Key": key, "Value": value} for key, value in given]


@operation("sesv2", "TagResource")
def tag_resource(backend: Backend, *, ResourceArn: str, Tags: list[dict[str, str]]) -> dict[str, Any]:
    tags.tag(backend, ResourceArn, pairs(Tags))
    return {}


@operation("sesv2", "UntagResource")
def untag_resource(backend: Backend, *, ResourceArn: str, TagKeys: list[str]) -> dict[str, Any]:
    tags.untag(backend, ResourceArn, TagKeys)
    return {}


@operation("sesv2", "ListTagsForResource")
def list_tags_for_resource(backend: Backend, *, ResourceArn: str) -> dict[str, Any]:
    return {"Tags": listing(tags.listed(backend, ResourceArn))}
