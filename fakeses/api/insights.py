"""Virtual Deliverability Manager: v2 BatchGetMetricData, GetMessageInsights,
GetEmailAddressInsights and ListRecommendations.

What is counted: fakeses/domain/insights.py (the same functions export jobs use); the VDM
gate, the Advisor and the address checks: fakeses/domain/vdm.py; sources in
docs/fidelity.md "Metrics, insights and recommendations".
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..domain import insights, pages, vdm
from ..domain.event_json import automatic_tags
from ..domain.state import Backend
from . import operation


@operation("sesv2", "BatchGetMetricData")
def batch_get_metric_data(backend: Backend, *, Queries: list[dict[str, Any]]) -> dict[str, Any]:
    vdm.require_enabled(backend)
    vdm.check_queries(Queries)
    sent, events, engaged = insights.sent_by(backend), list(backend.world.events), vdm.engagement_tracked(backend)
    results = []
    for query in Queries:
        series = insights.metric_series(sent, events, metric=query["Metric"], dimensions=query.get("Dimensions") or {},
                                        start=query["StartDate"], end=query["EndDate"], engaged=engaged)
        results.append({"Id": query["Id"], "Timestamps": [day for day, _ in series],
                        "Values": [count for _, count in series]})
    # Both lists always present; no probe ever saw a per-query error (floci, 2026-09-23).
    return {"Results": results, "Errors": []}


# SES's message ids: {4 hex}{12 hex}-{uuid}-000000 (fact F4); anything else is malformed.
_MESSAGE_ID = re.compile(r"[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9]{6}")


@operation("sesv2", "GetMessageInsights")
def get_message_insights(backend: Backend, *, MessageId: str) -> dict[str, Any]:
    vdm.require_enabled(backend)
    if not _MESSAGE_ID.fullmatch(MessageId):
        raise vdm.InvalidMessageId(message_id=MessageId)
    message = backend.world.message(MessageId)
    if message is None or message.account_id != backend.account_id or message.region != backend.region:
        raise vdm.MessageNotFound(message_id=MessageId, account_id=backend.account_id)
    events = backend.world.events_about(MessageId)
    out: dict[str, Any] = {"MessageId": MessageId, "FromEmailAddress": message.source,
                           "Subject": message.subject or None, "EmailTags": _tags(events),
                           "Insights": [{"Destination": destination, "Isp": isp,
                                         "Events": [_event(e) for e in found]}
                                        for destination, isp, found in insights.message_insights(message, events)]}
    return out


def _tags(events: list[Any]) -> list[dict[str, str]]:
    # "The tags ... applied to the email you sent, along with Amazon SES Auto-Tags" (seed
    # 001): the ses: tags of its Send event, then its own, one value each.
    send = next((e for e in events if e.type == "Send"), None)
    if send is None:
        return []
    tags = automatic_tags(send, send.message.configuration_set or "")
    if not send.message.configuration_set:
        tags.pop("ses:configuration-set", None)
    return [{"Name": name, "Value": values[0]} for name, values in tags.items() if values]


def _event(event: insights.InsightEvent) -> dict[str, Any]:
    out: dict[str, Any] = {"Timestamp": event.timestamp, "Type": event.type}
    if event.bounce is not None:
        kind, sub, diagnostic = event.bounce
        out["Details"] = {"Bounce": {"BounceType": kind, "BounceSubType": sub, "DiagnosticCode": diagnostic}}
    elif event.complaint is not None:
        sub, feedback = event.complaint
        out["Details"] = {"Complaint": {"ComplaintSubType": sub, "ComplaintFeedbackType": feedback}}
    return out


@operation("sesv2", "GetEmailAddressInsights")
def get_email_address_insights(backend: Backend, *, EmailAddress: str) -> dict[str, Any]:
    verdicts = vdm.address_insights(backend, EmailAddress)
    valid = verdicts.pop("IsValid")
    return {"MailboxValidation": {
        "IsValid": {"ConfidenceVerdict": valid},
        "Evaluations": {name: {"ConfidenceVerdict": verdict} for name, verdict in verdicts.items()}}}


@operation("sesv2", "ListRecommendations")
def list_recommendations(backend: Backend, *, Filter: Optional[dict[str, str]] = None,
                         NextToken: Optional[str] = None, PageSize: Optional[int] = None) -> dict[str, Any]:
    vdm.require_enabled(backend)
    if PageSize is not None and not 1 <= PageSize <= 100:
        raise vdm.RecommendationsPageSizeOutOfRange()
    every = backend.recommendations.refresh(vdm.findings(backend))
    found, token = pages.page(vdm.filtered(every, Filter or {}), NextToken, PageSize or 100)
    return {"Recommendations": [
        {"ResourceArn": r.finding.resource_arn, "Type": r.finding.type, "Description": r.finding.description,
         "Status": r.status, "CreatedTimestamp": r.created_at, "LastUpdatedTimestamp": r.updated_at,
         "Impact": r.finding.impact} for r in found], "NextToken": token}
