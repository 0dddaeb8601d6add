"""Every handler takes exactly the members of its operation's input shape, named as in the model."""
from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
from support.model import older_than_the_project

from fakeses._model import service_model
from fakeses.api import MODULES, handlers
from fakeses.api._modules import MODULE_OF

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


def test_the_table_of_modules_names_every_handler_and_only_handlers():
    # Dispatch imports the module MODULE_OF names for an operation; one left out of the
    # table would answer NotImplemented until something imports every module.
    actual = {key: handler.__module__.rsplit(".", 1)[1] for key, handler in REGISTRY.items()}
    missing = sorted(f'    ("{service}", "{name}"): "{module}",' for (service, name), module in actual.items()
                     if MODULE_OF.get((service, name)) != module)
    assert not missing, "add or fix in fakeses/api/_modules.py:\n" + "\n".join(missing)
    assert not set(MODULE_OF) - set(actual), "MODULE_OF names operations without a handler"
    assert set(MODULE_OF.values()) == set(MODULES)


def test_a_first_call_imports_only_what_its_operation_needs():
    code = ("import os, sys; os.environ.update(AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='x');"
            "import boto3; from fakeses import fakeses\n"
            "with fakeses():\n"
            "    boto3.client('ses', region_name='us-east-1').verify_email_identity(EmailAddress='a@example.com')\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('fakeses.'))))")
    loaded = set(subprocess.check_output([sys.executable, "-c", code], text=True).split())
    assert "fakeses.api.identities" in loaded
    # Nor other capabilities' handlers, nor the v2 codec, nor the template engine.
    assert not loaded & {"fakeses.api.receiving", "fakeses.api.tenants", "fakeses.api.configuration_sets",
                         "fakeses.protocols.restjson", "fakeses.mail.templates"}
