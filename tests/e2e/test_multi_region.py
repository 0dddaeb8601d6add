"""Multi-region endpoints (global endpoints) through boto3: the four v2 operations, and
sends with EndpointId, which botocore addresses to the endpoint's global host.

Sources: seed 001 (the operations, Details "must contain exactly one route"), the
developer guide's global-endpoints.html (statuses, the id form "abcdef12.g3h", identities
needed in both regions), terraform-provider-aws multi_region_endpoint.go (CREATING then
READY; DELETING then NotFoundException). Decisions marked (?) in
fakeses/domain/multi_region.py are fakeses' own where SES's answer is not recorded.
"""
from __future__ import annotations

import json
import re
import socket

import boto3
import pytest
import requests
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from fakeses import UnservedRequest, fakeses
from fakeses._model import service_model

if "CreateMultiRegionEndpoint" not in service_model("sesv2").operation_names:
    # botocore before 1.35.78 (December 2024) has no multi-region endpoints: the operations
    # and EndpointId are simply absent there.
    pytest.skip("the installed botocore does not model multi-region endpoints", allow_module_level=True)

PRIMARY, SECONDARY = "us-east-1", "eu-west-1"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
NOT_VERIFIED = "Email address is not verified. The following identities failed the check in region "


@pytest.fixture(scope="module")
def sesv2():
    return boto3.client("sesv2", region_name=PRIMARY)


@pytest.fixture
def endpoint(ses_backend, sesv2):
    """A READY endpoint us-east-1 + eu-west-1, its sender verified in both regions."""
    ses_backend.verify_identity("example.com")
    created = sesv2.create_multi_region_endpoint(EndpointName="global",
                                                 Details={"RoutesDetails": [{"Region": SECONDARY}]})
    return created["EndpointId"]


def create(client, name="global", regions=(SECONDARY,), **kwargs):
    return client.create_multi_region_endpoint(
        EndpointName=name, Details={"RoutesDetails": [{"Region": r} for r in regions]}, **kwargs)


def code_and_message(error: ClientError) -> tuple[str, str]:
    return error.response["Error"]["Code"], error.response["Error"]["Message"]


def send(client, endpoint_id, source="me@example.com", **kwargs):
    return client.send_email(FromEmailAddress=source, Destination={"ToAddresses": ["ann@example.org"]},
                             Content=SIMPLE, EndpointId=endpoint_id, **kwargs)


# -- the operations ------------------------------------------------------------------------

def test_create_answers_creating_and_an_id_of_ses_form_then_get_answers_ready(ses_backend, sesv2):
    created = create(sesv2)
    assert created["Status"] == "CREATING"
    assert re.fullmatch(r"[a-z0-9]{8}\.[a-z0-9]{3}", created["EndpointId"])  # "abcdef12.g3h" (developer guide)
    got = sesv2.get_multi_region_endpoint(EndpointName="global")
    assert got["EndpointName"] == "global" and got["EndpointId"] == created["EndpointId"]
    assert got["Routes"] == [{"Region": PRIMARY}, {"Region": SECONDARY}]
    assert got["Status"] == "READY"
    assert got["CreatedTimestamp"] <= got["LastUpdatedTimestamp"]


def test_list_shows_the_endpoints_of_the_primary_region_only_and_pages(ses_backend, sesv2):
    for name in ("b", "a", "c"):
        create(sesv2, name)
    first = sesv2.list_multi_region_endpoints(PageSize=2)
    assert [e["EndpointName"] for e in first["MultiRegionEndpoints"]] == ["a", "b"]
    assert first["MultiRegionEndpoints"][0]["Regions"] == [PRIMARY, SECONDARY]
    assert first["MultiRegionEndpoints"][0]["Status"] == "READY"
    rest = sesv2.list_multi_region_endpoints(NextToken=first["NextToken"])
    assert [e["EndpointName"] for e in rest["MultiRegionEndpoints"]] == ["c"] and "NextToken" not in rest
    # Only the endpoints whose primary is the region of the call (seed 001).
    elsewhere = boto3.client("sesv2", region_name=SECONDARY)
    assert elsewhere.list_multi_region_endpoints()["MultiRegionEndpoints"] == []
    with pytest.raises(ClientError) as error:
        elsewhere.get_multi_region_endpoint(EndpointName="a")
    assert code_and_message(error.value)[0] == "NotFoundException"


def test_delete_answers_deleting_and_the_endpoint_is_gone_after(ses_backend, sesv2):
    create(sesv2)
    assert sesv2.delete_multi_region_endpoint(EndpointName="global")["Status"] == "DELETING"
    with pytest.raises(ClientError) as error:
        sesv2.get_multi_region_endpoint(EndpointName="global")
    assert code_and_message(error.value) == ("NotFoundException", "Multi-region endpoint global does not exist.")
    with pytest.raises(ClientError) as error:
        sesv2.delete_multi_region_endpoint(EndpointName="global")
    assert code_and_message(error.value)[0] == "NotFoundException"
    assert create(sesv2)["Status"] == "CREATING"  # the name is free again


