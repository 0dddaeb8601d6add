"""What SES computes from traffic: message insights and the VDM metrics, per day.

Pure functions over the record of what was sent and what happened to it (the world's
``sent`` and ``events``, fakeses/domain/state.py): nothing here keeps a copy of that record,
so an export job (fakeses/domain/jobs.py) and, later, BatchGetMetricData or
GetMessageInsights read the same facts the handle shows.

The metric definitions are SES's (v2 reference, ExportMetric; developer guide, Virtual
Deliverability Manager metrics):

- Only messages addressed to exactly one recipient count, and never the mailbox
  simulator's addresses ("Excludes ... the mailbox simulator and emails addressed to more
  than one recipient", every metric).
- SEND: Send events. DELIVERY: Delivery events. PERMANENT_BOUNCE / TRANSIENT_BOUNCE:
  Bounce events of that type, a permanent one from the account-level suppression list
  excluded. COMPLAINT: Complaint events, those from the suppression list excluded.
- OPEN and CLICK: *unique* opens and clicks: one per message however often it was opened.
- DELIVERY_OPEN / DELIVERY_CLICK: deliveries of messages that carried open or click
  trackers. SES inserts them in the HTML part of a message sent with a configuration set;
  fakeses takes a message with an HTML part and a configuration set to carry both (?).
- DELIVERY_COMPLAINT: deliveries to ISPs with which SES has a feedback loop; Gmail has
  none (Gmail's Postmaster documentation: it sends no per-message complaint feedback), so
  deliveries to Gmail are left out (?).
- RATE: the metric's volume relative to SEND's volume ("The rate for this metric relative
  to the SEND metric volume", ExportMetric): volume / SEND, 0 when nothing was sent (?).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Optional

from ..mail.addresses import is_simulator
from . import events as ev

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend

METRICS = ("SEND", "COMPLAINT", "PERMANENT_BOUNCE", "TRANSIENT_BOUNCE", "OPEN", "CLICK", "DELIVERY",
           "DELIVERY_OPEN", "DELIVERY_CLICK", "DELIVERY_COMPLAINT")  # the model's Metric enum
DIMENSIONS = ("EMAIL_IDENTITY", "CONFIGURATION_SET", "ISP")  # the model's MetricDimensionName

#: ISP names by recipient domain. VDM names the mailbox provider of each recipient; its
#: exact list and spelling are not published (?): these are the providers the VDM
#: dashboard's ISP filter shows (developer guide, vdm-dashboard.html), anything else "Other".
_ISPS = {
    "gmail.com": "Gmail", "googlemail.com": "Gmail",
    "yahoo.com": "Yahoo", "ymail.com": "Yahoo", "aol.com": "Yahoo", "rocketmail.com": "Yahoo",
    "outlook.com": "Hotmail", "hotmail.com": "Hotmail", "live.com": "Hotmail", "msn.com": "Hotmail",
    "icloud.com": "iCloud", "me.com": "iCloud", "mac.com": "iCloud",
    "comcast.net": "Comcast", "web.de": "Web.de", "gmx.de": "GMX", "gmx.net": "GMX",
}
#: SES's own bounces and complaints for a suppressed address (account or tenant list): not the
#: recipients' (a suppressed address was never sent to).
_SUPPRESSED = ("OnAccountSuppressionList", "OnTenantSuppressionList")


def isp_of(address: str) -> str:
    """The mailbox provider of ``address`` as VDM names it (see ``_ISPS``)."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(">")
    if domain in _ISPS:
        return _ISPS[domain]
    for known, name in _ISPS.items():  # regional spellings: yahoo.co.uk, hotmail.fr, ...
        if domain.split(".")[0] == known.split(".")[0] and known.split(".")[0] in ("yahoo", "hotmail", "outlook"):
            return name
    return "Other"


def _at_day(when: _dt.datetime) -> _dt.date:
    return when.astimezone(_dt.timezone.utc).date()


def sent_by(backend: Backend) -> list[SentMessage]:
    """The messages of ``backend``'s account and region (the world records every account's)."""
    return [m for m in list(backend.world.sent) if m.account_id == backend.account_id and m.region == backend.region]


