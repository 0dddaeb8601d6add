"""Sending authorization: identity policies, and whether a delegate may send as an identity.

An identity owner attaches policies to an identity (``policies``); a delegate account
sends as that identity by naming its ARN (SourceArn, FromArn, ReturnPathArn, the raw
headers X-SES-SOURCE-ARN, X-SES-FROM-ARN, X-SES-RETURN-PATH-ARN, v2
FromEmailAddressIdentityArn and FeedbackForwardingEmailAddressIdentityArn). The send
path asks :func:`unverified_senders` which of its sending identities fail SES's check:
an address without an ARN must be verified in the sender's own account, as always; an
address with one must belong to the identity the ARN names, verified in the ARN's
account (in this region), and, when that account is another, the owner's policies must
allow the caller (``evaluation``), else :class:`~.errors.AccessDenied`.

Imports nothing from botocore; jsonschema only when a policy is checked.
"""
from __future__ import annotations

import contextvars
import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from .errors import AccessDenied, InvalidIdentityArn

if TYPE_CHECKING:
    from ..state import Backend

#: The IAM principal (an ARN) the current request comes from; None: the account's root.
#: Set by the dispatcher for a request whose access key the test mapped to a principal
#: (the ``principals`` option).
caller: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("fakeses_caller", default=None)

# arn:aws:ses:<region>:<account>:identity/<email address or domain>
_IDENTITY_ARN = re.compile(r"arn:aws[a-z-]*:ses:([a-z0-9-]+):(\d{12}):identity/(.+)")

#: The IAM action each send operation needs (developer guide, policy-anatomy: "ses:SendEmail",
#: "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail"). v2 SendEmail
#: needs the action of its content: raw content is refused as `ses:SendRawEmail' (recorded,
#: aws/aws-actionmailer-ses-ruby#10); v2 SendBulkEmail needs ses:SendBulkEmail (service
#: authorization reference) (?).
ACTIONS = {
    ("ses", "SendEmail"): "ses:SendEmail", ("ses", "SendRawEmail"): "ses:SendRawEmail",
    ("ses", "SendTemplatedEmail"): "ses:SendTemplatedEmail",
    ("ses", "SendBulkTemplatedEmail"): "ses:SendBulkTemplatedEmail",
    ("sesv2", "SendBulkEmail"): "ses:SendBulkEmail",
}


@dataclasses.dataclass
class IdentityArns:
    """The identity ARNs a send names for its sender fields (None: not named)."""

    source: Optional[str] = None       # SourceArn, X-SES-SOURCE-ARN, v2 FromEmailAddressIdentityArn
    from_header: Optional[str] = None  # FromArn, X-SES-FROM-ARN (a raw message's From header)
    return_path: Optional[str] = None  # ReturnPathArn, X-SES-RETURN-PATH-ARN, v2 Feedback...IdentityArn
    action: Optional[str] = None       # the IAM action, where the operation alone does not say it


@dataclasses.dataclass(frozen=True)
class Delegation:
    """What a delegate send was allowed as: the owner's account and identity ARN, and
    whether the owner's account is in the sandbox (then the sandbox's rules apply:
    "the AWS accounts of both the identity owner and the delegate sender have to be
    removed from the sandbox", developer guide, sending-authorization-overview)."""

    owner_account_id: str
    identity_arn: str
    owner_sandbox: bool


@dataclasses.dataclass(frozen=True)
class AuthorizationDecision:
    """One judgement of a send that named another account's identity by its ARN.

    ``delegate_account_id`` sent as ``principal`` (an IAM ARN) and asked for ``action``
    on ``identity_arn``, owned by ``owner_account_id``; ``allowed`` is the answer,
    ``statement`` the statement that decided (``"policy 'p' statement 'AllowShop'"``, or
    None when none applied) and ``reason`` why, in words, including why each statement
    did not apply. Read them from ``fake.authorization_decisions``.
    """

    delegate_account_id: str
    principal: str
    owner_account_id: str
    identity_arn: str
    action: str
    allowed: bool
    statement: Optional[str]
    reason: str
    operation: str
    region: str

    def __repr__(self) -> str:
        verdict = "ALLOWED" if self.allowed else "DENIED"
        return (f"AuthorizationDecision({verdict} {self.action} on {self.identity_arn} for {self.principal} "
                f"(account {self.delegate_account_id}, owner {self.owner_account_id}): {self.reason})")