def test_a_second_endpoint_of_the_same_name_already_exists(ses_backend, sesv2):
    create(sesv2)
    with pytest.raises(ClientError) as error:
        create(sesv2, regions=("us-west-2",))
    assert code_and_message(error.value) == ("AlreadyExistsException", "Multi-region endpoint global already exists.")


@pytest.mark.parametrize("regions", [(), (SECONDARY, "us-west-2"), (PRIMARY,), ("cn-north-1",), ("mars-1",)],
                         ids=["none", "two", "the-primary", "other-partition", "unknown"])
def test_a_route_that_is_not_exactly_one_other_ses_region_is_a_bad_request(ses_backend, sesv2, regions):
    with pytest.raises(ClientError) as error:
        create(sesv2, regions=regions)
    assert code_and_message(error.value)[0] == "BadRequestException"
    assert sesv2.list_multi_region_endpoints()["MultiRegionEndpoints"] == []


def test_tags_given_at_creation_are_the_endpoint_arns_tags(ses_backend, sesv2):
    create(sesv2, Tags=[{"Key": "team", "Value": "mail"}])
    arn = f"arn:aws:ses:{PRIMARY}:123456789012:multi-region-endpoint/global"
    sesv2.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    assert sesv2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "mail"}, {"Key": "env", "Value": "test"}]
    with pytest.raises(ClientError) as error:
        sesv2.list_tags_for_resource(ResourceArn=arn.replace("/global", "/other"))
    assert code_and_message(error.value) == ("NotFoundException", "No MultiRegionEndpoint present with name: other")


def test_bad_tags_are_refused_and_nothing_is_created(ses_backend, sesv2):
    with pytest.raises(ClientError) as error:
        create(sesv2, Tags=[{"Key": "aws:owner", "Value": "x"}])
    assert code_and_message(error.value)[0] == "BadRequestException"
    assert sesv2.list_multi_region_endpoints()["MultiRegionEndpoints"] == []


# -- sends through an endpoint ----------------------------------------------------------

def test_a_send_with_endpoint_id_goes_out_of_the_primary_and_is_recorded_with_both_regions(endpoint, sesv2,
                                                                                           ses_backend):
    # Sent from a client of a third region: the endpoint's host is global.
    elsewhere = boto3.client("sesv2", region_name="ap-southeast-2")
    message_id = send(elsewhere, endpoint)["MessageId"]
    [sent] = ses_backend.sent_messages
    assert sent.message_id == message_id and message_id.startswith("0100")  # us-east-1's prefix
    assert (sent.region, sent.endpoint_id, sent.regions) == (PRIMARY, endpoint, [PRIMARY, SECONDARY])
    quota = sesv2.get_account()["SendQuota"]["SentLast24Hours"]
    assert quota == 1.0


def test_while_the_primary_is_impaired_sends_go_out_of_the_secondary(endpoint, sesv2, ses_backend):
    ses_backend.impair_region(PRIMARY)
    send(sesv2, endpoint)
    ses_backend.impair_region(PRIMARY, impaired=False)
    send(sesv2, endpoint)
    assert [m.region for m in ses_backend.sent_messages] == [SECONDARY, PRIMARY]