def by_message(events: Iterable[Event]) -> dict[str, list[Event]]:
    """``events`` grouped by the id of the message they are about, each group in order."""
    found: dict[str, list[Event]] = {}
    for event in events:
        found.setdefault(event.message.message_id, []).append(event)
    return found


def tracked(message: SentMessage) -> bool:
    """Whether SES counts ``message`` in VDM: one recipient, not the mailbox simulator."""
    return (len(message.destinations) == 1
            and not is_simulator(message.destinations[0]))


def _bounce_kind(event: Event) -> Optional[str]:
    kind = event.details.get("bounceType")
    if kind == "Permanent":
        return None if event.details.get("bounceSubType") in _SUPPRESSED else "PERMANENT_BOUNCE"
    if kind == "Transient":
        return "TRANSIENT_BOUNCE"
    return "UNDETERMINED_BOUNCE"


def metric_events(message: SentMessage, events: Sequence[Event]) -> list[tuple[str, _dt.datetime]]:
    """Each VDM metric ``events`` (about ``message``, in order) count, with when it happened:
    the definitions of the module doc, before any dimension or date is applied."""
    if not tracked(message):
        return []
    counted: list[tuple[str, _dt.datetime]] = []
    opened = clicked = False
    html = None
    isp = isp_of(message.destinations[0])
    for event in events:
        if event.type == ev.SEND:
            counted.append(("SEND", event.timestamp))
        elif event.type == ev.DELIVERY:
            counted.append(("DELIVERY", event.timestamp))
            if html is None:
                html = bool(message.configuration_set) and bool(message.html)
            if html:
                counted += [("DELIVERY_OPEN", event.timestamp), ("DELIVERY_CLICK", event.timestamp)]
            if isp != "Gmail":
                counted.append(("DELIVERY_COMPLAINT", event.timestamp))
        elif event.type == ev.BOUNCE:
            kind = _bounce_kind(event)
            if kind in ("PERMANENT_BOUNCE", "TRANSIENT_BOUNCE"):
                counted.append((kind, event.timestamp))
        elif event.type == ev.COMPLAINT:
            if event.details.get("complaintSubType") not in _SUPPRESSED:
                counted.append(("COMPLAINT", event.timestamp))
        elif event.type == ev.OPEN and not opened:
            opened = True
            counted.append(("OPEN", event.timestamp))
        elif event.type == ev.CLICK and not clicked:
            clicked = True
            counted.append(("CLICK", event.timestamp))
    return counted


def dimension_values(message: SentMessage, dimension: str) -> tuple[str, ...]:
    """The values of ``dimension`` a message has: its sending identity (the From address
    and its domain: either names the identity), its configuration set, its recipient's ISP."""
    if dimension == "EMAIL_IDENTITY":
        address = _bare(message.source)
        return (address, address.rpartition("@")[2].lower()) if "@" in address else (address,)
    if dimension == "CONFIGURATION_SET":
        return (message.configuration_set,) if message.configuration_set else ()
    if dimension == "ISP":
        return tuple(isp_of(d) for d in message.destinations[:1])
    raise ValueError(f"unknown dimension {dimension!r}")


def _bare(address: str) -> str:
    match = re.search(r"<([^<>]*)>\s*$", address)
    return (match.group(1) if match else address).strip()


@dataclasses.dataclass(frozen=True)
class MetricRow:
    """One row of a metrics export: a day, one value per dimension asked, and the counts."""

    day: _dt.date
    dimensions: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, str, float | int], ...]  # (metric, aggregation, value): counts are ints


