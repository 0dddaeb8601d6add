"""Time SES sends through fakeses against botocore's floor and against moto, in one process.

Run: python tests/benchmarks/bench_send.py [--rounds N]

* floor: the same boto3 call answered by a before-send handler returning a canned
  response, i.e. botocore's own cost (serialize, sign, parse);
* fakeses: the call answered by fakeses;
* moto: the call answered by moto's mock_aws.
Calls are interleaved so the three see the same machine state. Prints medians (µs)
and ratios, then enter+exit of fakeses() and the import time of fakeses over botocore.
Not collected by pytest (no test_ prefix).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402

REGION = "us-east-1"
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


def v1_tracked(client) -> None:
    client.send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": ["ann@example.org"]},
        Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi Ann"}}},
        ConfigurationSetName="tracked",
    )


# name -> (service, operation, call, canned body, content type)
SCENARIOS = {
    "v1 SendEmail": ("ses", "SendEmail", v1_send,
                     v1_body("SendEmail", f"<MessageId>{MESSAGE_ID}</MessageId>"), "text/xml"),
    "v2 SendEmail": ("sesv2", "SendEmail", v2_send,
                     f'{{"MessageId":"{MESSAGE_ID}"}}'.encode(), "application/json"),
    "v1 SendTemplatedEmail": ("ses", "SendTemplatedEmail", v1_templated,
                              v1_body("SendTemplatedEmail", f"<MessageId>{MESSAGE_ID}</MessageId>"), "text/xml"),
    "v1 SendEmail + config set (SNS)": ("ses", "SendEmail", v1_tracked,
                                        v1_body("SendEmail", f"<MessageId>{MESSAGE_ID}</MessageId>"), "text/xml"),
    f"v2 SendBulkEmail x{BULK}": ("sesv2", "SendBulkEmail", v2_bulk, (
        '{"BulkEmailEntryResults":[' + ",".join([f'{{"Status":"SUCCESS","MessageId":"{MESSAGE_ID}"}}'] * BULK) + "]}"
    ).encode(), "application/json"),
}


def setup(v1, v2) -> None:
    """What every scenario needs: a verified sender domain and the template, through boto3."""
    v1.verify_domain_identity(Domain="example.com")
    v1.create_template(Template=TEMPLATE)
    v1.create_configuration_set(ConfigurationSet={"Name": "tracked"})
    v1.create_configuration_set_event_destination(ConfigurationSetName="tracked", EventDestination={
        "Name": "to-sns", "Enabled": True, "MatchingEventTypes": ["send", "delivery", "bounce"],
        "SNSDestination": {"TopicARN": "arn:aws:sns:us-east-1:123456789012:ses-events"}})


def time_calls(fn, client, n: int) -> list[float]:
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--no-moto", action="store_true")
    args = parser.parse_args()

    from fakeses import fakeses

    floors, fakes = {}, {}
    for name, (service, op, _, body, ctype) in SCENARIOS.items():
        floors[name] = boto3.client(service, region_name=REGION)
        floors[name].meta.events.register(f"before-send.{service}.{op}", canned(body, ctype))
    fakes = {"ses": boto3.client("ses", region_name=REGION), "sesv2": boto3.client("sesv2", region_name=REGION)}

    moto_ctx = None
    if not args.no_moto:
        from moto import mock_aws
        moto_ctx = mock_aws
    results: dict[str, list[float]] = {}
    unsupported: dict[str, str] = {}

    with fakeses():  # warm up: models, codecs and handlers load on first use
        setup(fakes["ses"], fakes["sesv2"])
        for name, (service, _, call, _, _) in SCENARIOS.items():
            call(fakes[service])
            call(floors[name])
    for _ in range(args.rounds):
        for name, (service, _, call, _, _) in SCENARIOS.items():
            n = max(1, args.batch // (BULK // 5)) if "Bulk" in name else args.batch
            results.setdefault(f"floor|{name}", []).extend(time_calls(call, floors[name], n))
        with fakeses():
            setup(fakes["ses"], fakes["sesv2"])
            for name, (service, _, call, _, _) in SCENARIOS.items():
                n = max(1, args.batch // (BULK // 5)) if "Bulk" in name else args.batch
                results.setdefault(f"fakeses|{name}", []).extend(time_calls(call, fakes[service], n))
        if moto_ctx is not None:
            with moto_ctx():
                clients = {"ses": boto3.client("ses", region_name=REGION),
                           "sesv2": boto3.client("sesv2", region_name=REGION)}
                setup(clients["ses"], clients["sesv2"])
                for name, (service, _, call, _, _) in SCENARIOS.items():
                    if name in unsupported:
                        continue
                    n = max(1, args.batch // (BULK // 5)) if "Bulk" in name else args.batch
                    try:
                        results.setdefault(f"moto|{name}", []).extend(time_calls(call, clients[service], n))
                    except Exception as error:  # moto does not implement every operation
                        unsupported[name] = type(error).__name__
                        results.pop(f"moto|{name}", None)

    med = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"{'path':<44}{'median µs':>12}{'x floor':>10}")
    for name in SCENARIOS:
        floor = med[f"floor|{name}"]
        for tool in ("floor", "fakeses", "moto"):
            key = f"{tool}|{name}"
            if key in med:
                print(f"{tool + ' ' + name:<44}{med[key]:>12.1f}{med[key] / floor:>10.2f}")
            elif tool == "moto" and name in unsupported:
                print(f"{tool + ' ' + name:<44}{'n/a':>12}  (moto: {unsupported[name]})")
        if f"moto|{name}" in med:
            print(f"{'':<44}fakeses is {med[f'moto|{name}'] / med[f'fakeses|{name}']:.1f}x faster than moto")

    # enter + exit of fakeses() and of mock_aws()
    print(f"enter+exit fakeses(): median {enter_exit(fakeses, 2000):.1f} µs")
    if moto_ctx is not None:
        print(f"enter+exit mock_aws(): median {enter_exit(moto_ctx, 30):.1f} µs")

    # import time of fakeses on top of botocore, in fresh interpreters
    code = "import time,sys; import botocore.client; t=time.perf_counter(); import fakeses; print(time.perf_counter()-t)"
    runs = sorted(float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(7))
    print(f"import fakeses after botocore: median {runs[3] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
