"""v2 account settings through boto3, each reflected where SES reports it.

PutAccountVdmAttributes, PutAccountDedicatedIpWarmupAttributes, PutAccountDeliveryAttributes
(botocore 1.44.6+), PutAccountPricingAttributes (1.43.52+) in GetAccount; the Deliverability
dashboard; UpdateConfigurationSet (1.43.86+) in GetConfigurationSet. A test of an operation
the installed botocore lacks (the test-async environment's) skips. Sources are beside the
code (fakeses/domain/account.py, fakeses/domain/deliverability.py).
"""
from __future__ import annotations

import datetime as dt

from support.clients import body, refusal
from support.model import needs_operation

UTC = dt.timezone.utc



def test_vdm_attributes_are_absent_until_configured_then_reported(v2, ses_backend):
    assert "VdmAttributes" not in v2.get_account()
    assert body(v2.put_account_vdm_attributes(VdmAttributes={
        "VdmEnabled": "ENABLED", "DashboardAttributes": {"EngagementMetrics": "ENABLED"}})) == {}
    assert v2.get_account()["VdmAttributes"] == {
        "VdmEnabled": "ENABLED", "DashboardAttributes": {"EngagementMetrics": "ENABLED"},
        "GuardianAttributes": {"OptimizedSharedDelivery": "DISABLED"}}


def test_disabled_vdm_reports_only_its_switch(v2, ses_backend):
    v2.put_account_vdm_attributes(VdmAttributes={
        "VdmEnabled": "DISABLED", "GuardianAttributes": {"OptimizedSharedDelivery": "ENABLED"}})
    assert v2.get_account()["VdmAttributes"] == {"VdmEnabled": "DISABLED"}


def test_vdm_attributes_are_kept_per_region(v2, ses_backend):
    v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    assert ses_backend.backend(region="eu-west-1").account.vdm_attributes() is None


def test_dedicated_ip_auto_warmup_is_switched_off_and_on(v2, ses_backend):
    assert v2.get_account()["DedicatedIpAutoWarmupEnabled"] is True
    assert body(v2.put_account_dedicated_ip_warmup_attributes(AutoWarmupEnabled=False)) == {}
    assert v2.get_account()["DedicatedIpAutoWarmupEnabled"] is False
    v2.put_account_dedicated_ip_warmup_attributes(AutoWarmupEnabled=True)
    assert v2.get_account()["DedicatedIpAutoWarmupEnabled"] is True
    v2.put_account_dedicated_ip_warmup_attributes()  # left out: off
    assert v2.get_account()["DedicatedIpAutoWarmupEnabled"] is False


def test_shared_pool_delivery_mode_is_reported_once_put(v2, ses_backend):
    needs_operation("sesv2", "PutAccountDeliveryAttributes")
    assert "DeliveryAttributes" not in v2.get_account()
    assert body(v2.put_account_delivery_attributes(SharedPoolDeliveryMode="REGIONAL")) == {}
    assert v2.get_account()["DeliveryAttributes"] == {"SharedPoolDeliveryMode": "REGIONAL"}


def test_a_pricing_plan_takes_effect_at_the_next_monthly_cycle(v2, ses_backend, fixed_clock):
    needs_operation("sesv2", "PutAccountPricingAttributes")
    fixed_clock(dt.datetime(2026, 3, 5, 8, tzinfo=UTC))
    assert "PricingAttributes" not in v2.get_account()
    assert body(v2.put_account_pricing_attributes(Plan="PRO")) == {}
    assert v2.get_account()["PricingAttributes"] == {"CurrentPlan": "NONE", "NextPlan": "PRO"}
    fixed_clock(dt.datetime(2026, 3, 31, 23, 59, tzinfo=UTC))
    assert v2.get_account()["PricingAttributes"] == {"CurrentPlan": "NONE", "NextPlan": "PRO"}
    fixed_clock(dt.datetime(2026, 4, 1, 0, 0, 1, tzinfo=UTC))
    assert v2.get_account()["PricingAttributes"] == {"CurrentPlan": "PRO"}


def test_asking_for_the_plan_in_force_cancels_a_scheduled_change(v2, ses_backend, fixed_clock):
    needs_operation("sesv2", "PutAccountPricingAttributes")
    fixed_clock(dt.datetime(2026, 12, 5, tzinfo=UTC))
    v2.put_account_pricing_attributes(Plan="ESSENTIALS")
    v2.put_account_pricing_attributes(Plan="NONE")
    assert v2.get_account()["PricingAttributes"] == {"CurrentPlan": "NONE"}
    v2.put_account_pricing_attributes(Plan="ENTERPRISE")
    fixed_clock(dt.datetime(2027, 1, 1, 0, 0, 1, tzinfo=UTC))  # December's next cycle is January
    assert v2.get_account()["PricingAttributes"] == {"CurrentPlan": "ENTERPRISE"}


def test_the_dashboard_starts_disabled(v2, ses_backend):
    assert body(v2.get_deliverability_dashboard_options()) == {
        "DashboardEnabled": False, "AccountStatus": "DISABLED",
        "ActiveSubscribedDomains": [], "PendingExpirationSubscribedDomains": []}


