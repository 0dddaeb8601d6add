"""Deliverability dashboard data: predictive inbox placement tests, blocklist reports,
domain statistics and campaigns (v2).

Every operation here needs the dashboard subscription (PutDeliverabilityDashboardOption,
fakeses/api/account.py); the domain operations need the domain subscribed. The rules,
their sources and what a test can set are in fakeses/domain/deliverability.py; the
statistics and campaigns are computed in fakeses/domain/insights.py from what was sent.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from ..domain import deliverability as dd
from ..domain import ids, insights
from ..domain.errors import BadRequest
from ..domain.pages import page
from ..domain.sending import V2_MAX_SIZE, Outgoing, raw_outgoing, send
from ..domain.state import Backend
from ..domain.templated import parse_data, personalize
from . import operation
from .sending import _attachment, _outgoing_simple
from .tags import given, listing
from .templated import _destination, template_for

OPERATION = insights.TEST_REPORT_OPERATION
#: ListDeliverabilityTestReports' PageSize "has to be at least 0, and can be no more than
#: 1000" (seed 001); the default is not documented (?). The campaign list follows it (?).
MAX_PAGE, DEFAULT_PAGE = 1000, 1000


def _dashboard(backend: Backend) -> dd.Dashboard:
    dashboard = backend.account.dashboard
    dashboard.require(backend.account_id)
    return dashboard


def _page_size(size: Optional[int]) -> int:
    if size is None or size == 0:  # 0 is allowed by the range and would never advance (?)
        return DEFAULT_PAGE
    if not 0 <= size <= MAX_PAGE:
        raise BadRequest(message=f"PageSize must be between 0 and {MAX_PAGE}.")  # text not recorded (?)
    return size


def _seed_outgoing(backend: Backend, content: dict[str, Any], source: str) -> Outgoing:
    """The test's message, addressed to the seed list."""
    seeds = list(dd.SEED_LIST)
    if content.get("Raw") is not None:
        out = raw_outgoing(content["Raw"]["Data"], operation=OPERATION, service="sesv2", source=source,
                           destinations=seeds, max_size=V2_MAX_SIZE)
    elif content.get("Simple") is not None:
        message = content["Simple"]
        out = _outgoing_simple(
            "sesv2", message, source, {"ToAddresses": seeds}, None, None, None, None, V2_MAX_SIZE,
            headers=[(h["Name"], h["Value"]) for h in message.get("Headers") or []],
            attachments=[_attachment(a) for a in message.get("Attachments") or []])
        out.operation = OPERATION
    elif content.get("Template") is not None:
        template = content["Template"]
        stored = template_for(backend, template)
        out = _destination("sesv2", OPERATION, source, {"ToAddresses": seeds}, template=stored.name or None,
                           max_size=V2_MAX_SIZE)
        data = parse_data(template.get("TemplateData"))
        out = personalize(out, stored, data, headers=[(h["Name"], h["Value"]) for h in template.get("Headers") or []],
                          attachments=[_attachment(a) for a in template.get("Attachments") or []])
        out.template_data = data
    else:
        raise BadRequest(message="")  # as SendEmail without content (fakeses/api/sending.py)
    out.to_seed_list = True
    return out


@operation("sesv2", "CreateDeliverabilityTestReport")
def create_deliverability_test_report(
    backend: Backend, *, FromEmailAddress: str, Content: dict[str, Any], ReportName: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None,
) -> dict[str, Any]:
    dashboard = _dashboard(backend)
    tags = given(Tags)
    # Sent through the normal send path: the sender must be verified (MessageRejected),
    # the quota counts each seed recipient, the record shows the message (seed 001 lists
    # MessageRejected, MailFromDomainNotVerifiedException and SendingPausedException).
    message = send(backend, _seed_outgoing(backend, Content, FromEmailAddress))
    observed = dashboard.observations
    placements = {isp: observed.placement(isp) for isp in dict.fromkeys(insights.isp_of(a) for a in dd.SEED_LIST)}
    report = dashboard.reports.add(ReportName, FromEmailAddress, message, tags, placements)
    # "If the status is IN_PROGRESS, then the predictive inbox placement test is currently
    # running" (seed 001): a test that was just created is.
    return {"ReportId": report.report_id, "DeliverabilityTestStatus": dd.IN_PROGRESS}


def _summary(report: dd.TestReport) -> dict[str, Any]:
    return {"ReportId": report.report_id, "ReportName": report.name, "Subject": report.subject,
            "FromEmailAddress": report.from_address, "CreateDate": report.created,
            "DeliverabilityTestStatus": report.status()}


def _statistics(placement: dd.Placement, spf: float, dkim: float) -> dict[str, float]:
    return {"InboxPercentage": placement.inbox, "SpamPercentage": placement.spam,
            "MissingPercentage": placement.missing, "SpfPercentage": spf, "DkimPercentage": dkim}