def daily_metrics(sent: Iterable[SentMessage], events: Iterable[Event], *, start: _dt.datetime,
                  end: _dt.datetime, metrics: Sequence[tuple[str, str]],
                  dimensions: Mapping[str, Sequence[str]]) -> list[MetricRow]:
    """The metrics ``metrics`` ((name, "VOLUME" or "RATE") pairs) per UTC day from ``start``'s
    day to ``end``'s, one row per day and combination of the ``dimensions`` values asked
    (values of one dimension each get their own row (?)), counting events between ``start``
    and ``end`` inclusive."""
    grouped = by_message(events)
    names = list(dimensions)
    combos = list(itertools.product(*(list(dict.fromkeys(dimensions[n])) for n in names)))
    counts: dict[tuple[_dt.date, tuple[str, ...]], dict[str, int]] = {}
    for message in sent:
        counted = metric_events(message, grouped.get(message.message_id, ()))
        if not counted:
            continue
        mine = [c for c in combos if all(_matches_dimension(message, n, v) for n, v in zip(names, c))]
        if not mine:
            continue
        for metric, when in counted:
            if start <= when <= end:
                for combo in mine:
                    slot = counts.setdefault((_at_day(when), combo), {})
                    slot[metric] = slot.get(metric, 0) + 1
    rows = []
    day, last = _at_day(start), _at_day(end)
    while day <= last:
        for combo in combos:
            slot = counts.get((day, combo), {})
            sends = slot.get("SEND", 0)
            values = tuple((metric, aggregation, _value(slot.get(metric, 0), sends, aggregation))
                           for metric, aggregation in metrics)
            rows.append(MetricRow(day, tuple(zip(names, combo)), values))
        day += _dt.timedelta(days=1)
    return rows


def _matches_dimension(message: SentMessage, name: str, wanted: str) -> bool:
    """Whether ``message`` has the value ``wanted`` of dimension ``name`` (queries and exports alike)."""
    if name == "TENANT_NAME":  # the send's tenant (botocore 1.43 SendEmail TenantName)
        return message.tenant == wanted
    if name == "EMAIL_IDENTITY":  # the From address or its domain, either case (floci probe, 2026-09-23)
        return wanted.lower() in (v.lower() for v in dimension_values(message, name))
    return wanted in dimension_values(message, name)


def _value(volume: int, sends: int, aggregation: str) -> float | int:
    if aggregation == "RATE":
        return volume / sends if sends else 0.0
    return volume


# -- message insights ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class RecipientInsight:
    """What SES knows of one message to one recipient (a row of a message insights export)."""

    message: SentMessage
    destination: str
    isp: str
    #: The latest delivery event by SES's order "SEND < BOUNCE < DELIVERY < COMPLAINT"
    #: (MessageInsightsFilters.LastDeliveryEvent), None if none yet.
    last_delivery_event: Optional[str]
    #: The latest engagement event by "OPEN < CLICK" (LastEngagementEvent), None if none.
    last_engagement_event: Optional[str]
    events: tuple[Event, ...]


def _names_recipient(event: Event, destination: str) -> bool:
    """Whether ``event`` is about ``destination``: events that list recipients name it;
    the others (Send, Open, Click, ...) are about every recipient of the message."""
    key = {ev.BOUNCE: "bouncedRecipients", ev.COMPLAINT: "complainedRecipients"}.get(event.type)
    if key is not None:
        named = [_bare(r.get("emailAddress", "")) for r in event.details.get(key) or []]
        return destination.lower() in (n.lower() for n in named)
    if event.type in (ev.DELIVERY, ev.DELIVERY_DELAY):
        listed = event.details.get("recipients") or [
            r.get("emailAddress", "") for r in event.details.get("delayedRecipients") or []]
        return not listed or destination.lower() in (_bare(n).lower() for n in listed)
    return True


def _delivery_name(event: Event) -> Optional[str]:
    if event.type == ev.SEND:
        return "SEND"
    if event.type == ev.DELIVERY:
        return "DELIVERY"
    if event.type == ev.BOUNCE:
        return _bounce_kind(event) or "PERMANENT_BOUNCE"
    if event.type == ev.COMPLAINT:
        return "COMPLAINT"
    return None


