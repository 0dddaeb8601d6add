"""Operation handlers, one short function per SES operation, found by name.

A handler takes the regional :class:`~fakeses.domain.state.Backend` and the request's
members as keyword arguments named as in the model (so it reads like the boto3 call),
calls the domain, and returns a plain dict shaped like the output shape. It never sees
XML, JSON, HTTP or botocore objects. Register one with::

    @operation("ses", "VerifyEmailIdentity")
    def verify_email_identity(backend, *, EmailAddress):
        backend.identities.verify_email(EmailAddress)
        return {}
"""
from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from typing import Any, Optional, TypeVar

from ._modules import MODULE_OF

Handler = Callable[..., dict[str, Any]]
F = TypeVar("F", bound=Handler)

HANDLERS: dict[tuple[str, str], Handler] = {}

# Modules that register handlers: a request imports the one its operation needs (MODULE_OF),
# handlers() imports them all.
MODULES = ("identities", "identity_settings", "account", "sending", "templates", "templated",
           "configuration_sets", "custom_verification", "authorization", "contact_lists",
           "suppression", "tags", "jobs", "receiving", "dedicated_ips", "insights",
           "deliverability", "multi_region", "tenants", "reputation")
_loaded = False
_imported: set[str] = set()  # the modules handler_for has imported


def operation(service: str, name: str) -> Callable[[F], F]:
    """Register the decorated function as the handler of ``service``'s ``name``."""

    def register(handler: F) -> F:
        HANDLERS[(service, name)] = handler
        return handler

    return register


def handlers() -> dict[tuple[str, str], Handler]:
    """The registry, with every handler module imported."""
    global _loaded
    if not _loaded:
        for module in MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _loaded = True
    return HANDLERS


def handler_for(service: str, name: str) -> Optional[Handler]:
    """The handler of ``service``'s ``name`` (None without one), importing only its module."""
    module = MODULE_OF.get((service, name))
    if module is not None and module not in _imported:
        # Marked once the import has returned: another thread's request waits for the
        # module to finish loading instead of calling a handler of a half-run module.
        importlib.import_module(f"{__name__}.{module}")
        _imported.add(module)
    return HANDLERS.get((service, name))


@functools.cache
def needed(handler: Handler) -> frozenset[str]:
    """The members ``handler`` cannot do without (no default). An older botocore may model
    one of them as optional; dispatch answers its absence as SES's validation does."""
    parameters = list(inspect.signature(handler).parameters.values())[1:]
    return frozenset(p.name for p in parameters if p.default is p.empty
                     and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))


@functools.cache
def accepted(handler: Handler) -> frozenset[str]:
    """The members ``handler`` takes. A newer botocore may model members a handler does
    not know yet; those are left out of the call rather than failing it."""
    parameters = list(inspect.signature(handler).parameters.values())[1:]
    return frozenset(p.name for p in parameters)
