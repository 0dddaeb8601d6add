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
V1_OK = (
    b'<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendEmailResult>'
    b"<MessageId>0100018c-0000-0000-0000-000000000000-000000</MessageId></SendEmailResult>"
    b"<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></SendEmailResponse>"
)
V2_OK = b'{"MessageId":"0100018c-0000-0000-0000-000000000000-000000"}'


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: object):
        yield self.body


def canned(body: bytes, content_type: str):
    def handler(request, **_):
        return AWSResponse(request.url, 200, {"Content-Type": content_type}, _Raw(body))
    return handler


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

    floor_v1 = boto3.client("ses", region_name=REGION)
    floor_v1.meta.events.register("before-send.ses.SendEmail", canned(V1_OK, "text/xml"))
    floor_v2 = boto3.client("sesv2", region_name=REGION)
    floor_v2.meta.events.register("before-send.sesv2.SendEmail", canned(V2_OK, "application/json"))
    fake_v1 = boto3.client("ses", region_name=REGION)
    fake_v2 = boto3.client("sesv2", region_name=REGION)

    moto_ctx = None
    if not args.no_moto:
        from moto import mock_aws
        moto_ctx = mock_aws
    results: dict[str, list[float]] = {k: [] for k in
        ("floor v1", "fakeses v1", "moto v1", "floor v2", "fakeses v2", "moto v2")}

    with fakeses() as fake:  # warm up: models, codecs and handlers load on first use
        fake.verify_identity("example.com")
        v1_send(fake_v1)
        v2_send(fake_v2)
    v1_send(floor_v1)
    v2_send(floor_v2)
    for _ in range(args.rounds):
        results["floor v1"] += time_calls(v1_send, floor_v1, args.batch)
        results["floor v2"] += time_calls(v2_send, floor_v2, args.batch)
        with fakeses() as fake:
            fake.verify_identity("example.com")
            results["fakeses v1"] += time_calls(v1_send, fake_v1, args.batch)
            results["fakeses v2"] += time_calls(v2_send, fake_v2, args.batch)
        if moto_ctx is not None:
            with moto_ctx():
                m1 = boto3.client("ses", region_name=REGION)
                m2 = boto3.client("sesv2", region_name=REGION)
                m1.verify_domain_identity(Domain="example.com")
                results["moto v1"] += time_calls(v1_send, m1, args.batch)
                results["moto v2"] += time_calls(v2_send, m2, args.batch)

    med = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"{'path':<12}{'median µs':>12}{'x floor':>10}")
    for api in ("v1", "v2"):
        floor = med[f"floor {api}"]
        for tool in ("floor", "fakeses", "moto"):
            key = f"{tool} {api}"
            if key in med:
                print(f"{key:<12}{med[key]:>12.1f}{med[key] / floor:>10.2f}")
        if f"moto {api}" in med:
            print(f"{'':<12}fakeses is {med[f'moto {api}'] / med[f'fakeses {api}']:.1f}x faster than moto ({api})")

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
