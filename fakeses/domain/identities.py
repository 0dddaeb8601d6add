"""Identities: email addresses and domains, their verification and DKIM state.

Email addresses are case-sensitive for verification, domains are not (fact F11).
A verified domain covers its addresses and every subdomain (fact F10).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Iterable, Iterator, Optional

from . import ids
from .errors import IdentityAlreadyExists, IdentityNotFound

EMAIL = "EmailAddress"
DOMAIN = "Domain"
# v1 statuses; v2 spells them in capitals (PENDING, SUCCESS, ...).
PENDING, SUCCESS, NOT_STARTED = "Pending", "Success", "NotStarted"


def kind_of(name: str) -> str:
    return EMAIL if "@" in name else DOMAIN


def key_of(name: str) -> str:
    return name if "@" in name else name.lower()


@dataclasses.dataclass
class Identity:
    name: str
    kind: str
    status: str = PENDING
    verification_token: Optional[str] = None
    dkim_enabled: bool = False
    dkim_status: str = NOT_STARTED
    dkim_tokens: list[str] = dataclasses.field(default_factory=list)
    dkim_origin: str = "AWS_SES"
    dkim_key_length: str = "RSA_2048_BIT"
    dkim_selector: Optional[str] = None
    dkim_generated_at: Optional[_dt.datetime] = None
    feedback_forwarding: bool = True
    configuration_set: Optional[str] = None
    tags: dict[str, str] = dataclasses.field(default_factory=dict)
    created_at: _dt.datetime = dataclasses.field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc))

    @property
    def verified(self) -> bool:
        return self.status == SUCCESS


class Identities:
    """The identities of one (account, region), in creation order."""

    def __init__(self, auto_verify: bool) -> None:
        self.auto_verify = auto_verify
        self._by_key: dict[str, Identity] = {}

    def __iter__(self) -> Iterator[Identity]:
        return iter(list(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, name: str) -> Optional[Identity]:
        return self._by_key.get(key_of(name))

    def require(self, name: str) -> Identity:
        identity = self.get(name)
        if identity is None:
            raise IdentityNotFound(identity=name)
        return identity

    def _new(self, name: str) -> Identity:
        kind = kind_of(name)
        identity = Identity(name=name if kind == EMAIL else name.lower(), kind=kind)
        self._by_key[key_of(name)] = identity
        return identity

    def _settle(self, identity: Identity) -> None:
        if self.auto_verify:
            self.mark_verified(identity)

    # -- v1 doors ---------------------------------------------------------------------
    def verify_email(self, address: str) -> Identity:
        """VerifyEmailIdentity / VerifyEmailAddress: idempotent (F14)."""
        identity = self.get(address) or self._new(address)
        if not identity.verified:
            identity.status = PENDING
            self._settle(identity)
        return identity

    def verify_domain(self, domain: str) -> Identity:
        """VerifyDomainIdentity: a TXT token; asking again gives the same token."""
        identity = self.get(domain) or self._new(domain)
        if identity.verification_token is None:
            identity.verification_token = ids.verification_token()
        if not identity.verified:
            identity.status = PENDING
            self._settle(identity)
        return identity

    def verify_domain_dkim(self, domain: str) -> Identity:
        """VerifyDomainDkim: three Easy DKIM tokens, signing on."""
        identity = self.get(domain) or self._new(domain)
        self._start_dkim(identity)
        return identity

    # -- v2 door ----------------------------------------------------------------------
    def create(
        self,
        name: str,
        *,
        tags: Optional[dict[str, str]] = None,
        configuration_set: Optional[str] = None,
        dkim_selector: Optional[str] = None,
        dkim_key_length: Optional[str] = None,
    ) -> Identity:
        """CreateEmailIdentity: a domain starts Easy DKIM (or BYODKIM with a selector)."""
        if self.get(name) is not None:
            raise IdentityAlreadyExists(identity=name)
        identity = self._new(name)
        identity.tags = dict(tags or {})
        identity.configuration_set = configuration_set
        if identity.kind == DOMAIN:
            if dkim_selector:
                identity.dkim_origin = "EXTERNAL"
                identity.dkim_selector = dkim_selector
                identity.dkim_enabled = True
                identity.dkim_status = PENDING
            else:
                if dkim_key_length:
                    identity.dkim_key_length = dkim_key_length
                self._start_dkim(identity)
        self._settle(identity)
        return identity

    def _start_dkim(self, identity: Identity) -> None:
        if not identity.dkim_tokens:
            identity.dkim_tokens = [ids.dkim_token() for _ in range(3)]
            identity.dkim_generated_at = _dt.datetime.now(_dt.timezone.utc)
        identity.dkim_enabled = True
        if identity.dkim_status != SUCCESS:
            identity.dkim_status = SUCCESS if self.auto_verify else PENDING

    def delete(self, name: str) -> bool:
        return self._by_key.pop(key_of(name), None) is not None

    # -- test helpers -----------------------------------------------------------------
    def mark_verified(self, identity: Identity) -> None:
        identity.status = SUCCESS
        if identity.kind == DOMAIN and identity.dkim_enabled:
            identity.dkim_status = SUCCESS

    def force_verify(self, name: str) -> Identity:
        identity = self.get(name) or self._new(name)
        self.mark_verified(identity)
        return identity

    # -- sending ----------------------------------------------------------------------
    def covers(self, address: str) -> bool:
        """Is this bare address verified, itself or through its domain or a parent domain?"""
        identity = self._by_key.get(address)
        if identity is not None and identity.verified:
            return True
        domain = address.rpartition("@")[2].lower()
        while domain:
            identity = self._by_key.get(domain)
            if identity is not None and identity.verified:
                return True
            domain = domain.partition(".")[2]
        return False

    def unverified(self, addresses: Iterable[str]) -> list[str]:
        return [a for a in addresses if not self.covers(a)]
