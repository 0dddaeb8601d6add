"""The two SES service models, botocore's own, one of each per process.

Everything fakeses knows about shapes, constraints, routes, error codes and HTTP
statuses comes from these models; nothing in them is retyped by hand. The model is the
one the first client served already holds (:func:`adopt`), so serving SES loads no
second copy; it is loaded from botocore's data files only when asked for before any
request (the tests do).
"""
from __future__ import annotations

from botocore.model import NoShapeFoundError, ServiceModel

SERVICES = ("ses", "sesv2")

_models: dict[str, ServiceModel] = {}


def adopt(model: ServiceModel) -> ServiceModel:
    """Take a client's ``model`` as the model of its service, unless there is one already;
    return the model of the service."""
    return _models.setdefault(model.service_name, model)


def service_model(service: str) -> ServiceModel:
    """Return botocore's model of ``ses`` or ``sesv2`` (one per process)."""
    model = _models.get(service)
    if model is None:
        from botocore.loaders import create_loader

        data = create_loader().load_service_model(service, "service-2")
        model = _models.setdefault(service, ServiceModel(data, service_name=service))
    return model


def error_code_and_status(model: ServiceModel, shape_name: str) -> tuple[str, int] | None:
    """The wire code and HTTP status the model gives an error shape, or None."""
    try:
        shape = model.shape_for(shape_name)
    except NoShapeFoundError:  # a common error of the API reference, not a modeled shape
        return None
    error = shape.metadata.get("error", {})
    return error.get("code", shape_name), int(error.get("httpStatusCode", 400))