@operation("sesv2", "GetDeliverabilityTestReport")
def get_deliverability_test_report(backend: Backend, *, ReportId: str) -> dict[str, Any]:
    report = _dashboard(backend).reports.require(ReportId)
    message: Any = report.message
    # SPF counts as passing when the message left with the sender's own MAIL FROM domain
    # (aligned SPF), DKIM when the sender's domain signed it (fakeses/domain/dkim.py) (?).
    spf = 100.0 if message.mail_from_domain else 0.0
    dkim = 100.0 if message.dkim_domain else 0.0
    isps = list(report.placements.items())
    count = len(isps) or 1
    overall = dd.Placement(sum(p.inbox for _, p in isps) / count, sum(p.spam for _, p in isps) / count,
                           sum(p.missing for _, p in isps) / count)
    return {
        "DeliverabilityTestReport": _summary(report),
        "OverallPlacement": _statistics(overall, spf, dkim),
        "IspPlacements": [{"IspName": isp, "PlacementStatistics": _statistics(p, spf, dkim)} for isp, p in isps],
        "Message": message.raw.decode("utf-8", "replace"),
        "Tags": listing(report.tags),
    }


@operation("sesv2", "ListDeliverabilityTestReports")
def list_deliverability_test_reports(backend: Backend, *, NextToken: Optional[str] = None,
                                     PageSize: Optional[int] = None) -> dict[str, Any]:
    reports = _dashboard(backend).reports.all()
    items, following = page(reports, NextToken, _page_size(PageSize))
    return {"DeliverabilityTestReports": [_summary(r) for r in items], "NextToken": following}


@operation("sesv2", "GetBlacklistReports")
def get_blacklist_reports(backend: Backend, *, BlacklistItemNames: list[str]) -> dict[str, Any]:
    listed = _dashboard(backend).observations.blacklists
    # Each item asked is a key; one on no blocklist has an empty list (?).
    return {"BlacklistReport": {
        item: [{"RblName": e.rbl_name, "ListingTime": e.listing_time, "Description": e.description}
               for e in listed.get(item, [])]
        for item in BlacklistItemNames}}


def _landings(backend: Backend, domain: str) -> list[insights.Landing]:
    observed = backend.account.dashboard.observations

    def shares(isp: str) -> tuple[float, float, float]:
        p = observed.placement(isp)
        return p.inbox, p.spam, p.missing

    return insights.landings(insights.sent_by(backend), list(backend.world.events), domain, shares)


def _campaign(domain: str, campaign: insights.Campaign) -> dict[str, Any]:
    return {"CampaignId": _campaign_id(domain, campaign), **insights.campaign_fields(campaign)}


def _campaign_id(domain: str, campaign: insights.Campaign) -> str:
    return ids.campaign_id(domain.lower(), *campaign.key)


@operation("sesv2", "GetDomainStatisticsReport")
def get_domain_statistics_report(backend: Backend, *, Domain: str, StartDate: _dt.datetime,
                                 EndDate: _dt.datetime) -> dict[str, Any]:
    dd.check_range(StartDate, EndDate)
    backend.account.dashboard.require_domain(backend.account_id, Domain)
    return insights.domain_statistics(_landings(backend, Domain), start=StartDate, end=EndDate)


@operation("sesv2", "ListDomainDeliverabilityCampaigns")
def list_domain_deliverability_campaigns(
    backend: Backend, *, StartDate: _dt.datetime, EndDate: _dt.datetime, SubscribedDomain: str,
    NextToken: Optional[str] = None, PageSize: Optional[int] = None,
) -> dict[str, Any]:
    dd.check_range(StartDate, EndDate)
    backend.account.dashboard.require_domain(backend.account_id, SubscribedDomain)
    found = insights.campaigns(insights.sent_by(backend), _landings(backend, SubscribedDomain), SubscribedDomain,
                               start=StartDate, end=EndDate)
    items, following = page(found, NextToken, _page_size(PageSize))
    return {"DomainDeliverabilityCampaigns": [_campaign(SubscribedDomain, c) for c in items], "NextToken": following}


@operation("sesv2", "GetDomainDeliverabilityCampaign")
def get_domain_deliverability_campaign(backend: Backend, *, CampaignId: str) -> dict[str, Any]:
    dashboard = _dashboard(backend)
    # Only the campaigns of subscribed domains are known to the dashboard (seed 001).
    for subscription in dashboard.active() + dashboard.expiring():
        domain = subscription.domain
        for campaign in insights.campaigns(insights.sent_by(backend), _landings(backend, domain), domain):
            if _campaign_id(domain, campaign) == CampaignId:
                return {"DomainDeliverabilityCampaign": _campaign(domain, campaign)}
    raise dd.CampaignNotFound(campaign_id=CampaignId)
