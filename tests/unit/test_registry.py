"""Every handler takes exactly the members of its operation's input shape, named as in the model."""
from __future__ import annotations

import inspect

import pytest
from support.model import older_than_the_project

from fakeses._model import service_model
from fakeses.api import handlers

REGISTRY = handlers()


@pytest.mark.parametrize("key", sorted(REGISTRY), ids=lambda k: f"{k[0]}.{k[1]}")
def test_a_handler_signature_follows_the_input_shape(key):
    service, name = key
    if name not in service_model(service).operation_names:
        pytest.skip(f"the installed botocore does not model {service} {name}")
    operation = service_model(service).operation_model(name)
    shape = operation.input_shape
    members = list(shape.members) if shape is not None else []
    required = set(shape.required_members) if shape is not None else set()
    parameters = list(inspect.signature(REGISTRY[key]).parameters.values())[1:]  # after the backend
    assert all(p.kind is p.KEYWORD_ONLY for p in parameters)
    # Names come from the model and every required member is taken. A botocore newer
    # than the handler may add optional members; dispatch leaves those out of the call.
    # An older one (the test-async environment's) may lack members the handler takes.
    unmodeled = {p.name for p in parameters} - set(members)
    if older_than_the_project():
        # Members come and go, and turn required or optional (botocore 1.34, the oldest the
        # project allows, requires PutAccountDetails' UseCaseDescription; newer ones require
        # SendBulkTemplatedEmail's DefaultTemplateData): the handler follows the newest
        # model; dispatch answers a missing member the handler needs with SES's error.
        # The newest model's rules are checked in the main environment.
        return
    assert not unmodeled, f"{service} {name} takes {sorted(unmodeled)}, which its input shape lacks"
    assert required <= {p.name for p in parameters}
    for p in parameters:
        if p.name in required:
            assert p.default is p.empty, f"{p.name} is required by the model: no default"
        else:
            assert p.default is None, f"{p.name} is optional in the model: default None"


def test_every_registered_operation_exists_in_the_model():
    # An older botocore (the test-async environment's) may lack operations added since,
    # such as the S/MIME certificate operations of botocore 1.43.86; they cannot be called there.
    for service, name in REGISTRY:
        assert name in service_model(service).operation_names or older_than_the_project(), name
