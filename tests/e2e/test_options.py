"""A wrong option is the test author's mistake: a Python exception that says what to write.

``fakeses(...)`` in every form, and the handle's ``region=`` / ``account_id=`` arguments,
go through one check (fakeses/_options.py); the marker's texts are in tests/plugin.
"""
from __future__ import annotations

import re

import pytest

from fakeses import fakeses

OPTIONS = "the options are region, account_id, sandbox, auto_verify, raise_on_rendering_failure, outcomes"


def test_an_unknown_option_is_named_with_the_closest_one_and_the_list_of_options():
    with pytest.raises(TypeError) as raised:
        fakeses(sandbx=True)
    assert str(raised.value) == f"fakeses() got unknown option(s) sandbx (did you mean sandbox?); {OPTIONS}"


def test_the_decorator_form_names_an_unknown_option_too():
    with pytest.raises(TypeError, match=re.escape(f"fakeses() got unknown option(s) colour, verify (did you mean auto_verify?); {OPTIONS}")):
        @fakeses(colour="blue", verify=False)
        def test_nothing():
            pass


@pytest.mark.parametrize(("options", "error", "text"), [
    ({"region": 123}, TypeError, "fakeses(): region must be a region name such as 'eu-west-1', not 123 (int)"),
    ({"region": ""}, ValueError, "fakeses(): region must be a region name such as 'eu-west-1', not ''"),
    ({"region": "eu west 1"}, ValueError, "fakeses(): region must be a region name such as 'eu-west-1', not 'eu west 1'"),
    ({"account_id": 123456789012}, TypeError,
     "fakeses(): account_id must be a string of 12 digits such as '123456789012', not 123456789012 (int)"),
    ({"account_id": "1234"}, ValueError, "fakeses(): account_id must be 12 digits such as '123456789012', not '1234'"),
    ({"sandbox": "false"}, TypeError, "fakeses(): sandbox must be True or False, not 'false' (str)"),
    ({"auto_verify": 0}, TypeError, "fakeses(): auto_verify must be True or False, not 0 (int)"),
    ({"raise_on_rendering_failure": None}, TypeError,
     "fakeses(): raise_on_rendering_failure must be True or False, not None (NoneType)"),
    ({"outcomes": "complaint"}, ValueError,
     "fakeses(): outcomes must be one of 'deliver', 'hold', 'bounce', 'complain', 'delay', not 'complaint' "
     "(did you mean 'complain'?)"),
    ({"outcomes": True}, TypeError,
     "fakeses(): outcomes must be one of 'deliver', 'hold', 'bounce', 'complain', 'delay', or a dict of address "
     "patterns to them such as {'*@bounces.example.org': 'bounce', '*': 'hold'}, not True (bool)"),
    ({"outcomes": {"*@example.org": "explode"}}, ValueError,
     "fakeses(): outcomes['*@example.org'] must be one of 'deliver', 'hold', 'bounce', 'complain', 'delay', "
     "not 'explode'"),
    ({"outcomes": {"*@example.org": None}}, TypeError,
     "fakeses(): outcomes maps address patterns to outcomes, both strings, such as "
     "{'*@bounces.example.org': 'bounce', '*': 'hold'}; not '*@example.org': None"),
    ({"outcomes": {" ": "hold"}}, ValueError,
     "fakeses(): outcomes has an empty address pattern; write a pattern such as '*@example.org' or "
     "'bounce-*@example.org'"),
])
def test_a_value_of_the_wrong_type_or_form_is_refused_with_what_to_pass(options, error, text):
    with pytest.raises(error) as raised:
        fakeses(**options)
    assert str(raised.value) == text


def test_a_refused_option_leaves_nothing_active():
    with pytest.raises(TypeError):
        with fakeses(region=123):
            pass
    with pytest.raises(RuntimeError, match="no fakeses is active"):
        fakeses.current()


def test_any_region_botocore_accepts_is_accepted():
    for region in ("us-east-1", "us-gov-west-1", "eusc-de-east-1", "local"):
        with fakeses(region=region) as fake:
            assert fake.region == region


@pytest.mark.parametrize(("call", "error", "text"), [
    (lambda fake: fake.backend(region=123), TypeError,
     "backend(): region must be a region name such as 'eu-west-1', not 123 (int)"),
    (lambda fake: fake.backend(account_id="42"), ValueError,
     "backend(): account_id must be 12 digits such as '123456789012', not '42'"),
    (lambda fake: fake.verify_identity("example.com", region="us east"), ValueError,
     "verify_identity(): region must be a region name such as 'eu-west-1', not 'us east'"),
    (lambda fake: fake.verify_identity("example.com", account_id=111122223333), TypeError,
     "verify_identity(): account_id must be a string of 12 digits such as '123456789012', not 111122223333 (int)"),
])
def test_the_handle_checks_its_region_and_account_arguments(ses_backend, call, error, text):
    with pytest.raises(error) as raised:
        call(ses_backend)
    assert str(raised.value) == text


def test_the_outcomes_given_are_copied_when_the_fake_is_made():
    rules = {"*@example.org": "hold"}
    activation = fakeses(outcomes=rules)
    rules["*@example.org"] = "bounce"
    with activation as fake:
        assert fake.options.outcomes == (("*@example.org", "hold"),)
