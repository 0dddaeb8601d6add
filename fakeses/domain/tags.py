"""Tags of v2 resources: ARNs read as SES reads them, and SES's rules for tags.

Every taggable resource keeps its tags in one place, a list of (key, value) pairs in the
order given (``Identity.tags``, ``ConfigurationSet.tags``, ``EmailTemplate.tags``,
``CustomVerificationTemplate.tags``, ``ContactList.tags``): the tags given at creation are
the tags TagResource, UntagResource and ListTagsForResource read and change, and the ones
the resource's Get* operation answers.

ARN forms (IAM service authorization reference, "Amazon Simple Email Service v2", resource
types: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html):
``arn:${Partition}:ses:${Region}:${Account}:<type>/<name>`` with the types of
:data:`TAGGABLE` (a tenant's is ``tenant/<name>/<id>``). Types without a finder in
:data:`FINDERS` are resources that do not exist. A dedicated IP pool is found among the
pools made with CreateDedicatedIpPool; the built-in ``ses-default-dedicated-pool`` and
``ses-shared-pool`` are not taggable (?).

Rules (the ``Tag`` shape's documentation in botocore's model, seed 001 TagResource): at
most 50 tags a resource (those with the reserved ``aws:`` prefix do not count, and a user
cannot set them), a key of 1 to 128 characters, a value of 0 to 256, made of Unicode
letters, digits, white space and ``_ . : / = + -``; keys are case-sensitive and unique on
a resource, so tagging an existing key replaces its value (floci PR #749, probed).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Optional

from .errors import BadRequest, NotFound

if TYPE_CHECKING:
    from .state import Backend

MAX_TAGS = 50
MAX_KEY = 128
MAX_VALUE = 256
RESERVED_PREFIX = "aws:"
#: Symbols a key or value may hold besides letters, digits and white space.
SYMBOLS = frozenset("_.:/=+-")

# How SES names each resource type in a NotFoundException of the tag operations:
# "No ConfigurationSet present with name: <n>", "No Template present with name: <n>",
# "No EmailIdentity present with name: <n>" (floci PRs #749, #759, #760, verified against
# AWS with aws sesv2). The contact list and custom verification template words follow the
# same pattern (?).
WORDS = {
    "configuration-set": "ConfigurationSet",
    "template": "Template",
    "identity": "EmailIdentity",
    "contact-list": "ContactList",
    "custom-verification-email-template": "CustomVerificationEmailTemplate",
    "dedicated-ip-pool": "DedicatedIpPool",
    "deliverability-test-report": "DeliverabilityTestReport",
    "tenant": "Tenant",
    "mailmanager-archive": "Archive",
    "multi-region-endpoint": "MultiRegionEndpoint",
}
#: The SES resource types that carry tags (the IAM reference's types with aws:ResourceTag).
TAGGABLE = frozenset(("configuration-set", "contact-list", "custom-verification-email-template",
                      "dedicated-ip-pool", "deliverability-test-report", "identity",
                      "mailmanager-archive", "template", "tenant", "multi-region-endpoint"))

# Which region a tag operation reads for an ARN naming another region than the client's
# (floci PRs #749, #759, #760, verified against AWS with aws sesv2): TagResource refuses it
# ("Failed to tag resource") for every type; UntagResource and ListTagsForResource look a
# configuration set up in the ARN's region; UntagResource refuses it for a template or an
# identity ("Failed to untag resource") and ListTagsForResource reads the client's region
# for them, ignoring the ARN's. The other types are taken to behave as templates (?).
_ROUTED_BY_ARN = frozenset(("configuration-set",))


class InvalidTags(BadRequest):
    """Tags SES refuses (BadRequestException)."""


class InvalidResourceArn(BadRequest):
    # Text not recorded (?); floci answers "Invalid ARN: <arn>" with BadRequestException.
    fmt = "Invalid ARN: {arn}"


class WrongRegion(BadRequest):
    # "Failed to tag resource" / "Failed to untag resource" (floci PRs #749, #759, #760,
    # verified against AWS): an ARN of another region than the client's.
    fmt = "Failed to {verb} resource"


class TaggedResourceNotFound(NotFound):
    # "No <Type> present with name: <name>" (floci PRs #749, #759, #760, verified against AWS).
    fmt = "No {word} present with name: {name}"


@dataclasses.dataclass(frozen=True, slots=True)
class ResourceArn:
    """An SES resource ARN, split: ``arn:<partition>:ses:<region>:<account>:<type>/<name>``."""

    partition: str
    region: str
    account_id: str
    type: str
    name: str


def parse_arn(arn: str) -> ResourceArn:
    """Split ``arn``; raises :class:`InvalidResourceArn` unless it is an SES ARN with a
    region, an account and a ``<type>/<name>`` resource."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[1] or parts[2] != "ses":
        raise InvalidResourceArn(arn=arn)
    _, partition, _, region, account_id, resource = parts
    kind, slash, name = resource.partition("/")
    if not region or not account_id or not slash or not kind or not name:
        raise InvalidResourceArn(arn=arn)
    return ResourceArn(partition, region, account_id, kind, name)


