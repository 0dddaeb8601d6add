"""Tenants (v2 multi-tenant sending): the tenants of one (account, region), the resources
associated with each, and what a send through a tenant must satisfy.

A tenant groups identities, configuration sets and templates; a send naming a tenant
(``TenantName`` of v2 SendEmail and SendBulkEmail) may only use resources associated with
it, is refused while the tenant's sending status is DISABLED (its reputation entity,
fakeses/domain/reputation.py) and applies the tenant's suppression settings
(fakeses/domain/suppression.py). Sources (facts carried over, each beside its rule):

- floci PRs #2644, #2710, #2743, #2815 (floci-io/floci#2643), each "verified against real
  AWS SES v2 (us-east-1)": the id and ARN forms, the name rules and texts, the not-found
  and already-exists texts, association rules, suppression-attribute pairing, the send gate.
- The developer guide, "Using tenant-level suppression lists" and its "Configuring" and
  "Managing tenant suppression list entries" pages (2026); the model's documentation.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import clock, ids
from .authorization.errors import AccessDenied
from .errors import AlreadyExists, BadRequest, DomainError, NotFound, TenantNotFound
from .suppression import REASONS, SuppressionList
from .tags import FINDERS, WORDS, TaggedResourceNotFound

if TYPE_CHECKING:
    from .state import Backend

MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+")
SCOPES = ("ACCOUNT", "TENANT")  # the model's SuppressionListScope

#: The model's ResourceType, by the ARN's resource type. SES's own wire values are the
#: ARN segments ("identity", ...: floci PR #2710, probed); fakeses answers the model's
#: enum, which SDKs parse, and accepts both spellings in a RESOURCE_TYPE filter (?).
RESOURCE_TYPES = {"identity": "EMAIL_IDENTITY", "configuration-set": "CONFIGURATION_SET",
                  "template": "EMAIL_TEMPLATE"}


# -- errors ------------------------------------------------------------------------------

class InvalidTenantName(BadRequest):
    # "TenantName cannot be empty", "TenantName cannot exceed 64 characters.", "Invalid
    # tenant name <n>: only alphanumeric ASCII characters, '_', and '-' are allowed."
    # (floci PR #2644, verified against AWS; the TenantName shape: "up to 64 alphanumeric
    # characters, including letters, numbers, hyphens (-) and underscores (_) only").
    pass


class TenantAlreadyExists(AlreadyExists):
    # floci PR #2644, verified against AWS.
    fmt = "Tenant with name {name} already exists in account {account_id}"


class TenantNotFoundForSend(NotFound):
    # A send naming an unknown tenant: no angle brackets, the account id named (floci PR
    # #2815, probed with real tenant-scoped sends).
    fmt = "Tenant {name} for AwsAccountId {account_id} not found."


class TenantNotAssociated(AccessDenied):
    # HTTP 403 AccessDeniedException listing every resource of the send not associated with
    # the tenant, "Resources" plural even for one (floci PR #2815, probed).
    fmt = "Tenant not associated with resources [{arns}]."


class TenantSendingPaused(DomainError):
    # v2 SendingPausedException (the only pause error SendEmail models). The text for a
    # DISABLED tenant is not recorded (?): it follows the configuration set's.
    fmt = "Sending is paused for tenant <{name}>."


class NotAnSesResource(BadRequest):
    # The association operations' ARN checks, in SES's order: not an ARN, not an SES ARN,
    # an unsupported type, another region, another account (floci PR #2710, probed).
    pass


class AssociationExists(AlreadyExists):
    # "Resources" is SES's grammar (floci PR #2710, probed).
    fmt = "Resources {arn} has already been associated with tenant {name}"


class InvalidSuppressionAttributes(BadRequest):
    # The pair rules and their texts (floci PR #2743, probed against AWS); the developer
    # guide: "You must provide SuppressionScope and SuppressedReasons together, or set both
    # to null."
    pass


# -- records -----------------------------------------------------------------------------

@dataclasses.dataclass
class Association:
    """One resource associated with a tenant."""

    arn: str
    kind: str  # "identity", "configuration-set" or "template"
    name: str
    at: _dt.datetime


@dataclasses.dataclass
class StatusRecord:
    """The model's StatusRecord: a reputation entity's status, its cause and its time."""

    status: str
    at: _dt.datetime
    cause: Optional[str] = None


@dataclasses.dataclass
class Tenant:
    """One tenant (the model's Tenant), with its associations, suppression list and the
    settings of its reputation entity (fakeses/domain/reputation.py)."""

    name: str
    id: str
    arn: str
    created: _dt.datetime
    _tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    #: SuppressionAttributes: (reasons, scope), or None (never set, or cleared): SES then
    #: uses the account's settings ("returns the tenant to the default ACCOUNT scope").
    suppression: Optional[tuple[list[str], str]] = None
    #: The tenant's own suppression list (used while its scope is TENANT). Entries stay when
    #: the scope changes ("Disabling tenant-level suppression does not delete existing
    #: entries", developer guide, sending-email-suppression-list-tenant-level-configure).
    suppressed: SuppressionList = dataclasses.field(default_factory=SuppressionList)
    associations: dict[str, Association] = dataclasses.field(default_factory=dict)
    #: The reputation entity's policy ARN and customer-managed status (reputation.py).
    policy: str = ""
    customer_status: Optional[StatusRecord] = None
    #: How far the reputation has read the record (fakeses/domain/reputation.py _Scan).
    _scan: Any = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def tags(self) -> list[tuple[str, str]]:
        """The tenant's tags, ordered by key (ListTagsForResource of a tenant: floci, probed)."""
        return self._tags

    @tags.setter
    def tags(self, value: list[tuple[str, str]]) -> None:
        self._tags = sorted(value, key=lambda pair: pair[0])


def check_name(name: str, *, create: bool = False) -> None:
    """SES's checks of a TenantName, in its order (floci PR #2644, verified against AWS).

    On CreateTenant an empty name gets the validation wording; every other operation says
    "TenantName cannot be empty" for it (floci, probed 2026-08-30).
    """
    if name == "" and create:
        raise InvalidTenantName(message=("1 validation error detected: Value at 'tenantName' failed to satisfy "
                                         "constraint: Member must have length greater than or equal to 1"))
    if not name.strip():
        raise InvalidTenantName(message="TenantName cannot be empty")
    if len(name) > MAX_NAME:
        raise InvalidTenantName(message=f"TenantName cannot exceed {MAX_NAME} characters.")
    if not _NAME.fullmatch(name):
        raise InvalidTenantName(message=(f"Invalid tenant name <{name}>: only alphanumeric ASCII characters, "
                                         "'_', and '-' are allowed."))


def suppression_attributes(reasons: Optional[Sequence[str]],
                           scope: Optional[str]) -> Optional[tuple[list[str], str]]:
    """The SuppressedReasons/SuppressionScope pair of CreateTenant or
    PutTenantSuppressionAttributes, checked; None when neither is given (which clears them)."""
    if reasons is not None and len(set(reasons)) != len(reasons):
        raise InvalidSuppressionAttributes(message="Each suppressed reason can only be specified at most once")
    if reasons is not None and scope is None:
        raise InvalidSuppressionAttributes(message=(
            "SuppressionScope is required when SuppressedReasons are provided. Valid values are: TENANT, ACCOUNT"
            if not reasons else "SuppressedReasons cannot be specified without SuppressionScope."))
    if reasons is None and scope is not None:
        raise InvalidSuppressionAttributes(message="SuppressionScope cannot be specified without SuppressedReasons.")
    if reasons is None or scope is None:
        return None
    # The model's enums are checked before this (validation); kept for direct callers.
    if scope not in SCOPES or any(r not in REASONS for r in reasons):
        raise InvalidSuppressionAttributes(message="Invalid suppression attributes.")
    return list(reasons), scope


# -- the store ---------------------------------------------------------------------------

class Tenants:
    """The tenants of one (account, region), by name, in the order they were created."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self._by_name: dict[str, Tenant] = {}

    def __iter__(self) -> Iterator[Tenant]:
        return iter(list(self._by_name.values()))

    def __len__(self) -> int:
        return len(self._by_name)

    def create(self, name: str, tags: list[tuple[str, str]],
               suppression: Optional[tuple[list[str], str]]) -> Tenant:
        check_name(name, create=True)
        backend = self._backend
        if name in self._by_name:
            raise TenantAlreadyExists(name=name, account_id=backend.account_id)
        tenant_id = ids.tenant_id()
        now = clock.utcnow()
        from .reputation import DEFAULT_POLICY, policy_arn

        policy = policy_arn(backend.region, DEFAULT_POLICY)
        # ARN: tenant/<name>/<id> (floci PR #2644, verified against AWS).
        tenant = Tenant(name=name, id=tenant_id, arn=backend.arn("tenant", f"{name}/{tenant_id}"), created=now,
                        suppression=suppression, policy=policy, customer_status=StatusRecord("ENABLED", now))
        tenant.tags = tags
        self._by_name[name] = tenant
        return tenant

    def get(self, name: str) -> Optional[Tenant]:
        return self._by_name.get(name)

    def require(self, name: str) -> Tenant:
        """The tenant ``name`` or, as the tenant operations answer, NotFoundException."""
        check_name(name)
        found = self._by_name.get(name)
        if found is None:
            raise TenantNotFound(name=name)
        return found

    def by_id(self, tenant_id: str) -> Optional[Tenant]:
        return next((t for t in self._by_name.values() if t.id == tenant_id), None)

    def by_arn(self, arn: str) -> Optional[Tenant]:
        return next((t for t in self._by_name.values() if t.arn == arn), None)

    def delete(self, name: str) -> None:
        """DeleteTenant: its associations go with it, the resources stay (model docs;
        floci PR #2644 "AWS cascades", probed). So do its suppression list and settings."""
        self.require(name)
        del self._by_name[name]

    # -- associations ----------------------------------------------------------------------

    def resource(self, arn: str, *, existing: bool = True) -> Association:
        """The resource ``arn`` names, checked as the association operations check it (and,
        with ``existing``, that it exists)."""
        backend = self._backend
        parts = arn.split(":", 5)
        if len(parts) < 6 or parts[0] != "arn":
            raise NotAnSesResource(message="Provided resource identifier is not an SES resource")
        if parts[2] != "ses":
            raise NotAnSesResource(message="Provided ARN is not in SES resource ARN format")
        kind, slash, name = parts[5].partition("/")
        if kind not in RESOURCE_TYPES:
            raise NotAnSesResource(message=f"Unsupported resource type: {kind}")
        if not slash or not name:
            raise NotAnSesResource(message="Provided resource identifier is not an SES resource")
        if parts[3] != backend.region:
            raise NotAnSesResource(message=f"Resource <{arn}> must be in the same region")
        if parts[4] != backend.account_id:
            raise NotAnSesResource(message=f"Resource <{arn}> must be in the same account")
        if not existing:
            return Association(arn, kind, name, clock.utcnow())
        if FINDERS[kind](backend, name) is None:
            # Text not recorded (?): the tag operations' wording for a missing resource.
            raise TaggedResourceNotFound(word=WORDS[kind], name=name)
        return Association(arn, kind, name, clock.utcnow())

    def associate(self, name: str, arn: str) -> None:
        tenant = self.require(name)
        association = self.resource(arn)
        if arn in tenant.associations:
            raise AssociationExists(arn=arn, name=name)
        tenant.associations[arn] = association

    def disassociate(self, name: str, arn: str) -> None:
        """DeleteTenantResourceAssociation: removing one that is not there succeeds (floci
        PR #2710, probed); the ARN is still checked."""
        tenant = self.require(name)
        self.resource(arn, existing=False)  # the ARN's form only (?)
        tenant.associations.pop(arn, None)

    def resources(self, name: str, kind: Optional[str] = None) -> list[Association]:
        """ListTenantResources: ordered by ARN (floci PR #2710, probed)."""
        tenant = self.require(name)
        return sorted((a for a in tenant.associations.values() if kind is None or a.kind == kind),
                      key=lambda a: a.arn)

    def tenants_of(self, arn: str) -> list[tuple[Tenant, Association]]:
        """ListResourceTenants: ordered by association time (floci PR #2710, probed)."""
        self.resource(arn)
        found = [(t, t.associations[arn]) for t in self._by_name.values() if arn in t.associations]
        return sorted(found, key=lambda pair: (pair[1].at, pair[0].name))

    def associated(self, kind: str, name: str) -> list[Tenant]:
        """The tenants a resource of ``kind`` named ``name`` is associated with."""
        arn = self._backend.arn(kind, name)
        return [t for t in self._by_name.values() if arn in t.associations]


class ResourceInUse(BadRequest):
    # floci PR #2710 (its v2 delete paths verified against AWS; v1's not (?)).
    fmt = "Cannot delete <{arn}> because it has tenant associations. Remove all tenant associations and try again."


def check_deletable(backend: Backend, kind: str, name: str) -> None:
    """Refuse to delete an identity, configuration set or template a tenant is associated
    with (``kind``: "identity", "configuration-set" or "template")."""
    if backend.tenants.associated(kind, name):
        raise ResourceInUse(arn=backend.arn(kind, name))


# -- sending -----------------------------------------------------------------------------

def on_send(backend: Backend, tenant_name: Optional[str], sender: Optional[str],
            configuration_set: Optional[str], template: Optional[str]) -> Optional[str]:
    """SES's checks of a send naming ``tenant_name`` (None: not a tenant send); the name
    to record on the message.

    The tenant must exist (else NotFoundException "Tenant <n> for AwsAccountId <a> not
    found."); every resource the send uses must be associated with it: the sending
    identity (the address's own identity when there is one, else its domain's), the
    configuration set in effect (named, or the identity's default) and a stored template;
    else AccessDeniedException naming each one missing (floci PR #2815, probed with real
    sends: the tenant is looked up before recipients and identity verification are
    checked). A tenant whose sending status is DISABLED does not send (model: "DISABLED –
    Sending is prevented for the tenant").
    """
    if tenant_name is None:
        return None
    tenant = backend.tenants.get(tenant_name) if tenant_name.strip() else None
    if tenant is None:
        raise TenantNotFoundForSend(name=tenant_name, account_id=backend.account_id)
    used: list[str] = []
    if sender:
        from ..mail import addresses

        try:
            bare = addresses.check(sender)
        except addresses.AddressError:
            bare = sender.strip()
        identities = backend.identities
        domain = bare.rpartition("@")[2]
        name = bare if identities.get(bare) is not None or identities.get(domain) is None else domain
        used.append(backend.arn("identity", name))
        if configuration_set is None:
            configuration_set = identities.default_configuration_set(bare)
    if configuration_set:
        used.append(backend.arn("configuration-set", configuration_set))
    if template:
        used.append(backend.arn("template", template))
    missing = [arn for arn in used if arn not in tenant.associations]
    if missing:
        raise TenantNotAssociated(arns=", ".join(missing))
    from . import reputation

    if reputation.entity_of(backend, tenant).aggregate == "DISABLED":
        raise TenantSendingPaused(name=tenant.name)
    return tenant.name