def recipient_insights(sent: Iterable[SentMessage], events: Iterable[Event], *,
                       start: _dt.datetime, end: _dt.datetime) -> list[RecipientInsight]:
    """One record per recipient of each message sent between ``start`` and ``end``
    (inclusive), in the order sent."""
    grouped = by_message(events)
    found = []
    for message in sent:
        if not start <= message.sent_at <= end:
            continue
        about = grouped.get(message.message_id, [])
        for destination in message.destinations:
            mine = tuple(e for e in about if _names_recipient(e, destination))
            delivery = [d for d in map(_delivery_name, mine) if d is not None]
            engagement = [e.type.upper() for e in mine if e.type in (ev.OPEN, ev.CLICK)]
            found.append(RecipientInsight(
                message, destination, isp_of(destination),
                max(delivery, key=_DELIVERY_RANK.__getitem__, default=None),
                max(engagement, key=_ENGAGEMENT_RANK.__getitem__, default=None), mine))
    return found


_DELIVERY_RANK = {"SEND": 0, "TRANSIENT_BOUNCE": 1, "PERMANENT_BOUNCE": 1, "UNDETERMINED_BOUNCE": 1,
                  "DELIVERY": 2, "COMPLAINT": 3}  # SEND < BOUNCE < DELIVERY < COMPLAINT
_ENGAGEMENT_RANK = {"OPEN": 0, "CLICK": 1}  # OPEN < CLICK


def wildcard(pattern: str, value: str) -> bool:
    """MessageInsightsFilters' matching: ``*`` at the start (suffix match), the end (prefix
    match) or both (contains); ``\\*`` and ``\\\\`` are the literal characters; otherwise an
    exact, case-sensitive match (v2 reference, MessageInsightsFilters)."""
    lead = pattern.startswith("*")
    body = pattern[1:] if lead else pattern
    trail = body.endswith("*") and not body.endswith("\\*")
    if trail:
        body = body[:-1]
    literal = re.sub(r"\\([*\\])", r"\1", body)
    if lead and trail:
        return literal in value
    if lead:
        return value.endswith(literal)
    if trail:
        return value.startswith(literal)
    return value == literal


_PARTIAL = ("FromEmailAddress", "Destination", "Subject")


def _field(record: RecipientInsight, name: str) -> Optional[str]:
    return {
        "FromEmailAddress": record.message.source, "Destination": record.destination,
        "Subject": record.message.subject, "Isp": record.isp,
        "LastDeliveryEvent": record.last_delivery_event, "LastEngagementEvent": record.last_engagement_event,
    }[name]


def _matches(record: RecipientInsight, filters: Mapping[str, Sequence[str]]) -> bool:
    for name, values in filters.items():
        if not values:
            continue
        value = _field(record, name)
        if value is None:
            return False
        test = wildcard if name in _PARTIAL else (lambda wanted, got: wanted == got)
        if not any(test(wanted, value) for wanted in values):
            return False
    return True


def filtered(records: Iterable[RecipientInsight], include: Optional[Mapping[str, Sequence[str]]] = None,
             exclude: Optional[Mapping[str, Sequence[str]]] = None) -> list[RecipientInsight]:
    """The records ``include`` keeps and ``exclude`` does not drop: filters joined by AND,
    values of one filter by OR (v2 reference, MessageInsightsFilters). An exclude filter
    drops a record that matches all its filters (?)."""
    kept = []
    for record in records:
        if include and not _matches(record, include):
            continue
        if exclude and any(exclude.values()) and _matches(record, exclude):
            continue
        kept.append(record)
    return kept


# -- the VDM read side: BatchGetMetricData and GetMessageInsights --------------------------------
# (fakeses/api/insights.py; sources in docs/fidelity.md "Metrics, insights and recommendations")

#: The metrics VDM counts only where engagement tracking is on (DashboardAttributes /
#: DashboardOptions EngagementMetrics: "opens and clicks", developer guide vdm-settings) (?).
ENGAGEMENT = ("OPEN", "CLICK")


