"""The sending authorization policies of one (account, region), by identity.

v1 (Put/Get/List/DeleteIdentityPolicy) and v2 (Create/Get/Update/DeleteEmailIdentityPolicy)
change the same store; the two APIs differ only where SES does (floci-io/floci#1750,
probed against AWS): v1 puts over a policy of the same name and deletes an unknown name
quietly, v2 refuses both (AlreadyExists, NotFound) and needs the identity to exist.

An identity's policies go with it: deleted and made again, an identity has none
(floci-io/floci#1750). Policies put by v1 before the identity exists wait for it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Optional

from ..identities import key_of
from . import documents
from .errors import (
    InvalidPolicyName,
    PolicyExists,
    PolicyNotFound,
    TooManyPolicies,
    TooManyPolicyNames,
)

if TYPE_CHECKING:
    from ..identities import Identities, Identity

#: "Identity owners can associate up to 20 policies with each unique identity" (policy-anatomy).
MAX_POLICIES = 20
#: "You can retrieve a maximum of 20 policies at a time" (seed 004, GetIdentityPolicies).
MAX_NAMES = 20
# "can only include alphanumeric characters, dashes, and underscores" (seed 004; the
# 1-64 length is in the model).
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def identity_name(identity: str) -> str:
    """An identity given by name or ARN (``arn:aws:ses:<region>:<account>:identity/<name>``,
    seed 004: "You can specify an identity by using its name or by using its ARN")."""
    if identity.startswith("arn:") and ":identity/" in identity:
        return identity.partition(":identity/")[2]
    return identity


class IdentityPolicies:
    """Policies by identity; each entry remembers the identity it was attached to."""

    def __init__(self, identities: Identities, arn_of: Callable[[str], str]) -> None:
        self._identities = identities
        self._arn_of = arn_of
        self._by_key: dict[str, tuple[Optional[Identity], dict[str, documents.Policy]]] = {}

    def _entry(self, name: str, create: bool = False) -> Optional[dict[str, documents.Policy]]:
        key = key_of(name)
        current = self._identities.get(name)
        found = self._by_key.get(key)
        if found is not None:
            owner, policies = found
            if owner is not None and owner is not current:  # the identity was deleted since
                found = None
            elif owner is None and current is not None:
                found = self._by_key[key] = (current, policies)
        if found is None:
            if not create:
                return None
            found = self._by_key[key] = (current, {})
        return found[1]

    def of(self, name: str) -> list[documents.Policy]:
        """The policies of ``name``, in the order they were first attached."""
        return list((self._entry(name) or {}).values())

    def texts(self, name: str, names: Optional[list[str]] = None) -> dict[str, str]:
        """Policy name to text: all of ``name``'s, or those of ``names`` that exist."""
        policies = self._entry(name) or {}
        if names is None:
            return {policy.name: policy.text for policy in policies.values()}
        if len(names) > MAX_NAMES:
            raise TooManyPolicyNames()
        return {n: policies[n].text for n in names if n in policies}

    def put(self, name: str, policy_name: str, text: str, *, replace: bool = True, create: bool = True) -> None:
        """Attach ``text`` as ``policy_name``: v1 (both), v2 Create (``replace=False``),
        v2 Update (``create=False``). Checks the name, then the document, then the count."""
        if not _NAME.fullmatch(policy_name):
            raise InvalidPolicyName()
        identity = self._identities.get(name)
        canonical = identity.name if identity is not None else (name if "@" in name else name.lower())
        policy = documents.parse(policy_name, text, self._arn_of(canonical))
        policies = self._entry(name, create=True)
        assert policies is not None
        if policy_name in policies:
            if not replace:
                raise PolicyExists(name=policy_name)
        else:
            if not create:
                raise PolicyNotFound(name=policy_name)
            if len(policies) >= MAX_POLICIES:
                raise TooManyPolicies(identity=name)
        policies[policy_name] = policy

    def delete(self, name: str, policy_name: str, *, strict: bool = False) -> None:
        """Detach ``policy_name``; an unknown name is refused only if ``strict`` (v2)."""
        policies = self._entry(name)
        if policies is None or policies.pop(policy_name, None) is None:
            if strict:
                raise PolicyNotFound(name=policy_name)