def test_enabling_the_dashboard_subscribes_verified_domains(v2, ses_backend, fixed_clock):
    fixed_clock(dt.datetime(2026, 3, 5, 8, tzinfo=UTC))
    v2.create_email_identity(EmailIdentity="example.com")
    tracking = {"Global": True, "TrackedIsps": ["Gmail"]}
    assert body(v2.put_deliverability_dashboard_option(DashboardEnabled=True, SubscribedDomains=[
        {"Domain": "example.com", "InboxPlacementTrackingOption": tracking}])) == {}
    options = body(v2.get_deliverability_dashboard_options())
    [domain] = options.pop("ActiveSubscribedDomains")
    assert options == {"DashboardEnabled": True, "AccountStatus": "ACTIVE", "PendingExpirationSubscribedDomains": []}
    assert domain["Domain"] == "example.com" and domain["InboxPlacementTrackingOption"] == tracking
    assert dt.datetime(2026, 3, 5, 8, tzinfo=UTC) <= domain["SubscriptionStartDate"] < dt.datetime(
        2026, 3, 5, 8, 1, tzinfo=UTC)


def test_a_domain_that_is_not_a_verified_domain_identity_is_not_found(v2, ses_backend):
    v2.create_email_identity(EmailIdentity="ann@example.com")
    for domain in ("unknown.example", "ann@example.com"):
        assert refusal(v2.put_deliverability_dashboard_option, DashboardEnabled=True,
                       SubscribedDomains=[{"Domain": domain}]) == (
            404, "NotFoundException", f"Domain {domain} is not a verified domain identity in this account.")
    assert v2.get_deliverability_dashboard_options()["AccountStatus"] == "DISABLED"


def test_a_subscribed_domain_without_a_domain_is_a_bad_request(v2, ses_backend):
    assert refusal(v2.put_deliverability_dashboard_option, DashboardEnabled=True,
                   SubscribedDomains=[{"InboxPlacementTrackingOption": {"Global": True}}]) == (
        400, "BadRequestException", "Domain must be specified for each subscribed domain.")


def test_turning_the_dashboard_off_lets_it_run_to_the_end_of_the_month(v2, ses_backend, fixed_clock):
    fixed_clock(dt.datetime(2026, 3, 5, 8, tzinfo=UTC))
    v2.create_email_identity(EmailIdentity="example.com")
    v2.put_deliverability_dashboard_option(DashboardEnabled=True, SubscribedDomains=[{"Domain": "example.com"}])
    v2.put_deliverability_dashboard_option(DashboardEnabled=False)
    options = v2.get_deliverability_dashboard_options()
    assert (options["DashboardEnabled"], options["AccountStatus"], options["SubscriptionExpiryDate"]) == (
        False, "PENDING_EXPIRATION", dt.datetime(2026, 4, 1, tzinfo=UTC))
    assert [d["Domain"] for d in options["PendingExpirationSubscribedDomains"]] == ["example.com"]
    assert options["ActiveSubscribedDomains"] == []
    fixed_clock(dt.datetime(2026, 4, 1, 0, 0, 1, tzinfo=UTC))
    assert body(v2.get_deliverability_dashboard_options()) == {
        "DashboardEnabled": False, "AccountStatus": "DISABLED",
        "ActiveSubscribedDomains": [], "PendingExpirationSubscribedDomains": []}


def test_a_domain_dropped_from_an_enabled_dashboard_expires_at_the_end_of_the_month(v2, ses_backend, fixed_clock):
    fixed_clock(dt.datetime(2026, 3, 5, 8, tzinfo=UTC))
    for domain in ("a.example", "b.example"):
        v2.create_email_identity(EmailIdentity=domain)
    v2.put_deliverability_dashboard_option(DashboardEnabled=True, SubscribedDomains=[
        {"Domain": "a.example"}, {"Domain": "b.example"}])
    v2.put_deliverability_dashboard_option(DashboardEnabled=True, SubscribedDomains=[{"Domain": "a.example"}])
    options = v2.get_deliverability_dashboard_options()
    assert options["AccountStatus"] == "ACTIVE" and "SubscriptionExpiryDate" not in options
    assert [d["Domain"] for d in options["ActiveSubscribedDomains"]] == ["a.example"]
    assert [d["Domain"] for d in options["PendingExpirationSubscribedDomains"]] == ["b.example"]
    fixed_clock(dt.datetime(2026, 4, 2, tzinfo=UTC))
    assert v2.get_deliverability_dashboard_options()["PendingExpirationSubscribedDomains"] == []


def test_update_configuration_set_sets_the_signing_scheme_and_leaves_the_rest(v2, ses_backend):
    needs_operation("sesv2", "UpdateConfigurationSet")
    v2.create_configuration_set(ConfigurationSetName="main", SendingOptions={"SendingEnabled": False})
    assert "MessageSecurityOptions" not in v2.get_configuration_set(ConfigurationSetName="main")
    assert body(v2.update_configuration_set(ConfigurationSetName="main", MessageSecurityOptions={
        "SigningScheme": {"SmimeScheme": {"SignatureFormat": "DETACHED"}}})) == {}
    found = v2.get_configuration_set(ConfigurationSetName="main")
    assert found["MessageSecurityOptions"] == {"SigningScheme": {"SmimeScheme": {"SignatureFormat": "DETACHED"}}}
    assert found["SendingOptions"] == {"SendingEnabled": False}
    v2.update_configuration_set(ConfigurationSetName="main")  # nothing given: nothing changes
    v2.update_configuration_set(ConfigurationSetName="main",
                                MessageSecurityOptions={"SigningScheme": {"DefaultScheme": {}}})
    assert v2.get_configuration_set(ConfigurationSetName="main")["MessageSecurityOptions"] == {
        "SigningScheme": {"DefaultScheme": {}}}


def test_update_configuration_set_of_an_unknown_set_is_not_found(v2, ses_backend):
    needs_operation("sesv2", "UpdateConfigurationSet")
    assert refusal(v2.update_configuration_set, ConfigurationSetName="missing")[:2] == (404, "NotFoundException")