def metric_series(sent: Iterable[SentMessage], events: Iterable[Event], *, metric: str,
                  dimensions: Mapping[str, str], start: _dt.datetime, end: _dt.datetime,
                  engaged: Callable[[SentMessage], bool] = lambda _: True) -> list[tuple[_dt.datetime, int]]:
    """One BatchGetMetricData query: ``metric``'s count per UTC day, for the messages whose
    every ``dimensions`` value matches, over events from ``start`` (inclusive) to ``end``
    (exclusive), as (midnight of the day, count) pairs in day order; days with nothing are
    left out (floci's probes of SES, 2026-09-23). OPEN and CLICK count only for messages
    ``engaged`` says had engagement tracking on."""
    grouped = by_message(events)
    counts: dict[_dt.date, int] = {}
    for message in sent:
        if not all(_matches_dimension(message, n, v) for n, v in dimensions.items()):
            continue
        if metric in ENGAGEMENT and not engaged(message):
            continue
        for name, when in metric_events(message, grouped.get(message.message_id, ())):
            if name == metric and start <= when < end:
                counts[_at_day(when)] = counts.get(_at_day(when), 0) + 1
    return [(_dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc), n) for d, n in sorted(counts.items())]


#: Event types as GetMessageInsights spells them (the model's EventType enum).
INSIGHT_TYPES = {ev.SEND: "SEND", ev.REJECT: "REJECT", ev.BOUNCE: "BOUNCE", ev.COMPLAINT: "COMPLAINT",
                 ev.DELIVERY: "DELIVERY", ev.OPEN: "OPEN", ev.CLICK: "CLICK",
                 ev.RENDERING_FAILURE: "RENDERING_FAILURE", ev.DELIVERY_DELAY: "DELIVERY_DELAY",
                 ev.SUBSCRIPTION: "SUBSCRIPTION"}


@dataclasses.dataclass(frozen=True)
class InsightEvent:
    """One event of a message to one recipient as GetMessageInsights lists it."""

    timestamp: _dt.datetime
    type: str  # INSIGHT_TYPES' values
    #: Bounce: (BounceType, BounceSubType, DiagnosticCode); Complaint: (ComplaintSubType,
    #: ComplaintFeedbackType); None otherwise.
    bounce: Optional[tuple[str, Optional[str], Optional[str]]] = None
    complaint: Optional[tuple[Optional[str], Optional[str]]] = None


def message_insights(message: SentMessage, events: Sequence[Event]) -> list[tuple[str, str, list[InsightEvent]]]:
    """GetMessageInsights' ``Insights``: per recipient of ``message`` (in the order sent),
    its address, its ISP and the events about it in the order SES reported them; the records
    of ``recipient_insights``, so an export and this operation cannot disagree."""
    records = recipient_insights([message], events, start=message.sent_at, end=message.sent_at)
    return [(r.destination, r.isp, [_insight_event(e, r.destination) for e in r.events]) for r in records]


def _insight_event(event: Event, destination: str) -> InsightEvent:
    name = INSIGHT_TYPES.get(event.type, event.type.upper())
    if event.type == ev.BOUNCE:
        mine = [r for r in event.details.get("bouncedRecipients") or []
                if _bare(r.get("emailAddress", "")).lower() == destination.lower()]
        return InsightEvent(event.timestamp, name, bounce=(
            str(event.details.get("bounceType") or "Undetermined").upper(), event.details.get("bounceSubType"),
            mine[0].get("diagnosticCode") if mine else None))
    if event.type == ev.COMPLAINT:
        return InsightEvent(event.timestamp, name, complaint=(
            event.details.get("complaintSubType"), event.details.get("complaintFeedbackType")))
    return InsightEvent(event.timestamp, name)
# -- Deliverability dashboard: domain statistics and campaigns ------------------------------
#
# GetDomainStatisticsReport and the campaign operations (fakeses/api/deliverability.py) read
# the same record. What the dashboard reports per recipient is where a delivered message
# landed (inbox or spam) and whether it was read; real SES learns it from a panel of
# mailboxes, fakeses from the placement a test set (fakeses/domain/deliverability.py:
# Observations; default everything in the inbox). These functions are separate from the
# VDM metrics above and share only isp_of, _bare and by_message.

INBOX, SPAM, MISSING = "INBOX", "SPAM", "MISSING"
#: The operation a predictive inbox placement test's message is recorded with: its seed
#: mailboxes are not the domain's recipients, so it counts in no domain report (?).
TEST_REPORT_OPERATION = "CreateDeliverabilityTestReport"


