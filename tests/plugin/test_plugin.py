"""The pytest plugin, run through pytester: fixture, marker, options, isolation, failures."""
from __future__ import annotations

import re

import pytest

pytest_plugins = ["pytester"]


def test_the_fixture_yields_a_fresh_active_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def test_one(ses_backend):
            ses = boto3.client("ses", region_name="us-east-1")
            ses.verify_email_identity(EmailAddress="a@example.com")
            assert ses_backend.backend().identities.get("a@example.com") is not None

        def test_two_starts_empty(ses_backend):
            assert boto3.client("ses", region_name="us-east-1").list_identities()["Identities"] == []
            assert ses_backend.sent_messages == []
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_the_marker_alone_activates_the_fake_with_its_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from fakeses import fakeses

        @pytest.mark.fakeses(sandbox=True, region="eu-west-1")
        def test_marked():
            account = boto3.client("sesv2", region_name="eu-west-1").get_account()
            assert account["ProductionAccessEnabled"] is False
            assert fakeses.current().region == "eu-west-1"
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_the_closest_marker_wins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.fakeses(sandbox=True, region="eu-west-1")

        @pytest.mark.fakeses(region="us-west-2")
        def test_merged(ses_backend):
            assert ses_backend.options.sandbox is True
            assert ses_backend.region == "us-west-2"
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.fakeses(*fake Amazon SES for this test*"])


def test_an_unknown_marker_option_says_what_the_options_are(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.fakeses(sandboxed=True)
        def test_typo(ses_backend):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "E   Failed: @pytest.mark.fakeses got unknown option(s) sandboxed (did you mean sandbox?); "
        "the options are region, account_id, sandbox, auto_verify, raise_on_rendering_failure"
    ])


@pytest.mark.parametrize(("marker", "text"), [
    ("region=123", "@pytest.mark.fakeses: region must be a region name such as 'eu-west-1', not 123 (int)"),
    ("account_id='1'", "@pytest.mark.fakeses: account_id must be 12 digits such as '123456789012', not '1'"),
    ("sandbox='yes'", "@pytest.mark.fakeses: sandbox must be True or False, not 'yes' (str)"),
])
def test_a_marker_option_of_the_wrong_type_fails_the_set_up_with_what_to_pass(
        pytester: pytest.Pytester, marker: str, text: str) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.fakeses({marker})
        def test_wrong(ses_backend):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"E   Failed: {text}"])
    result.stdout.no_fnmatch_line("*fakeses/_options.py*")  # no traceback into fakeses


def test_the_marker_description_names_every_option_of_fakeses(pytester: pytest.Pytester) -> None:
    from fakeses._options import OPTIONS

    result = pytester.runpytest("--markers")
    [line] = [line for line in result.stdout.lines if line.startswith("@pytest.mark.fakeses(")]
    signature = line[len("@pytest.mark.fakeses("):line.index("): ")]
    assert signature == ", ".join(f"{name}={default!r}" for name, default in OPTIONS.items())


def test_nothing_is_intercepted_after_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import botocore.client

        ORIGINAL = botocore.client.BaseClient._make_request

        def test_uses_the_fake(ses_backend):
            assert botocore.client.BaseClient._make_request is not ORIGINAL

        def test_after(request):
            assert botocore.client.BaseClient._make_request is ORIGINAL
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_a_failing_test_still_fails_and_the_fake_stops(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import botocore.client
        ORIGINAL = botocore.client.BaseClient._make_request

        def test_fails(ses_backend):
            assert ses_backend.sent_messages, "no mail was sent"

        def test_after():
            assert botocore.client.BaseClient._make_request is ORIGINAL
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*AssertionError: no mail was sent*"])


def test_a_failed_empty_outbox_assertion_shows_who_got_what(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def test_nothing_is_sent(ses_backend):
            ses_backend.verify_identity("example.com")
            boto3.client("sesv2", region_name="us-east-1").send_email(
                FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                Content={"Simple": {"Subject": {"Data": "Welcome"}, "Body": {"Text": {"Data": "Hi " * 500}}}})
            assert ses_backend.sent_messages == []
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    shown = re.escape(
        "Left contains one more item: SentMessage(to=['ann@example.org'], subject='Welcome', "
        "source='hello@example.com', operation='SendEmail', service='sesv2', region='us-east-1', message_id='0100"
    )
    result.stdout.re_match_lines([rf"E\s+{shown}[0-9a-f]{{12}}-[0-9a-f]{{4}}\.\.\.'\)$"])
    result.stdout.no_fnmatch_line("*Hi Hi Hi*")
