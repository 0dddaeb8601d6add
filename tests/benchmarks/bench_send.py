"""Time SES calls through fakeses against botocore's floor and against moto, in one process.

Run: python tests/benchmarks/bench_send.py [--rounds N] [--only SUBSTRING]

* floor: the same boto3 call answered by a before-send handler returning a canned
  response, i.e. botocore's own cost (serialize, sign, parse);
* fakeses: the call answered by fakeses;
* moto: the call answered by moto's mock_aws.
Calls are interleaved so the three see the same machine state. Prints medians (µs)
and ratios, then enter+exit of fakeses(), the import time of fakeses over botocore,
the modules ``import fakeses`` loads, and the first SES call of a fresh process.
State a scenario needs (identities, templates) is set up before it is timed, through
boto3 where the set-up is small and through the handle (``verify_identity``) for the
thousands of identities of the list scenarios; moto gets the same state through boto3.
Not collected by pytest (no test_ prefix).
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402

REGION = "us-east-1"
LIST_REGION = "us-west-2"     # the 1,000 identities of ListIdentities, alone in their region
PAGING_REGION = "eu-west-1"   # the 10,000 identities paged through
MESSAGE_ID = "0100018c-0000-0000-0000-000000000000-000000"


def v1_body(action: str, result: str) -> bytes:
    return (
        f'<{action}Response xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><{action}Result>{result}'
        f"</{action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></{action}Response>"
    ).encode()


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: object):
        yield self.body


def canned(body: bytes, content_type: str):
    def handler(request, **_):
        return AWSResponse(request.url, 200, {"Content-Type": content_type}, _Raw(body))
    return handler


TEMPLATE = {"TemplateName": "welcome", "SubjectPart": "Welcome, {{name}}!",
            "TextPart": "Hi {{name}}, your code is {{code}}.", "HtmlPart": "<p>Hi {{name}}, code {{code}}</p>"}
BULK = 50
LISTED = 1_000
PAGED, PAGE = 10_000, 100
ROTATED = 300  # templates in rotation: more than a 256-entry compile cache holds


def rotated_template(i: int) -> dict[str, str]:
    return {"TemplateName": f"rotated-{i}", "SubjectPart": f"Offer {i} for {{{{name}}}}",
            "TextPart": f"Hi {{{{name}}}}, offer {i} ends soon ({{{{code}}}}).",
            "HtmlPart": f"<p>Hi {{{{name}}}}, offer <b>{i}</b> ends soon ({{{{code}}}}).</p>"}


def v1_send(client) -> None:
    client.send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": ["ann@example.org"]},
        Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi Ann"}}},
    )


def v2_send(client) -> None:
    client.send_email(
        FromEmailAddress="sender@example.com",
        Destination={"ToAddresses": ["ann@example.org"]},
        Content={"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi Ann"}}}},
    )


def v1_templated(client) -> None:
    client.send_templated_email(
        Source="sender@example.com", Destination={"ToAddresses": ["ann@example.org"]},
        Template="welcome", TemplateData='{"name": "Ann", "code": 1234}',
    )


_rotation = itertools.count()


def v1_templated_rotation(client) -> None:
    client.send_templated_email(
        Source="sender@example.com", Destination={"ToAddresses": ["ann@example.org"]},
        Template=f"rotated-{next(_rotation) % ROTATED}", TemplateData='{"name": "Ann", "code": 1234}',
    )


def v2_bulk(client) -> None:
    client.send_bulk_email(
        FromEmailAddress="sender@example.com",
        DefaultContent={"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "friend", "code": 0}'}},
        BulkEmailEntries=[
            {"Destination": {"ToAddresses": [f"user{i}@example.org"]},
             "ReplacementEmailContent": {"ReplacementTemplate": {"ReplacementTemplateData": f'{{"name": "User {i}", "code": {i}}}'}}}
            for i in range(BULK)
        ],
    )


_bulk_calls = itertools.count()


def v2_bulk_new_addresses(client) -> None:
    """The bulk send to 50 addresses never seen before (none in the address cache)."""
    call = next(_bulk_calls)
    client.send_bulk_email(
        FromEmailAddress="sender@example.com",
        DefaultContent={"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "friend", "code": 0}'}},
        BulkEmailEntries=[
            {"Destination": {"ToAddresses": [f"new{call}.user{i}@example.org"]},
             "ReplacementEmailContent": {"ReplacementTemplate": {"ReplacementTemplateData": f'{{"name": "User {i}", "code": {i}}}'}}}
            for i in range(BULK)
        ],
    )


def v1_tracked(client) -> None:
    client.send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": ["ann@example.org"]},
        Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi Ann"}}},
        ConfigurationSetName="tracked",
    )


def v1_list(client) -> None:
    listed = client.list_identities()["Identities"]
    assert len(listed) == LISTED, len(listed)


def v1_paging(client) -> None:
    token = None
    for _ in range(PAGED // PAGE):
        page = client.list_identities(MaxItems=PAGE, **({"NextToken": token} if token else {}))
        token = page.get("NextToken")


_created = itertools.count()


def v2_create_identity(client) -> None:
    client.create_email_identity(EmailIdentity=f"d{next(_created)}.example.net")


def _members(names) -> str:
    return "".join(f"<member>{name}</member>" for name in names)


_DKIM = '{"SigningEnabled":true,"Status":"NOT_STARTED","Tokens":["%s","%s","%s"],' \
        '"SigningAttributesOrigin":"AWS_SES","NextSigningKeyLength":"RSA_2048_BIT",' \
        '"CurrentSigningKeyLength":"RSA_2048_BIT","LastKeyGenerationTimestamp":1700000000}' % (("a" * 32,) * 3)
_SENT = v1_body("SendEmail", f"<MessageId>{MESSAGE_ID}</MessageId>")
_TEMPLATED = v1_body("SendTemplatedEmail", f"<MessageId>{MESSAGE_ID}</MessageId>")


@dataclasses.dataclass
class Scenario:
    service: str
    op: str
    call: Callable[[Any], None]
    body: bytes
    ctype: str = "text/xml"
    region: str = REGION
    cost: int = 1  # about how many plain sends one call costs: fewer calls per round
    moto: str = ""  # why moto cannot answer it, when it cannot


SCENARIOS = {
    "v1 SendEmail": Scenario("ses", "SendEmail", v1_send, _SENT),
    "v2 SendEmail": Scenario("sesv2", "SendEmail", v2_send, f'{{"MessageId":"{MESSAGE_ID}"}}'.encode(),
                             "application/json"),
    "v1 SendTemplatedEmail": Scenario("ses", "SendTemplatedEmail", v1_templated, _TEMPLATED),
    f"v1 SendTemplatedEmail, {ROTATED} templates": Scenario("ses", "SendTemplatedEmail", v1_templated_rotation,
                                                           _TEMPLATED),
    "v1 SendEmail + config set (SNS)": Scenario("ses", "SendEmail", v1_tracked, _SENT),
    f"v2 SendBulkEmail x{BULK}": Scenario("sesv2", "SendBulkEmail", v2_bulk, (
        '{"BulkEmailEntryResults":[' + ",".join([f'{{"Status":"SUCCESS","MessageId":"{MESSAGE_ID}"}}'] * BULK) + "]}"
    ).encode(), "application/json", cost=10),
    f"v2 SendBulkEmail x{BULK}, new addresses": Scenario("sesv2", "SendBulkEmail", v2_bulk_new_addresses, (
        '{"BulkEmailEntryResults":[' + ",".join([f'{{"Status":"SUCCESS","MessageId":"{MESSAGE_ID}"}}'] * BULK) + "]}"
    ).encode(), "application/json", cost=10),
    "v2 CreateEmailIdentity": Scenario("sesv2", "CreateEmailIdentity", v2_create_identity, (
        '{"IdentityType":"DOMAIN","VerifiedForSendingStatus":false,"DkimAttributes":' + _DKIM + "}").encode(),
        "application/json"),
    f"v1 ListIdentities, {LISTED:,}": Scenario("ses", "ListIdentities", v1_list, v1_body(
        "ListIdentities", f"<Identities>{_members(f'user{i}@example.org' for i in range(LISTED))}</Identities>"),
        region=LIST_REGION, cost=10),
    f"v1 ListIdentities, {PAGED:,} by {PAGE}": Scenario("ses", "ListIdentities", v1_paging, v1_body(
        "ListIdentities", f"<Identities>{_members(f'user{i}@example.org' for i in range(PAGE))}</Identities>"
                          "<NextToken>MTAw</NextToken>"),
        region=PAGING_REGION, cost=100, moto="moto ignores MaxItems and answers every identity on each page"),
}


def setup(v1, v2) -> None:
    """What the send scenarios need: a verified sender domain and templates, through boto3."""
    v1.verify_domain_identity(Domain="example.com")
    v1.create_template(Template=TEMPLATE)
    for i in range(ROTATED):
        v1.create_template(Template=rotated_template(i))
    v1.create_configuration_set(ConfigurationSet={"Name": "tracked"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="tracked", EventDestination={
        "Name": "to-sns", "Enabled": True, "MatchingEventTypes": ["send", "delivery", "bounce"],
        "SNSDestination": {"TopicARN": "arn:aws:sns:us-east-1:123456789012:ses-events"}})


def setup_lists(fake) -> None:
    """The identities the list scenarios read, through the handle (10,000 boto3 calls would
    dominate the run)."""
    for i in range(LISTED):
        fake.verify_identity(f"user{i}@example.org", region=LIST_REGION)
    for i in range(PAGED):
        fake.verify_identity(f"user{i}@example.org", region=PAGING_REGION)


def time_calls(fn, client, n: int) -> list[float]:
    # From a collected heap: the collector's work that set-up (thousands of identities and
    # templates, a discarded fake) left behind is not the call's. What the calls themselves
    # leave for it still falls in them.
    gc.collect()
    out = []
    for _ in range(n):
        start = time.perf_counter_ns()
        fn(client)
        out.append((time.perf_counter_ns() - start) / 1000)
    return out


def enter_exit(factory, n: int) -> float:
    """Median µs of ``with factory(): pass``."""
    samples = []
    for _ in range(n):
        start = time.perf_counter_ns()
        with factory():
            pass
        samples.append((time.perf_counter_ns() - start) / 1000)
    return statistics.median(samples)


# Fresh interpreters read compiled bytecode as users' do, from a cache of their own
# (PYTHONDONTWRITEBYTECODE would have them compile every module each time).
_PYCACHE = tempfile.mkdtemp(prefix="fakeses-bench-pycache-")
_FRESH_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
              "PYTHONPYCACHEPREFIX": _PYCACHE}


def fresh(code: str, runs: int = 7) -> float:
    """Median of what ``code`` prints (seconds) in fresh interpreters (after one to warm the cache)."""
    def run() -> float:
        return float(subprocess.check_output([sys.executable, "-c", code], env=_FRESH_ENV))
    run()
    values = sorted(run() for _ in range(runs))
    return values[len(values) // 2]


# CPU time of the process: on a shared machine, less at the mercy of the other loads than wall time.
IMPORT_TIME = ("import time,sys; import botocore.client; t=time.process_time(); import fakeses; "
               "print(time.process_time()-t)")
FIRST_CALL = (
    "import os,time; os.environ.setdefault('AWS_ACCESS_KEY_ID','x'); os.environ.setdefault('AWS_SECRET_ACCESS_KEY','x');"
    "import boto3; from fakeses import fakeses; c=boto3.client('ses',region_name='us-east-1');"
    "f=fakeses(); f.start(); t=time.process_time();"
    "c.verify_email_identity(EmailAddress='a@example.com'); print(time.process_time()-t)"
)
LOADED = ("import sys; import fakeses; print(' '.join(sorted(m for m in sys.modules if m.startswith('fakeses'))))")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--no-moto", action="store_true")
    parser.add_argument("--only", default="", help="only the scenarios whose name contains this")
    args = parser.parse_args()

    from fakeses import fakeses

    scenarios = {name: s for name, s in SCENARIOS.items() if args.only in name}
    floors = {}
    for name, s in scenarios.items():
        floors[name] = boto3.client(s.service, region_name=s.region)
        floors[name].meta.events.register(f"before-send.{s.service}.{s.op}", canned(s.body, s.ctype))

    def clients() -> dict[tuple[str, str], Any]:
        wanted = {(s.service, s.region) for s in scenarios.values()} | {("ses", REGION), ("sesv2", REGION)}
        return {(service, region): boto3.client(service, region_name=region) for service, region in wanted}

    fakes = clients()

    def calls(s: Scenario) -> int:
        return max(1, args.batch // s.cost)

    moto_ctx = None
    if not args.no_moto:
        from moto import mock_aws
        moto_ctx = mock_aws
    results: dict[str, list[float]] = {}
    unsupported = {name: s.moto for name, s in scenarios.items() if s.moto}

    # The identities the list scenarios read, only when one of them runs.
    lists = any(s.region in (LIST_REGION, PAGING_REGION) for s in scenarios.values())
    with fakeses() as fake:  # warm up: models, codecs and handlers load on first use
        setup(fakes[("ses", REGION)], fakes[("sesv2", REGION)])
        if lists:
            setup_lists(fake)
        for name, s in scenarios.items():
            s.call(fakes[(s.service, s.region)])
            s.call(floors[name])
    for _ in range(args.rounds):
        for name, s in scenarios.items():
            results.setdefault(f"floor|{name}", []).extend(time_calls(s.call, floors[name], calls(s)))
        with fakeses() as fake:
            setup(fakes[("ses", REGION)], fakes[("sesv2", REGION)])
            if lists:
                setup_lists(fake)
            for name, s in scenarios.items():
                results.setdefault(f"fakeses|{name}", []).extend(
                    time_calls(s.call, fakes[(s.service, s.region)], calls(s)))
        if moto_ctx is not None:
            with moto_ctx():
                mine = clients()
                setup(mine[("ses", REGION)], mine[("sesv2", REGION)])
                if any(s.region == LIST_REGION and name not in unsupported for name, s in scenarios.items()):
                    listed = boto3.client("ses", region_name=LIST_REGION)
                    for i in range(LISTED):
                        listed.verify_email_identity(EmailAddress=f"user{i}@example.org")
                for name, s in scenarios.items():
                    if name in unsupported:
                        continue
                    try:
                        results.setdefault(f"moto|{name}", []).extend(
                            time_calls(s.call, mine[(s.service, s.region)], calls(s)))
                    except Exception as error:  # moto does not implement every operation
                        unsupported[name] = type(error).__name__
                        results.pop(f"moto|{name}", None)

    med = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"{'path':<52}{'median µs':>12}{'x floor':>10}")
    for name in scenarios:
        floor = med[f"floor|{name}"]
        for tool in ("floor", "fakeses", "moto"):
            key = f"{tool}|{name}"
            if key in med:
                print(f"{tool + ' ' + name:<52}{med[key]:>12.1f}{med[key] / floor:>10.2f}")
            elif tool == "moto" and name in unsupported:
                print(f"{tool + ' ' + name:<52}{'n/a':>12}  (moto: {unsupported[name]})")
        if f"moto|{name}" in med:
            print(f"{'':<52}fakeses is {med[f'moto|{name}'] / med[f'fakeses|{name}']:.1f}x faster than moto")

    # enter + exit of fakeses() and of mock_aws()
    print(f"enter+exit fakeses(): median {enter_exit(fakeses, 2000):.1f} µs")
    if moto_ctx is not None:
        print(f"enter+exit mock_aws(): median {enter_exit(moto_ctx, 30):.1f} µs")

    # fresh interpreters: import time on top of botocore, first SES call, modules loaded
    print(f"import fakeses after botocore: median {fresh(IMPORT_TIME, 15) * 1000:.1f} ms CPU")
    print(f"first SES call of a process (client made, fake started): median {fresh(FIRST_CALL, 15) * 1000:.1f} ms CPU")
    print("import fakeses loads:", subprocess.check_output([sys.executable, "-c", LOADED], text=True,
                                                           env=_FRESH_ENV).strip())


if __name__ == "__main__":
    main()
