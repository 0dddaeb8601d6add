"""Sending authorization policies: v1 Put/Get/List/DeleteIdentityPolicy and v2
Create/Get/Update/DeleteEmailIdentityPolicy, one store per (account, region).

The rules (names, documents, the limit of 20, what each API refuses) are in
fakeses/domain/authorization/; delegate sends are judged there too.
"""
from __future__ import annotations

from typing import Any

from ..domain.authorization.policies import identity_name
from ..domain.state import Backend
from . import operation

# -- v1 ----------------------------------------------------------------------------------
# v1 needs no identity: a policy put for a name not (yet) an identity is kept, and the
# reads answer what there is (floci-io/floci#1750, probed against AWS).


@operation("ses", "PutIdentityPolicy")
def put_identity_policy(backend: Backend, *, Identity: str, PolicyName: str, Policy: str) -> dict[str, Any]:
    backend.policies.put(identity_name(Identity), PolicyName, Policy)
    return {}


@operation("ses", "GetIdentityPolicies")
def get_identity_policies(backend: Backend, *, Identity: str, PolicyNames: list[str]) -> dict[str, Any]:
    # Names without a policy are left out (floci-io/floci#1750).
    return {"Policies": backend.policies.texts(identity_name(Identity), list(PolicyNames))}


@operation("ses", "ListIdentityPolicies")
def list_identity_policies(backend: Backend, *, Identity: str) -> dict[str, Any]:
    return {"PolicyNames": sorted(backend.policies.texts(identity_name(Identity)))}


@operation("ses", "DeleteIdentityPolicy")
def delete_identity_policy(backend: Backend, *, Identity: str, PolicyName: str) -> dict[str, Any]:
    # "returns successfully even if a policy with the specified name does not exist" (seed 004)
    backend.policies.delete(identity_name(Identity), PolicyName)
    return {}


# -- v2 ----------------------------------------------------------------------------------
# v2 answers NotFoundException for an identity that does not exist (seed 001 errors;
# floci-io/floci#1750).


@operation("sesv2", "CreateEmailIdentityPolicy")
def create_email_identity_policy(backend: Backend, *, EmailIdentity: str, PolicyName: str,
                                 Policy: str) -> dict[str, Any]:
    backend.identities.require(EmailIdentity)
    backend.policies.put(EmailIdentity, PolicyName, Policy, replace=False)
    return {}


@operation("sesv2", "GetEmailIdentityPolicies")
def get_email_identity_policies(backend: Backend, *, EmailIdentity: str) -> dict[str, Any]:
    backend.identities.require(EmailIdentity)
    return {"Policies": backend.policies.texts(EmailIdentity)}


@operation("sesv2", "UpdateEmailIdentityPolicy")
def update_email_identity_policy(backend: Backend, *, EmailIdentity: str, PolicyName: str,
                                 Policy: str) -> dict[str, Any]:
    backend.identities.require(EmailIdentity)
    backend.policies.put(EmailIdentity, PolicyName, Policy, create=False)
    return {}


@operation("sesv2", "DeleteEmailIdentityPolicy")
def delete_email_identity_policy(backend: Backend, *, EmailIdentity: str, PolicyName: str) -> dict[str, Any]:
    backend.identities.require(EmailIdentity)
    backend.policies.delete(EmailIdentity, PolicyName, strict=True)
    return {}
