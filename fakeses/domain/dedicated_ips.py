"""Dedicated IP addresses and the pools that group them: one store per (account, region).

SES has no API that makes a dedicated IP. A STANDARD one is leased through AWS Support (or
brought by the customer) and lands in ``ses-default-dedicated-pool``; a MANAGED pool gets
the IPs SES decides it needs from the traffic it sees (developer guide, dedicated-ip-case
and managed-dedicated-sending pages). In fakeses a test plays that part through the handle
(``fake.provision_dedicated_ips``, fakeses/_handle.py), which calls :meth:`DedicatedIps.provision`.

Rules and their sources (grades as in docs/fidelity.md):

- Names: ``^[a-z0-9_-]{0,64}$`` (the AWS::SES::DedicatedIpPool resource schema in the
  CloudFormation reference; the CDK checks the same, aws/aws-cdk#28392). A blank name is
  refused too: the text (?).
- ``ses-default-dedicated-pool`` holds every dedicated IP of the account that is in no pool
  you made; ``ses-shared-pool`` is the pool of IPs shared by all SES customers
  (developer guide, managing-ip-pools). Both can be named by a configuration set
  (aws-cloudformation/rain#271) and are listed by ListDedicatedIpPools once the account has
  dedicated IPs (cloud-custodian#10196, an account with dedicated IPs; floci's probes of an
  account with none list only the pools made); GetDedicatedIpPool refuses them with "Pool
  name describes either a shared or default dedicated ip pool" (cloud-custodian#10196,
  recorded; BadRequestException as the PostHog connector's tests expect, ?).
- Texts probed by floci against AWS (PR #1421, 2026-06-18): "The pool <name> already
  exists." (AlreadyExistsException), "The requested pool <name> does not exist."
  (NotFoundException); ScalingMode defaults to STANDARD. "Could not find dedicated IP <ip>
  under this account." (floci PR #3420, as AWS answers an account without the IP).
- MANAGED cannot go back to STANDARD (v2 reference, seed 001,
  PutDedicatedIpPoolScalingAttributes; CloudFormation reference); the text (?).
- A STANDARD pool with dedicated IPs cannot be deleted; a MANAGED one can (CloudFormation
  reference, AWS::SES::DedicatedIpPool: "You can't delete dedicated IP pools that have a
  STANDARD scaling mode with one or more dedicated IP addresses. This constraint doesn't
  apply to dedicated IP pools that have a MANAGED scaling mode."); the text (?). The IPs of
  a deleted MANAGED pool are SES's and go with it (?).
- A dedicated IP reports a WarmupPercentage of 0-100 and IN_PROGRESS/DONE; in a MANAGED pool
  -1 and NOT_APPLICABLE (v2 reference, seed 001, the DedicatedIp object). DONE at 100 (?).
- At most :data:`MAX_POOLS` pools a region (?: no published quota found).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional

from . import clock, pages
from .errors import AlreadyExists, BadRequest, LimitExceeded, NotFound

if TYPE_CHECKING:
    from .state import Backend

DEFAULT_POOL = "ses-default-dedicated-pool"
SHARED_POOL = "ses-shared-pool"
BUILT_IN_POOLS = (DEFAULT_POOL, SHARED_POOL)
STANDARD, MANAGED = "STANDARD", "MANAGED"
IN_PROGRESS, DONE, NOT_APPLICABLE = "IN_PROGRESS", "DONE", "NOT_APPLICABLE"
MAX_POOLS = 50
#: GetDedicatedIps and ListDedicatedIpPools answer this many when no PageSize is given (?).
DEFAULT_PAGE = 100

_POOL_NAME = re.compile(r"[a-z0-9_-]{1,64}")


# -- errors ----------------------------------------------------------------------------------

class PoolAlreadyExists(AlreadyExists):
    # Probed by floci against AWS (PR #1421).
    fmt = "The pool <{name}> already exists."


class PoolNotFound(NotFound):
    # Probed by floci against AWS (PR #1421).
    fmt = "The requested pool <{name}> does not exist."


class BuiltInPool(BadRequest):
    # Recorded text (cloud-custodian#10196); the code (?).
    fmt = "Pool name describes either a shared or default dedicated ip pool"


class InvalidPoolName(BadRequest):
    # The rule is the CloudFormation schema's; the text (?).
    fmt = ("Invalid pool name <{name}>: only lowercase letters, numbers, '_' and '-' are allowed, "
           "up to 64 characters.")


class PoolLimitExceeded(LimitExceeded):
    # Neither the quota nor the text is published (?).
    fmt = "Maximum number of dedicated IP pools ({limit}) exceeded."


class ManagedToStandard(BadRequest):
    # "Changing the scaling mode from MANAGED to STANDARD is not supported." (seed 001).
    fmt = "Changing the scaling mode from MANAGED to STANDARD is not supported."


class PoolNotEmpty(BadRequest):
    # The rule: the CloudFormation reference (see the module docstring); the text (?).
    fmt = "Pool <{name}> has dedicated IPs and cannot be deleted."


class IpNotFound(NotFound):
    # floci PR #3420 (as AWS answers for an IP the account does not have).
    fmt = "Could not find dedicated IP {ip} under this account."


class ManagedIp(BadRequest):
    # SES places and warms the IPs of a MANAGED pool itself (developer guide,
    # managed-dedicated-sending); the refusal and its text (?).
    fmt = "Dedicated IP {ip} is managed by Amazon SES."


class ManagedDestination(BadRequest):
    # A MANAGED pool's IPs are SES's to choose (developer guide); the refusal and text (?).
    fmt = "Cannot move dedicated IP {ip} to the managed pool <{pool}>."


class SharedDestination(BadRequest):
    # The shared pool is AWS's own IPs (developer guide, managing-ip-pools); text (?).
    fmt = "Cannot move dedicated IP {ip} to the shared pool <{pool}>."


class InvalidWarmupPercentage(BadRequest):
    # 0-100 (seed 001, DedicatedIp; floci PR #3420 refuses the rest); text (?).
    fmt = "WarmupPercentage must be between 0 and 100."


class InvalidPageSize(BadRequest):
    # The model has no range; a page of none is refused as for contact lists (?).
    fmt = "PageSize must be greater than 0."


# -- records ---------------------------------------------------------------------------------

@dataclasses.dataclass(slots=True)
class Pool:
    """A dedicated IP pool made with CreateDedicatedIpPool."""

    name: str
    #: "STANDARD" or "MANAGED".
    scaling_mode: str
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)


@dataclasses.dataclass(slots=True)
class DedicatedIp:
    """One dedicated IP address of the account, as GetDedicatedIp answers it."""

    ip: str
    #: The pool it belongs to; ``ses-default-dedicated-pool`` when in none made.
    pool: str
    #: 0-100; -1 in a MANAGED pool.
    warmup_percentage: int
    #: "IN_PROGRESS", "DONE" or "NOT_APPLICABLE".
    warmup_status: str


def _warmup_status(percentage: int) -> str:
    return DONE if percentage >= 100 else IN_PROGRESS


def _page_size(size: Optional[int]) -> int:
    if size is None:
        return DEFAULT_PAGE
    if size < 1:
        raise InvalidPageSize()
    return size


class DedicatedIps:
    """The dedicated IPs and pools of one (account, region) (``backend.dedicated_ips``)."""

    def __init__(self) -> None:
        self._pools: dict[str, Pool] = {}
        self._ips: dict[str, DedicatedIp] = {}
        self._turn: dict[str, int] = {}

    # -- pools -----------------------------------------------------------------------------
    def pool(self, name: str) -> Optional[Pool]:
        """The pool ``name`` made with CreateDedicatedIpPool, or None (built-ins too)."""
        return self._pools.get(name)

    def exists(self, name: str) -> bool:
        """Can a configuration set name this pool (a built-in one, or one made)?"""
        return name in BUILT_IN_POOLS or name in self._pools

    def require(self, name: str) -> Pool:
        """The pool ``name``; raises :class:`BuiltInPool` or :class:`PoolNotFound`."""
        if name in BUILT_IN_POOLS:
            raise BuiltInPool()
        found = self._pools.get(name)
        if found is None:
            raise PoolNotFound(name=name)
        return found

    def create(self, name: str, scaling_mode: Optional[str] = None,
               tags: Iterable[tuple[str, str]] = ()) -> Pool:
        """CreateDedicatedIpPool: the name, then that it is free, then the quota (?).
        Raises :class:`InvalidPoolName`, :class:`PoolAlreadyExists` (also for a built-in
        name (?)) or :class:`PoolLimitExceeded`."""
        if not _POOL_NAME.fullmatch(name):
            raise InvalidPoolName(name=name)
        if name in BUILT_IN_POOLS or name in self._pools:
            raise PoolAlreadyExists(name=name)
        if len(self._pools) >= MAX_POOLS:
            raise PoolLimitExceeded(limit=MAX_POOLS)
        created = Pool(name, scaling_mode or STANDARD, list(tags))
        self._pools[name] = created
        return created

    def delete(self, name: str) -> None:
        """DeleteDedicatedIpPool. A MANAGED pool's IPs go with it. Raises as :meth:`require`,
        or :class:`PoolNotEmpty` for a STANDARD pool with IPs."""
        found = self.require(name)
        held = [ip for ip in self._ips.values() if ip.pool == name]
        if held and found.scaling_mode == STANDARD:
            raise PoolNotEmpty(name=name)
        for ip in held:
            del self._ips[ip.ip]
        del self._pools[name]
        self._turn.pop(name, None)

    def names(self) -> list[str]:
        """The pools ListDedicatedIpPools names: those made, by name, then the built-in
        ones when the account has dedicated IPs (see the module docstring)."""
        made = sorted(self._pools)
        return made + list(BUILT_IN_POOLS) if self._ips else made

    def page(self, token: Optional[str], size: Optional[int]) -> tuple[list[str], Optional[str]]:
        """One page of :meth:`names`. Raises :class:`InvalidPageSize` or
        :class:`fakeses.domain.pages.InvalidToken`."""
        return pages.page(self.names(), token, _page_size(size))

    def set_scaling_mode(self, name: str, mode: str) -> None:
        """PutDedicatedIpPoolScalingAttributes. STANDARD to MANAGED hands the pool's IPs to
        SES (their warm-up no longer applies (?)); MANAGED to STANDARD is refused
        (:class:`ManagedToStandard`); the same mode again changes nothing (?)."""
        found = self.require(name)
        if found.scaling_mode == mode:
            return
        if found.scaling_mode == MANAGED:
            raise ManagedToStandard()
        found.scaling_mode = MANAGED
        for ip in self._ips.values():
            if ip.pool == name:
                ip.warmup_percentage, ip.warmup_status = -1, NOT_APPLICABLE

    def _managed(self, pool: str) -> bool:
        found = self._pools.get(pool)
        return found is not None and found.scaling_mode == MANAGED

    # -- dedicated IPs --------------------------------------------------------------------
    def __contains__(self, ip: object) -> bool:
        return ip in self._ips

    def __len__(self) -> int:
        return len(self._ips)

    def ip(self, ip: str) -> DedicatedIp:
        """GetDedicatedIp; raises :class:`IpNotFound`."""
        found = self._ips.get(ip)
        if found is None:
            raise IpNotFound(ip=ip)
        return found

    def ips(self, pool: Optional[str] = None) -> list[DedicatedIp]:
        """The dedicated IPs, in the order they came, or those of ``pool``
        (``ses-default-dedicated-pool``: those in no pool made). An unknown pool raises
        :class:`PoolNotFound` (?); the shared pool has none of the account's (?)."""
        if pool is None:
            return list(self._ips.values())
        if pool not in BUILT_IN_POOLS and pool not in self._pools:
            raise PoolNotFound(name=pool)
        return [ip for ip in self._ips.values() if ip.pool == pool]

    def page_ips(self, pool: Optional[str], token: Optional[str],
                 size: Optional[int]) -> tuple[list[DedicatedIp], Optional[str]]:
        """GetDedicatedIps: one page of :meth:`ips`."""
        return pages.page(self.ips(pool), token, _page_size(size))

    def move(self, ip: str, destination: str) -> None:
        """PutDedicatedIpInPool. Checks the IP, then the pool (?). Raises :class:`IpNotFound`,
        :class:`ManagedIp`, :class:`PoolNotFound`, :class:`SharedDestination` or
        :class:`ManagedDestination`. ``ses-default-dedicated-pool`` takes an IP back out of
        its pool (terraform-provider-aws' aws_sesv2_dedicated_ip_assignment does this on
        delete, acceptance-tested against AWS)."""
        found = self.ip(ip)
        if self._managed(found.pool):
            raise ManagedIp(ip=ip)
        if destination == SHARED_POOL:
            raise SharedDestination(ip=ip, pool=destination)
        if destination != DEFAULT_POOL and destination not in self._pools:
            raise PoolNotFound(name=destination)
        if self._managed(destination):
            raise ManagedDestination(ip=ip, pool=destination)
        found.pool = destination

    def set_warmup(self, ip: str, percentage: int) -> None:
        """PutDedicatedIpWarmupAttributes. The range is checked before the IP (floci PR
        #3420). Raises :class:`InvalidWarmupPercentage`, :class:`IpNotFound` or
        :class:`ManagedIp`."""
        if not 0 <= percentage <= 100:
            raise InvalidWarmupPercentage()
        found = self.ip(ip)
        if self._managed(found.pool):
            raise ManagedIp(ip=ip)
        found.warmup_percentage, found.warmup_status = percentage, _warmup_status(percentage)

    def provision(self, ips: Iterable[str], pool: Optional[str] = None) -> list[DedicatedIp]:
        """Give the account ``ips`` (SES's part: see the module docstring), in ``pool``
        (a pool made, or None for ``ses-default-dedicated-pool``). A STANDARD IP starts its
        warm-up at 0 % (IN_PROGRESS); in a MANAGED pool -1, NOT_APPLICABLE (seed 001).

        Raises ValueError for a pool that does not exist or an IP the account already has.
        """
        target = DEFAULT_POOL if pool is None or pool == DEFAULT_POOL else pool
        if target != DEFAULT_POOL and target not in self._pools:
            made = ", ".join(sorted(self._pools)) or "none"
            raise ValueError(f"no dedicated IP pool {target!r} in this account and region "
                             f"(pools made: {made}); create it with CreateDedicatedIpPool first")
        given = list(ips)
        for ip in given:
            if ip in self._ips:
                raise ValueError(f"the account already has the dedicated IP {ip}")
        managed = self._managed(target)
        added = [DedicatedIp(ip, target, -1 if managed else 0, NOT_APPLICABLE if managed else IN_PROGRESS)
                 for ip in given]
        for record in added:
            self._ips[record.ip] = record
        return added

    # -- sending ----------------------------------------------------------------------------
    def sending_ip(self, pool: str) -> Optional[str]:
        """The IP the next message through ``pool`` leaves from: the pool's IPs in turn, or
        None when it has none (the shared pool never has the account's) (?)."""
        held = [ip.ip for ip in self._ips.values() if ip.pool == pool and pool != SHARED_POOL]
        if not held:
            return None
        turn = self._turn.get(pool, 0)
        self._turn[pool] = turn + 1
        return held[turn % len(held)]


def route(backend: Backend, configuration_set: Optional[str]) -> dict[str, Any]:
    """The pool and dedicated IP a message sent now through ``configuration_set`` leaves
    from, as :class:`~fakeses.domain.messages.SentMessage` fields.

    The set's SendingPoolName when it names one; otherwise ``ses-default-dedicated-pool``
    when the account has dedicated IPs there ("If you send an email using a configuration
    set that is not associated with a pool, or if you send an email without specifying a
    configuration set at all, the email is sent from one of the addresses in this default
    pool": developer guide, managing-ip-pools); otherwise SES's shared IPs (None). A pool
    the set still names after it was deleted is recorded as named, with no IP (?).
    """
    found = None if configuration_set is None else backend.configuration_sets.get(configuration_set)
    pool = None if found is None or found.delivery is None else found.delivery.sending_pool
    store = backend.dedicated_ips
    if pool is None:
        if not store.ips(DEFAULT_POOL):
            return {}
        pool = DEFAULT_POOL
    return {"sending_pool": pool, "sending_ip": store.sending_ip(pool)}