# -- rules -------------------------------------------------------------------------------

def _allowed(text: str) -> bool:
    return all(c.isalnum() or c.isspace() or c in SYMBOLS for c in text)


def check(tags: Sequence[tuple[str, str]], *, member: str = "tags") -> None:
    """SES's checks of the tags of one request (TagResource, or a Create* with Tags).

    Raises :class:`InvalidTags`. The texts follow the service's validation wording
    ("1 validation error detected: Value ... at '<member>' failed to satisfy constraint:
    ...", recorded for an empty list by floci PR #749); the other texts are not recorded (?).
    """
    seen: set[str] = set()
    for index, (key, value) in enumerate(tags, start=1):
        where = f"{member}.{index}.member"
        if not 1 <= len(key) <= MAX_KEY:
            raise InvalidTags(message=(
                f"1 validation error detected: Value '{key}' at '{where}.key' failed to satisfy constraint: "
                f"Member must have length {'greater than or equal to 1' if not key else f'less than or equal to {MAX_KEY}'}"))
        if len(value) > MAX_VALUE:
            raise InvalidTags(message=(
                f"1 validation error detected: Value '{value}' at '{where}.value' failed to satisfy constraint: "
                f"Member must have length less than or equal to {MAX_VALUE}"))
        if not _allowed(key) or not _allowed(value):
            raise InvalidTags(message=(
                "Tag keys and values can only contain Unicode letters, digits, white space, "
                "and the following symbols: _ . : / = + -"))
        if key.lower().startswith(RESERVED_PREFIX) or value.lower().startswith(RESERVED_PREFIX):
            # The Tag shape: "The aws: prefix is reserved for use by Amazon Web Services; you
            # can't use it in any tag keys or values that you define." Text (?).
            raise InvalidTags(message="Tag keys and values cannot start with the reserved prefix 'aws:'.")
        if key in seen:
            # "each tag key must be unique and it can have only one value" (Tag shape); a
            # request repeating a key is refused rather than one value picked (?).
            raise InvalidTags(message=f"Duplicate tag key: {key}")
        seen.add(key)


def _counted(tags: Iterable[tuple[str, str]]) -> int:
    return sum(1 for key, _ in tags if not key.lower().startswith(RESERVED_PREFIX))


def check_count(tags: Sequence[tuple[str, str]]) -> None:
    """At most 50 tags a resource (the Tag shape; seed 001 TagResource). Text (?)."""
    if _counted(tags) > MAX_TAGS:
        raise InvalidTags(message=f"A resource can have as many as {MAX_TAGS} tags.")


def checked(tags: Sequence[tuple[str, str]], *, member: str = "tags") -> list[tuple[str, str]]:
    """The tags of a Create* request, after :func:`check` and :func:`check_count`."""
    check(tags, member=member)
    check_count(tags)
    return list(tags)