def given(out: Any, *, source: Optional[str] = None, from_header: Optional[str] = None,
          return_path: Optional[str] = None, override: bool = False, action: Optional[str] = None) -> None:
    """Note on ``out`` (an Outgoing) the ARNs a request named; ``override`` replaces the
    ones its raw headers named (v2: "the FromEmailAddressIdentityArn value overrides the
    X-SES-SOURCE-ARN and X-SES-FROM-ARN headers", seed 001 SendEmail). ``action`` is the
    IAM action when the operation alone does not say it (v2 SendEmail: its content's)."""
    if source is None and from_header is None and return_path is None and out.arns is None:
        return
    arns = out.arns if out.arns is not None else IdentityArns()
    if override and source is not None:
        arns.source = arns.from_header = source
    else:
        arns.source = source if source is not None else arns.source
        arns.from_header = from_header if from_header is not None else arns.from_header
    if return_path is not None:
        arns.return_path = return_path
    arns.action = action or arns.action
    out.arns = arns


def principal_of(account_id: str) -> str:
    """The IAM principal of the current request: the mapped one, or the account's root."""
    return caller.get() or f"arn:aws:iam::{account_id}:root"


def unverified_senders(backend: Backend, out: Any, senders: Sequence[str], bare: Sequence[str],
                       recipients: Optional[Sequence[str]]) -> list[str]:
    """The sending identities of ``out`` (``senders`` as given, ``bare`` their addresses)
    that fail SES's check, as given; raises :class:`AccessDenied` when the owner of an
    identity named by ARN does not allow the caller, :class:`InvalidIdentityArn` for an
    ARN that names no identity. With ``recipients`` None (the once-per-call check of a
    bulk send) only the identities are checked; the policies are judged per message.
    """
    identities = backend.identities
    arns: Optional[IdentityArns] = out.arns
    if arns is None:
        return [g for g, b in zip(senders, bare) if not identities.covers(b)]
    from ...mail import addresses

    given_of = dict(zip(bare, senders))
    source = addresses.check(out.source) if out.source else None
    header_from = _bare(out.from_header) if getattr(out, "from_header", None) else None
    return_path = addresses.check(out.return_path) if out.return_path else None
    # Each sender field needs its own ARN: a raw message's From header its FromArn even
    # when SourceArn names the same identity for Source ("the SourceArn will only work if
    # the From address header is not specified", Netflix/iep#367).
    # A raw send without Source takes its From header as Source: FromArn covers both (?).
    source_arn = arns.source or (arns.from_header if out.source == getattr(out, "from_header", None) else None)
    roles: list[tuple[str, Optional[str]]] = [
        (address, arn) for address, arn in
        ((source, source_arn), (header_from, arns.from_header), (return_path, arns.return_path))
        if address is not None
    ]
    roles += [(b, None) for b in bare if b not in (source, header_from, return_path)]
    failed: list[str] = []
    delegation: Optional[Delegation] = None
    judged: set[str] = set()  # one judgement per identity ARN and message
    for address, arn in roles:
        if arn is None:
            if not identities.covers(address):
                failed.append(given_of.get(address, address))
            continue
        owner, ok = _verified_by(backend, address, arn)
        if not ok:
            failed.append(given_of.get(address, address))
            continue
        if owner.account_id != backend.account_id:
            if recipients is not None and arn not in judged:
                judged.add(arn)
                _judge(backend, owner, out, arn, header_from or source, return_path, recipients)
            if delegation is None:
                identity = owner.identities.get(arn.partition(":identity/")[2])
                canonical = owner.arn("identity", identity.name) if identity is not None else arn
                delegation = Delegation(owner.account_id, canonical, owner.account.sandbox)
    out.delegation = delegation
    return list(dict.fromkeys(failed))