@dataclasses.dataclass(frozen=True)
class Landing:
    """One recipient's delivery of a message from a dashboard domain, and where it landed."""

    message: SentMessage
    recipient: str
    isp: str
    at: _dt.datetime  # the Delivery event's time
    folder: str  # INBOX, SPAM or MISSING
    read: bool


def apportion(count: int, shares: tuple[float, float, float]) -> list[str]:
    """The folders of ``count`` successive deliveries to one ISP whose placement is
    ``shares`` (inbox, spam, missing percent): each goes to the folder furthest below its
    share so far (ties: inbox, then spam), so after any number of deliveries each folder
    holds its share within one message, and every delivery is in exactly one folder."""
    folders = (INBOX, SPAM, MISSING)
    held = [0, 0, 0]
    out = []
    for k in range(1, count + 1):
        deficits = [k * share / 100 - h for share, h in zip(shares, held)]
        pick = max(range(3), key=lambda i: (deficits[i], -i))
        held[pick] += 1
        out.append(folders[pick])
    return out


def from_domain(message: SentMessage, domain: str) -> bool:
    """Whether ``message`` was sent from ``domain`` or one of its subdomains (?)."""
    sender = _bare(message.source).rpartition("@")[2].lower()
    domain = domain.lower()
    return sender == domain or sender.endswith("." + domain)


def landings(sent: Iterable[SentMessage], events: Iterable[Event], domain: str,
             placement: Callable[[str], tuple[float, float, float]]) -> list[Landing]:
    """Every delivery (Delivery event, per recipient) of the messages sent from ``domain``,
    in delivery order, with its folder. The mailbox simulator's recipients and the seed
    messages of placement tests are left out. ``placement(isp)`` gives an ISP's shares."""
    grouped = by_message(events)
    found: list[tuple[_dt.datetime, SentMessage, str, int]] = []
    for message in sent:
        if message.operation == TEST_REPORT_OPERATION or not from_domain(message, domain):
            continue
        about = grouped.get(message.message_id, [])
        opens = sum(1 for e in about if e.type == ev.OPEN)
        for event in about:
            if event.type != ev.DELIVERY:
                continue
            for recipient in event.details.get("recipients") or message.destinations:
                bare = _bare(recipient)
                if is_simulator(bare):
                    continue
                found.append((event.timestamp, message, bare, opens))
    found.sort(key=lambda item: item[0])
    by_isp: dict[str, list[int]] = {}
    for index, (_, _, recipient, _) in enumerate(found):
        by_isp.setdefault(isp_of(recipient), []).append(index)
    folder = [""] * len(found)
    for isp, indexes in by_isp.items():
        for index, name in zip(indexes, apportion(len(indexes), placement(isp))):
            folder[index] = name
    # An Open event is about the message, not a recipient: a message opened n times is read
    # by its first n recipients in the inbox (?).
    reads_left: dict[str, int] = {}
    out = []
    for (at, message, recipient, opens), name in zip(found, folder):
        left = reads_left.setdefault(message.message_id, opens)
        read = name == INBOX and left > 0
        if read:
            reads_left[message.message_id] = left - 1
        out.append(Landing(message, recipient, isp_of(recipient), at, name, read))
    return out


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _volume(items: Sequence[Landing]) -> dict[str, int]:
    inbox = sum(1 for i in items if i.folder == INBOX)
    spam = sum(1 for i in items if i.folder == SPAM)
    # Raw counts are what the panel saw; fakeses sees every recipient, so the projection
    # over the whole volume equals them (?).
    return {"InboxRawCount": inbox, "SpamRawCount": spam, "ProjectedInbox": inbox, "ProjectedSpam": spam}