def merged(existing: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``existing`` with ``new`` added: a key already there takes the new value in place."""
    out = dict(existing)
    out.update(new)
    return list(out.items())


def without(existing: Sequence[tuple[str, str]], keys: Iterable[str]) -> list[tuple[str, str]]:
    """``existing`` without ``keys``; a key not there is skipped silently (floci PR #749, probed)."""
    gone = set(keys)
    return [(key, value) for key, value in existing if key not in gone]


# -- resources ---------------------------------------------------------------------------

#: Resource type -> a function from (backend, name) to the object holding ``tags``, or None.
#: Capabilities add their types here (contact lists register themselves below when present).
Finder = Callable[["Backend", str], Optional[Any]]


def _contact_list(backend: Backend, name: str) -> Optional[Any]:
    # Contact lists (fakeses/domain/contacts.py) may not exist in this build yet.
    lists = getattr(backend, "contact_lists", None)
    return None if lists is None else lists.get(name)


def _tenant(backend: Backend, name: str) -> Optional[Any]:
    # A tenant's ARN is tenant/<name>/<id>; SES finds it by the id alone, the name segment
    # unread (floci, probed against AWS).
    return backend.tenants.by_id(name.rpartition("/")[2])


class TenantTagNotFound(NotFound):
    # "No Tenant present with name: <name>with tenantId: <id>", the missing space SES's own
    # (floci, probed against AWS).
    fmt = "No Tenant present with name: {name}with tenantId: {tenant_id}"


FINDERS: dict[str, Finder] = {
    "tenant": _tenant,
    "identity": lambda backend, name: backend.identities.get(name),
    "configuration-set": lambda backend, name: backend.configuration_sets.get(name),
    "template": lambda backend, name: backend.templates.get(name),
    "custom-verification-email-template": lambda backend, name: backend.custom_verification.get(name),
    "contact-list": _contact_list,
    "dedicated-ip-pool": lambda backend, name: backend.dedicated_ips.pool(name),
    "deliverability-test-report": lambda backend, name: backend.account.dashboard.reports.get(name),
    "multi-region-endpoint": lambda backend, name: backend.multi_region_endpoints.get(name),
}


def resource(backend: Backend, arn: str, operation: str) -> Any:
    """The resource ``arn`` names, as ``operation`` ("TagResource", "UntagResource" or
    "ListTagsForResource") finds it from ``backend`` (the client's account and region).

    Raises :class:`InvalidResourceArn`, :class:`WrongRegion` or :class:`TaggedResourceNotFound`.
    """
    parsed = parse_arn(arn)
    if parsed.type not in TAGGABLE:
        raise InvalidResourceArn(arn=arn)
    word = WORDS[parsed.type]
    target = backend
    verb = {"TagResource": "tag", "UntagResource": "untag"}.get(operation)
    if parsed.account_id != backend.account_id:
        # Another account's resource: not recorded. Tagging is refused as for another
        # region, and its tags are not listed (?).
        if verb is not None:
            raise WrongRegion(verb=verb)
        raise TaggedResourceNotFound(word=word, name=parsed.name)
    if parsed.region != backend.region:
        if operation == "TagResource" or (verb is not None and parsed.type not in _ROUTED_BY_ARN):
            raise WrongRegion(verb=verb)
        if parsed.type in _ROUTED_BY_ARN:
            target = backend.world.backend(backend.account_id, parsed.region)
    finder = FINDERS.get(parsed.type)
    found = None if finder is None else finder(target, parsed.name)
    if found is None:
        if parsed.type == "tenant":
            name, slash, tenant_id = parsed.name.rpartition("/")
            # An ARN with no name segment: the name reads "null" (floci, probed).
            raise TenantTagNotFound(name=name if slash else "null", tenant_id=tenant_id)
        raise TaggedResourceNotFound(word=word, name=parsed.name)
    return found


def _empty(member: str) -> InvalidTags:
    # Recorded for an empty list (floci PR #749, "to match AWS validation").
    return InvalidTags(message=(f"1 validation error detected: Value at '{member}' failed to satisfy constraint: "
                                "Member must have length greater than or equal to 1"))


def tag(backend: Backend, arn: str, tags: Sequence[tuple[str, str]]) -> None:
    """TagResource: add ``tags`` to the resource, replacing the values of keys it has.

    Raises :class:`InvalidTags` (checked before the resource is looked up (?)),
    or what :func:`resource` raises.
    """
    if not tags:
        raise _empty("tags")
    check(tags)
    found = resource(backend, arn, "TagResource")
    new = merged(found.tags, tags)
    check_count(new)
    found.tags = new


def untag(backend: Backend, arn: str, keys: Sequence[str]) -> None:
    """UntagResource: remove ``keys`` from the resource (keys it lacks are skipped)."""
    if not keys:
        raise _empty("tagKeys")
    found = resource(backend, arn, "UntagResource")
    found.tags = without(found.tags, keys)


def listed(backend: Backend, arn: str) -> list[tuple[str, str]]:
    """ListTagsForResource: the resource's tags, in the order they were given."""
    return list(resource(backend, arn, "ListTagsForResource").tags)
