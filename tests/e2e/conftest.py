"""Every answer a boto3 client gets in tests/e2e is held to the model, as botocore's
``Stubber`` holds canned responses (STYLE.md, "Differential").

``fakeses._hook.serve`` answers each request of a client; wrapped here, every success
must fit the operation's output shape (tests/support/schemas.py) and every error must
be one SES gives for the operation (tests/support/errors.py). The richer scenarios of
the end-to-end tests (verified domains, DKIM, paging, sends) thereby check the shapes
the minimal requests of tests/conformance cannot reach.
"""
from __future__ import annotations

from typing import Any

import pytest
from support.errors import NOT_IMPLEMENTED, undeclared
from support.schemas import violations

import fakeses._hook


class ResponseOutOfShape(AssertionError):
    """An answer from fakeses that SES could not give."""


@pytest.fixture(autouse=True)
def responses_fit_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    serve = fakeses._hook.serve

    def checked(client: Any, operation_model: Any, request_dict: dict[str, Any], world: Any) -> Any:
        http, parsed = serve(client, operation_model, request_dict, world)
        service, op = client.meta.service_model.service_name, operation_model.name
        if http.status_code < 300:
            found = violations(service, op, parsed)
            if found:
                raise ResponseOutOfShape(f"{service} {op} answered out of its output shape:\n  " + "\n  ".join(found))
        else:
            code = parsed.get("Error", {}).get("Code", "")
            if (code, http.status_code) != NOT_IMPLEMENTED:
                problem = undeclared(service, op, code, http.status_code)
                if problem:
                    raise ResponseOutOfShape(problem)
        return http, parsed

    monkeypatch.setattr(fakeses._hook, "serve", checked)


# Clients are created once per module: fakeses serves a client whenever it was created.
@pytest.fixture(scope="module")
def v1() -> Any:
    from support.clients import client

    return client("ses")


@pytest.fixture(scope="module")
def v2() -> Any:
    from support.clients import client

    return client("sesv2")
