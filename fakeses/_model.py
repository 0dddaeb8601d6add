"""The two SES service models, loaded once from botocore's own data files.

Everything fakeses knows about shapes, constraints, routes, error codes and HTTP
statuses comes from these models; nothing in them is retyped by hand.
"""
from __future__ import annotations

import functools

from botocore.model import NoShapeFoundError, ServiceModel

SERVICES = ("ses", "sesv2")


@functools.cache
def service_model(service: str) -> ServiceModel:
    """Return botocore's model of ``ses`` or ``sesv2`` (loaded once per process)."""
    from botocore.loaders import create_loader

    data = create_loader().load_service_model(service, "service-2")
    return ServiceModel(data, service_name=service)


def error_code_and_status(model: ServiceModel, shape_name: str) -> tuple[str, int] | None:
    """The wire code and HTTP status the model gives an error shape, or None."""
    try:
        shape = model.shape_for(shape_name)
    except NoShapeFoundError:  # a common error of the API reference, not a modeled shape
        return None
    error = shape.metadata.get("error", {})
    return error.get("code", shape_name), int(error.get("httpStatusCode", 400))