def _isp_placements(items: Sequence[Landing]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for isp in sorted({i.isp for i in items}):
        mine = [i for i in items if i.isp == isp]
        inbox = sum(1 for i in mine if i.folder == INBOX)
        spam = sum(1 for i in mine if i.folder == SPAM)
        out.append({"IspName": isp, "InboxRawCount": inbox, "SpamRawCount": spam,
                    "InboxPercentage": _percent(inbox, len(mine)), "SpamPercentage": _percent(spam, len(mine))})
    return out


def domain_statistics(found: Sequence[Landing], *, start: _dt.datetime, end: _dt.datetime) -> dict[str, object]:
    """GetDomainStatisticsReport from :func:`landings`: the deliveries on the days from
    ``start``'s to ``end``'s (UTC, inclusive), overall and one DailyVolume per day.

    ReadRatePercent: recipients who read the message per recipient in the inbox.
    """
    first, last = _at_day(start), _at_day(end)
    within = [i for i in found if first <= _at_day(i.at) <= last]
    inbox = sum(1 for i in within if i.folder == INBOX)
    daily = []
    day = first
    while day <= last:
        mine = [i for i in within if _at_day(i.at) == day]
        daily.append({"StartDate": _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc),
                      "VolumeStatistics": _volume(mine), "DomainIspPlacements": _isp_placements(mine)})
        day += _dt.timedelta(days=1)
    return {
        "OverallVolume": {"VolumeStatistics": _volume(within),
                          "ReadRatePercent": _percent(sum(1 for i in within if i.read), inbox),
                          "DomainIspPlacements": _isp_placements(within)},
        "DailyVolumes": daily,
    }


@dataclasses.dataclass(frozen=True)
class Campaign:
    """Messages from one address with one subject: what the dashboard calls a campaign (?)."""

    key: tuple[str, str]  # (from address lower-cased, subject)
    from_address: str
    subject: str
    messages: tuple[SentMessage, ...]
    landings: tuple[Landing, ...]


def campaigns(sent: Iterable[SentMessage], found: Sequence[Landing], domain: str, *,
              start: Optional[_dt.datetime] = None, end: Optional[_dt.datetime] = None) -> list[Campaign]:
    """The campaigns of ``domain`` with a message sent between ``start`` and ``end``
    (inclusive; None: any time), first sent first, counting only those messages."""
    def within(message: SentMessage) -> bool:
        return (start is None or message.sent_at >= start) and (end is None or message.sent_at <= end)

    groups: dict[tuple[str, str], list[SentMessage]] = {}
    for message in sent:
        if message.operation == TEST_REPORT_OPERATION or not from_domain(message, domain) or not within(message):
            continue
        address = _bare(message.source)
        groups.setdefault((address.lower(), message.subject or ""), []).append(message)
    by_message: dict[str, list[Landing]] = {}
    for landing in found:
        by_message.setdefault(landing.message.message_id, []).append(landing)
    return [Campaign(key, _bare(messages[0].source), key[1], tuple(messages),
                     tuple(x for m in messages for x in by_message.get(m.message_id, [])))
            for key, messages in groups.items()]


def campaign_fields(campaign: Campaign) -> dict[str, object]:
    """A campaign's DomainDeliverabilityCampaign fields (CampaignId aside).

    FirstSeen/LastSeen: the first and last delivery to an inbox (left out when none);
    ProjectedVolume: the campaign's recipients (the simulator's left out); ReadRate per
    recipient in the inbox; DeleteRate and ReadDeleteRate: fakeses records no deletions,
    so none were seen (0.0) (?); Esps: the ISPs delivered to. SendingIps and ImageUrl are
    left out: the fake has no sending IPs nor a rendered snapshot (?).
    """
    inbox = [i for i in campaign.landings if i.folder == INBOX]
    recipients = sum(1 for m in campaign.messages for d in m.destinations
                     if not is_simulator(_bare(d)))
    return {
        "Subject": campaign.subject,
        "FromAddress": campaign.from_address,
        "FirstSeenDateTime": min(i.at for i in inbox) if inbox else None,
        "LastSeenDateTime": max(i.at for i in inbox) if inbox else None,
        "InboxCount": len(inbox),
        "SpamCount": sum(1 for i in campaign.landings if i.folder == SPAM),
        "ReadRate": _percent(sum(1 for i in inbox if i.read), len(inbox)),
        "DeleteRate": 0.0,
        "ReadDeleteRate": 0.0,
        "ProjectedVolume": recipients,
        "Esps": sorted({i.isp for i in campaign.landings}),
    }
