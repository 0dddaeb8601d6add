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
        "the options are region, account_id, sandbox, auto_verify, raise_on_rendering_failure, outcomes"
    ])


@pytest.mark.parametrize(("marker", "text"), [
    ("region=123", "@pytest.mark.fakeses: region must be a region name such as 'eu-west-1', not 123 (int)"),
    ("account_id='1'", "@pytest.mark.fakeses: account_id must be 12 digits such as '123456789012', not '1'"),
    ("sandbox='yes'", "@pytest.mark.fakeses: sandbox must be True or False, not 'yes' (str)"),
    # fnmatch_lines reads [ as a pattern: ? stands for each bracket.
    ("outcomes={'ann@*': 'ignore'}", "@pytest.mark.fakeses: outcomes?'ann@*'? must be one of 'deliver', 'hold', "
     "'bounce', 'complain', 'delay', not 'ignore'"),
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


# -- one fake shared by a module or a session (docs/pytest.md) -----------------------------------

SHARED_CONFTEST = """
    import boto3
    import pytest
    from fakeses import fakeses

    @pytest.fixture(scope="{scope}")
    def shared_ses():
        with fakeses(region="us-east-1") as fake:
            fake.verify_identity("example.com")
            yield fake

    @pytest.fixture
    def outbox(shared_ses):
        shared_ses.clear()
        return shared_ses

    def send(subject):
        boto3.client("sesv2", region_name="us-east-1").send_email(
            FromEmailAddress="me@example.com", Destination={{"ToAddresses": ["ann@example.org"]}},
            Content={{"Simple": {{"Subject": {{"Data": subject}}, "Body": {{"Text": {{"Data": "x"}}}}}}}})
"""


def test_a_module_scoped_fake_is_shared_by_the_module_and_torn_down_after_it(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(SHARED_CONFTEST.format(scope="module"))
    pytester.makepyfile(
        test_a="""
        import boto3
        from conftest import send

        def test_one(outbox):
            boto3.client("sesv2", region_name="us-east-1").create_email_template(
                TemplateName="welcome", TemplateContent={"Subject": "Hi", "Text": "x"})
            send("one")
            assert [m.subject for m in outbox.sent_messages] == ["one"]

        def test_two_sees_the_state_but_not_the_messages(outbox, shared_ses):
            assert outbox is shared_ses
            assert outbox.sent_messages == []
            client = boto3.client("sesv2", region_name="us-east-1")
            assert client.get_email_template(TemplateName="welcome")["TemplateName"] == "welcome"
            send("two")
            assert [m.subject for m in outbox.sent_messages] == ["two"]
        """,
        test_b="""
        import boto3, botocore.client, pytest
        from fakeses import fakeses

        def test_nothing_is_active_after_the_module():
            with pytest.raises(RuntimeError):
                fakeses.current()

        def test_a_fake_of_this_module_starts_empty(ses_backend):
            assert boto3.client("sesv2", region_name="us-east-1").list_email_templates()["TemplatesMetadata"] == []
        """,
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_ses_backend_inside_a_shared_fake_is_a_fresh_fake_for_that_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(SHARED_CONFTEST.format(scope="session"))
    pytester.makepyfile(
        """
        import boto3, pytest
        from conftest import send

        def test_shared(outbox):
            send("shared")

        def test_own_fake(shared_ses, ses_backend):
            assert ses_backend is not shared_ses
            client = boto3.client("ses", region_name="us-east-1")
            assert client.list_identities()["Identities"] == []  # a fresh account
            ses_backend.verify_identity("example.com")
            send("own")
            assert [m.subject for m in ses_backend.sent_messages] == ["own"]
            assert [m.subject for m in shared_ses.sent_messages] == ["shared"]

        @pytest.mark.fakeses(sandbox=True)
        def test_marked(shared_ses, ses_backend):
            assert ses_backend.options.sandbox and not shared_ses.options.sandbox

        def test_the_shared_fake_serves_again(shared_ses):
            send("again")
            assert [m.subject for m in shared_ses.sent_messages] == ["shared", "again"]
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=4)


def test_a_module_fixture_asking_for_ses_backend_fails_with_pytest_scope_mismatch(pytester: pytest.Pytester) -> None:
    """What the docs point to: pytest's own error, which names the fixture."""
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture(scope="module")
        def shared(ses_backend):
            return ses_backend

        def test_uses(shared):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ScopeMismatch: You tried to access the function scoped fixture ses_backend "
                                 "with a module scoped request object*"])