def test_a_bulk_send_with_endpoint_id_is_recorded_with_the_endpoint(endpoint, sesv2, ses_backend):
    sesv2.create_email_template(TemplateName="hello", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    answer = sesv2.send_bulk_email(
        FromEmailAddress="me@example.com", EndpointId=endpoint,
        DefaultContent={"Template": {"TemplateName": "hello", "TemplateData": '{"name": "you"}'}},
        BulkEmailEntries=[{"Destination": {"ToAddresses": ["ann@example.org"]}},
                          {"Destination": {"ToAddresses": ["bob@example.org"]}}])
    assert [r["Status"] for r in answer["BulkEmailEntryResults"]] == ["SUCCESS", "SUCCESS"]
    assert [(m.endpoint_id, m.region, m.subject) for m in ses_backend.sent_messages] == [
        (endpoint, PRIMARY, "Hi you")] * 2


def test_a_bulk_send_with_endpoint_id_and_no_entries_is_refused_for_its_empty_destinations(endpoint, sesv2):
    sesv2.create_email_template(TemplateName="hello", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    for sender in ("me@example.com", "me@unverified.org"):  # the destinations are checked first
        with pytest.raises(ClientError) as error:
            sesv2.send_bulk_email(FromEmailAddress=sender, EndpointId=endpoint, BulkEmailEntries=[],
                                  DefaultContent={"Template": {"TemplateName": "hello", "TemplateData": "{}"}})
        assert code_and_message(error.value) == ("BadRequestException", "Destinations cannot be empty")


def test_a_sender_unverified_in_the_secondary_region_is_refused_naming_that_region(ses_backend, sesv2):
    ses_backend.verify_identity("example.com", region=PRIMARY)
    endpoint = create(sesv2)["EndpointId"]
    with pytest.raises(ClientError) as error:
        send(sesv2, endpoint)
    assert code_and_message(error.value) == ("MessageRejected", NOT_VERIFIED + "EU-WEST-1: me@example.com")
    assert ses_backend.sent_messages == []
    ses_backend.verify_identity("example.com", region=SECONDARY)
    send(sesv2, endpoint)
    assert len(ses_backend.sent_messages) == 1


def test_a_configuration_set_missing_in_the_secondary_region_fails_the_send(endpoint, sesv2, ses_backend):
    sesv2.create_configuration_set(ConfigurationSetName="tracked")
    with pytest.raises(ClientError) as error:
        send(sesv2, endpoint, ConfigurationSetName="tracked")
    assert code_and_message(error.value) == ("NotFoundException", "Configuration set <tracked> does not exist.")
    boto3.client("sesv2", region_name=SECONDARY).create_configuration_set(ConfigurationSetName="tracked")
    send(sesv2, endpoint, ConfigurationSetName="tracked")
    assert ses_backend.sent_messages[-1].configuration_set == "tracked"


def test_an_unknown_or_another_accounts_endpoint_id_is_not_found(endpoint, ses_backend):
    client = boto3.client("sesv2", region_name=PRIMARY)
    with pytest.raises(ClientError) as error:
        send(client, "zzzzzzzz.zzz")
    assert code_and_message(error.value) == ("NotFoundException",
                                             "Multi-region endpoint with id zzzzzzzz.zzz does not exist.")
    other = boto3.client("sesv2", region_name=PRIMARY, aws_access_key_id="210987654321",
                         aws_secret_access_key="x")
    with pytest.raises(ClientError) as error:
        send(other, endpoint)
    assert code_and_message(error.value)[0] == "NotFoundException"


def test_a_send_through_a_failed_endpoint_is_refused(endpoint, sesv2, ses_backend):
    ses_backend.fail_endpoint("global")
    assert sesv2.get_multi_region_endpoint(EndpointName="global")["Status"] == "FAILED"
    with pytest.raises(ClientError) as error:
        send(sesv2, endpoint)
    assert code_and_message(error.value) == (
        "BadRequestException", f"Multi-region endpoint with id {endpoint} is not ready: its status is FAILED.")
    with pytest.raises(ValueError, match="no multi-region endpoint 'nope'"):
        ses_backend.fail_endpoint("nope")


# -- the global host outside botocore ----------------------------------------------------

@pytest.fixture
def network(monkeypatch):
    lookups: list[object] = []

    def getaddrinfo(host, port, *args, **kwargs):
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, f"test blocked the lookup of {host}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def sigv4a_headers(url: str, body: str) -> dict[str, str]:
    """Headers of a SigV4a-signed POST (signing region set "*"), as botocore signs a global send."""
    from botocore.crt.auth import CrtSigV4AsymAuth

    request = AWSRequest(method="POST", url=url, data=body, headers={"Content-Type": "application/json"})
    CrtSigV4AsymAuth(Credentials("AKIAIOSFODNN7EXAMPLE", "secret"), "ses", "*").add_auth(request)
    return dict(request.headers.items())


def test_a_hand_signed_send_to_the_global_host_is_answered_and_routed(network):
    with fakeses() as fake:
        fake.verify_identity("example.com")
        endpoint = create(boto3.client("sesv2", region_name=PRIMARY))["EndpointId"]
        url = f"https://{endpoint}.endpoints.email.amazonaws.com/v2/email/outbound-emails"
        body = json.dumps({"FromEmailAddress": "me@example.com", "EndpointId": endpoint,
                           "Destination": {"ToAddresses": ["ann@example.org"]}, "Content": SIMPLE})
        response = requests.post(url, data=body, headers=sigv4a_headers(url, body), timeout=10)
    assert response.status_code == 200, response.text
    [sent] = fake.sent_messages
    assert response.json() == {"MessageId": sent.message_id}
    assert (sent.region, sent.endpoint_id) == (PRIMARY, endpoint)
    assert network == []


def test_the_global_host_is_refused_by_the_safety_net_on_other_paths(network):
    import http.client

    with fakeses():
        connection = http.client.HTTPSConnection("abcdef12.g3h.endpoints.email.amazonaws.com", timeout=5)
        with pytest.raises(UnservedRequest) as refused:
            connection.request("POST", "/v2/email/outbound-emails", body="{}")
    assert refused.value.host == "abcdef12.g3h.endpoints.email.amazonaws.com"
    assert network == []
