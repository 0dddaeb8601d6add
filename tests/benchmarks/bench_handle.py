"""Time the handle's reads and lookups when many messages were sent.

Run: python tests/benchmarks/bench_handle.py [--messages N]

Records N messages (default 50,000) and their Send events straight into one fake (no
boto3: the send path is bench_send.py's business), then times reading ``sent_messages``
and ``events``, ``events_of`` and ``deliver`` for messages spread over the log, and
``events_of`` for every message, as a test that checks each message does.
Not collected by pytest (no test_ prefix).
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
import timeit

from fakeses import fakeses
from fakeses.domain import events
from fakeses.domain.messages import SentMessage


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=50_000)
    n = parser.parse_args().messages
    with fakeses() as fake:
        world, backend = fake._world, fake.backend()
        now = dt.datetime.now(dt.timezone.utc)
        sent = []
        for i in range(n):
            message = SentMessage(
                message_id=f"{i:060d}", operation="SendEmail", service="ses", region="us-east-1",
                account_id="123456789012", source="me@example.com", to=[f"u{i}@example.org"], cc=[], bcc=[],
                destinations=[f"u{i}@example.org"], reply_to=[], subject="Hi", sent_at=now)
            world.record(message)
            backend.publish(events.SEND, message, at=now)
            sent.append(message)
        sample = sent[:: max(1, n // 100)]
        per = timeit.timeit(lambda: [fake.events_of(m) for m in sample], number=1) / len(sample)
        print(f"events_of, one call:      {per * 1e6:9.1f} µs")
        per = timeit.timeit(lambda: [fake.deliver(m) for m in sample], number=1) / len(sample)
        print(f"deliver, one call:        {per * 1e6:9.1f} µs")
        print(f"sent_messages, one read:  {timeit.timeit(lambda: fake.sent_messages, number=200) / 200 * 1e6:9.1f} µs")
        print(f"events, one read:         {timeit.timeit(lambda: fake.events, number=200) / 200 * 1e6:9.1f} µs")
        start = time.perf_counter()
        for message in sent:
            fake.events_of(message)
        print(f"events_of for all {n}: {time.perf_counter() - start:9.2f} s")


if __name__ == "__main__":
    main()