def _bare(value: str) -> Optional[str]:
    from ...mail import addresses

    try:
        return addresses.check(value)
    except addresses.AddressError:
        return None


def _verified_by(backend: Backend, address: str, arn: str) -> tuple[Backend, bool]:
    """The backend of the ARN's account, and whether the identity it names is verified
    there and is ``address`` or its domain (a parent domain included, as for own sends)."""
    found = _IDENTITY_ARN.fullmatch(arn)
    if found is None:
        raise InvalidIdentityArn(arn=arn)
    region, account, name = found.groups()
    owner = backend if account == backend.account_id else backend.world.backend(account, backend.region)
    # "The delegate sender must send the emails from the AWS Region in which the identity
    # owner's identity is verified" (sending-authorization-overview): another region's
    # identity fails the check like an unverified one (?).
    if region != backend.region:
        return owner, False
    identity = owner.identities.get(name)
    if identity is None or not owner.identities.verified_for_sending(identity):
        return owner, False
    if "@" in identity.name:
        return owner, identity.name == address
    domain = address.rpartition("@")[2].lower()
    return owner, domain == identity.name or domain.endswith("." + identity.name)


def _judge(backend: Backend, owner: Backend, out: Any, arn: str, from_address: Optional[str],
           feedback: Optional[str], recipients: Sequence[str]) -> None:
    from .. import clock
    from .evaluation import Request, evaluate

    principal = principal_of(backend.account_id)
    arns: IdentityArns = out.arns
    action = arns.action or ACTIONS.get((out.service, out.operation), "ses:SendEmail")
    name = arn.partition(":identity/")[2]
    identity = owner.identities.get(name)
    resource = owner.arn("identity", identity.name if identity is not None else name)
    now = clock.utcnow()
    context: dict[str, tuple[str, ...]] = {
        "ses:recipients": tuple(recipients),
        "aws:currenttime": (now.strftime("%Y-%m-%dT%H:%M:%SZ"),),
        "aws:epochtime": (str(int(now.timestamp())),),
        "aws:principalarn": (principal,),
        "aws:principalaccount": (backend.account_id,),
        "aws:principaltype": (_principal_type(principal),),
        "aws:securetransport": ("true",),
        "aws:requestedregion": (backend.region,),
    }
    if from_address:
        context["ses:fromaddress"] = (from_address,)
    display = _display_name(out)
    if display:
        context["ses:fromdisplayname"] = (display,)
    if feedback:
        context["ses:feedbackaddress"] = (feedback,)
    verdict = evaluate(owner.policies.of(name), Request(principal, backend.account_id, action, resource, context))
    decision = AuthorizationDecision(
        delegate_account_id=backend.account_id, principal=principal, owner_account_id=owner.account_id,
        identity_arn=resource, action=action, allowed=verdict.allowed, statement=verdict.statement,
        reason=verdict.reason, operation=out.operation, region=backend.region,
    )
    backend.world.decide(decision)
    if not verdict.allowed:
        raise AccessDenied(principal=principal, action=action, resource=arn)


def _principal_type(principal: str) -> str:
    if principal.endswith(":root"):
        return "Account"
    if ":assumed-role/" in principal:
        return "AssumedRole"
    return "User"


def _display_name(out: Any) -> Optional[str]:
    """The From address's display name ("friendly from"), decoded, if it has one."""
    from ...mail import addresses

    value = getattr(out, "from_header", None) or out.source
    try:
        name = addresses.parse(value).name
    except addresses.AddressError:
        return None
    return addresses.decode_words(name) if name else None
