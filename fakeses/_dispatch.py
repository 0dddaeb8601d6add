"""One request through the layers: decode -> validate -> handler -> encode.

Every outcome is an HTTP response in SES's format; nothing raises out of here.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional, Union

from botocore.model import OperationModel, ServiceModel

from . import validation
from ._model import adopt, error_code_and_status, service_model
from .api import accepted, handler_for, needed
from .api.errors import common_status, shape_for
from .domain import ids
from .domain.authorization import caller
from .domain.errors import DomainError, RenderingFailure
from .domain.state import World
from .protocols import ProtocolError, Request, Response

if TYPE_CHECKING:
    from .protocols.query import QueryCodec
    from .protocols.restjson import RestJsonCodec

logger = logging.getLogger("fakeses")

Codec = Union["QueryCodec", "RestJsonCodec"]
_codecs: dict[str, Codec] = {}

# The code each API answers a broken model constraint with.
# v1: common error ValidationError, Coral wording (seed 003, Common Errors).
# v2: BadRequestException, the model's error for bad input on every v2 operation.
VALIDATION_ERROR = {"ses": "ValidationError", "sesv2": "BadRequestException"}


def codec_for(service: str, model: Optional[ServiceModel] = None) -> Codec:
    """The codec of ``service``, built on first use from ``model`` (the calling client's)
    or, without one, from :func:`fakeses._model.service_model`."""
    codec = _codecs.get(service)
    if codec is None:
        model = adopt(model) if model is not None else service_model(service)
        # Each codec's module is imported with its first use: a process that calls only
        # v1 (query) or only v2 (rest-json) loads one.
        if model.protocol == "query":
            from .protocols.query import QueryCodec

            codec = QueryCodec(model)
        else:
            from .protocols.restjson import RestJsonCodec

            codec = RestJsonCodec(model)
        codec = _codecs.setdefault(service, codec)
    return codec


def handle(world: World, service: str, account_id: str, region: str, request: Request,
           model: Optional[ServiceModel] = None, principal: Optional[str] = None) -> Response:
    """Answer one wire request for ``service`` as SES would (``model``: the client's;
    ``principal``: the caller's IAM ARN when not the account's root)."""
    codec = codec_for(service, model)
    request_id = ids.request_id()
    try:
        operation, params = codec.decode(request)
    except ProtocolError as error:
        return codec.encode_error(error.code, error.message, error.status, request_id)
    except Exception:  # a codec bug must still answer in SES's format
        logger.exception("fakeses could not decode a %s request", service)
        return _error(codec, service, "InternalFailure", "An internal error occurred.", request_id)
    return run(world, service, account_id, region, operation, params, request_id, principal)


def run(
    world: World,
    service: str,
    account_id: str,
    region: str,
    operation: OperationModel,
    params: dict[str, Any],
    request_id: str,
    principal: Optional[str] = None,
) -> Response:
    """Validate decoded ``params``, call the operation's handler and encode its answer.

    Returns SES's response: the encoded result, the validation error, the handler's
    domain error, ``NotImplemented`` (501) for an operation without a handler, or
    ``InternalFailure`` (500, logged on the ``fakeses`` logger) for a bug of ours.
    """
    codec = codec_for(service)
    try:
        found = validation.violations(operation.input_shape, params)
        if found:
            return _error(codec, service, VALIDATION_ERROR[service], validation.message(found), request_id)
        handler = handler_for(service, operation.name)
        if handler is None:
            # Not a retryable status for botocore, and the message names the operation.
            return _error(
                codec, service, "NotImplemented",
                f"fakeses does not implement the {service} operation {operation.name} yet.", request_id,
            )
        missing = needed(handler) - params.keys()
        if missing:
            # A member the newest model requires, left out by a client whose older model made
            # it optional: SES answers as its validation does for a missing member.
            return _error(codec, service, VALIDATION_ERROR[service], validation.message(
                [f"Value null at '{name[:1].lower() + name[1:]}' failed to satisfy constraint: "
                 "Member must not be null" for name in sorted(missing)]), request_id)
        backend = world.backend(account_id, region)
        try:
            arguments = {name: value for name, value in params.items() if name in accepted(handler)}
            token = caller.set(principal) if principal is not None else None
            try:
                with backend.lock:
                    result = handler(backend, **arguments)
            finally:
                if token is not None:
                    caller.reset(token)
        except DomainError as error:
            return _error(codec, service, shape_for(error, service), error.message_for(service), request_id)
        return codec.encode(operation, result or {}, request_id)
    except RenderingFailure:
        raise  # raise_on_rendering_failure: the test fails at the send
    except Exception:
        logger.exception("fakeses failed on %s %s", service, operation.name)
        return _error(
            codec, service, "InternalFailure",
            f"fakeses failed on {service} {operation.name}; see the 'fakeses' log.", request_id,
        )


def _error(codec: Codec, service: str, name: str, message: str, request_id: str) -> Response:
    resolved = error_code_and_status(codec.model, name)
    if resolved is None:
        resolved = (name, common_status(service, name) or 400)
    code, status = resolved
    return codec.encode_error(code, message, status, request_id)
