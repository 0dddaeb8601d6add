"""Import and export jobs through boto3: v2 CreateImportJob, GetImportJob, ListImportJobs,
CreateExportJob, GetExportJob, ListExportJobs, CancelExportJob.

Files come from the handle (``put_object`` / ``get_object``) or, with moto active, from
moto's S3. Sources: fakeses/domain/jobs.py, fakeses/domain/insights.py, docs/fidelity.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import boto3
import pytest
from botocore.exceptions import ClientError
from support.clients import error_of

from fakeses import fakeses
from fakeses.domain import clock

SUPPRESS = {"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}}
UNSUPPRESS = {"SuppressionListDestination": {"SuppressionListImportAction": "DELETE"}}


def contacts(action="PUT"):
    return {"ContactListDestination": {"ContactListName": "news", "ContactListImportAction": action}}


def source(url, fmt="CSV"):
    return {"S3Url": url, "DataFormat": fmt}


def send(v2, to, subject="Hi", **extra):
    return v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": [to]},
                         Content={"Simple": {"Subject": {"Data": subject},
                                             "Body": {"Text": {"Data": "t"}, "Html": {"Data": "<p>t</p>"}}}},
                         **extra)["MessageId"]


def window(days=1):
    now = clock.utcnow()
    return now - dt.timedelta(days=days), now + dt.timedelta(minutes=5)


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def test_suppression_import_applies_good_rows_and_records_the_bad_ones(fake, v2):
    fake.put_object("s3://lists/suppressed.csv",
                    "ann@example.org,BOUNCE\nnot-an-address,BOUNCE\nbob@example.org, COMPLAINT\ncy@example.org,SPAM\n")
    job_id = v2.create_import_job(ImportDestination=SUPPRESS,
                                  ImportDataSource=source("s3://lists/suppressed.csv"))["JobId"]
    job = v2.get_import_job(JobId=job_id)
    assert (job["JobStatus"], job["ProcessedRecordsCount"], job["FailedRecordsCount"]) == ("COMPLETED", 4, 2)
    assert job["ImportDestination"] == SUPPRESS and job["ImportDataSource"] == source("s3://lists/suppressed.csv")
    assert job["CreatedTimestamp"] <= job["CompletedTimestamp"]
    listed = v2.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    assert sorted((s["EmailAddress"], s["Reason"]) for s in listed) == [("ann@example.org", "BOUNCE"),
                                                                        ("bob@example.org", "COMPLAINT")]
    failed = list(csv.reader(io.StringIO(fake.get_object(job["FailureInfo"]["FailedRecordsS3Url"]).decode())))
    assert failed == [["not-an-address", "BOUNCE", "Invalid email address not-an-address."],
                      ["cy@example.org", "SPAM", "Invalid reason 'SPAM': must be BOUNCE or COMPLAINT."]]

    fake.put_object("s3://lists/remove.json", '{"emailAddress": "ann@example.org"}\n')
    removed = v2.create_import_job(ImportDestination=UNSUPPRESS, ImportDataSource=source("s3://lists/remove.json", "JSON"))
    assert v2.get_import_job(JobId=removed["JobId"])["FailedRecordsCount"] == 0
    assert [s["EmailAddress"] for s in v2.list_suppressed_destinations()["SuppressedDestinationSummaries"]] == [
        "bob@example.org"]


def test_contact_list_import_reads_the_guides_columns(fake, v2):
    v2.create_contact_list(ContactListName="news", Topics=[
        {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"}])
    fake.put_object("s3://lists/contacts.csv", (
        "emailAddress,unsubscribeAll,topicPreferences.weekly,attributesData\n"
        'ann@example.org,false,OPT_OUT,"{""name"": ""Ann""}"\n'
        "bob@example.org,true,,\n"
        "cy@example.org,false,MAYBE,\n"))
    job_id = v2.create_import_job(ImportDestination=contacts(), ImportDataSource=source("s3://lists/contacts.csv"))["JobId"]
    job = v2.get_import_job(JobId=job_id)
    assert (job["ProcessedRecordsCount"], job["FailedRecordsCount"]) == (3, 1)
    ann = v2.get_contact(ContactListName="news", EmailAddress="ann@example.org")
    assert ann["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
    assert json.loads(ann["AttributesData"]) == {"name": "Ann"}
    assert v2.get_contact(ContactListName="news", EmailAddress="bob@example.org")["UnsubscribeAll"] is True

    fake.put_object("s3://lists/more.json", '{"emailAddress": "dee@example.org", "topicPreferences": '
                    '{"weekly": "OPT_IN"}}\n{"emailAddress": "eve@example.org", "topicPreferences": {"daily": "OPT_IN"}}\n')
    job_id = v2.create_import_job(ImportDestination=contacts(), ImportDataSource=source("s3://lists/more.json", "JSON"))["JobId"]
    job = v2.get_import_job(JobId=job_id)
    assert job["FailedRecordsCount"] == 1
    [failed] = fake.get_object(job["FailureInfo"]["FailedRecordsS3Url"]).decode().splitlines()
    assert json.loads(failed)["error"] == "List: news doesn't contain Topic: daily"

    fake.put_object("s3://lists/gone.csv", "emailAddress\nann@example.org\n")
    v2.create_import_job(ImportDestination=contacts("DELETE"), ImportDataSource=source("s3://lists/gone.csv"))
    listed = v2.list_contacts(ContactListName="news")["Contacts"]
    assert sorted(c["EmailAddress"] for c in listed) == ["bob@example.org", "dee@example.org"]


def test_an_import_job_whose_file_is_missing_fails(fake, v2):
    job_id = v2.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=source("s3://lists/none.csv"))["JobId"]
    job = v2.get_import_job(JobId=job_id)
    assert job["JobStatus"] == "FAILED"
    assert job["FailureInfo"] == {"ErrorMessage": "The specified key does not exist."}
    assert job["ProcessedRecordsCount"] == 0


def test_import_job_refusals(fake, v2):
    with pytest.raises(ClientError) as caught:
        v2.create_import_job(ImportDestination=contacts(), ImportDataSource=source("s3://lists/a.csv"))
    assert error_of(caught) == ("BadRequestException", 400, "List with name: news doesn't exist.")
    with pytest.raises(ClientError) as caught:
        v2.create_import_job(ImportDestination={**SUPPRESS, **contacts()}, ImportDataSource=source("s3://l/a.csv"))
    assert error_of(caught)[:2] == ("BadRequestException", 400)
    with pytest.raises(ClientError) as caught:
        v2.get_import_job(JobId="no-such-job")
    assert error_of(caught) == ("NotFoundException", 404, "Job with id: no-such-job doesn't exist.")


def test_list_import_jobs_filters_by_destination_and_pages(fake, v2):
    v2.create_contact_list(ContactListName="news")
    fake.put_object("s3://lists/a.csv", "emailAddress\nann@example.org\n")
    made = [v2.create_import_job(ImportDestination=d, ImportDataSource=source("s3://lists/a.csv"))["JobId"]
            for d in (SUPPRESS, contacts(), SUPPRESS)]
    first = v2.list_import_jobs(PageSize=2)
    rest = v2.list_import_jobs(PageSize=2, NextToken=first["NextToken"])
    assert [j["JobId"] for j in first["ImportJobs"] + rest["ImportJobs"]] == made and "NextToken" not in rest
    only = v2.list_import_jobs(ImportDestinationType="CONTACT_LIST")["ImportJobs"]
    assert [(j["JobId"], j["ImportDestination"]) for j in only] == [(made[1], contacts())]
    with pytest.raises(ClientError) as caught:
        v2.list_import_jobs(NextToken="garbage!")
    assert error_of(caught)[0] == "BadRequestException"


def test_metrics_export_counts_what_was_sent_per_day_and_isp(fake, v2):
    first = send(v2, "a@gmail.com")
    send(v2, "b@gmail.com")
    send(v2, "c@yahoo.com")
    v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["d@gmail.com", "e@gmail.com"]},
                  Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})  # two: not counted
    message = next(m for m in fake.sent_messages if m.message_id == first)
    fake.open(message)
    fake.open(message)  # unique opens: one
    start, end = window()
    job_id = v2.create_export_job(
        ExportDataSource={"MetricsDataSource": {
            "Dimensions": {"ISP": ["Gmail", "Yahoo"]}, "Namespace": "VDM", "StartDate": start, "EndDate": end,
            "Metrics": [{"Name": "SEND", "Aggregation": "VOLUME"}, {"Name": "OPEN", "Aggregation": "VOLUME"},
                        {"Name": "OPEN", "Aggregation": "RATE"}]}},
        ExportDestination={"DataFormat": "CSV", "S3Url": "s3://reports/vdm/"})["JobId"]
    job = v2.get_export_job(JobId=job_id)
    assert (job["JobStatus"], job["ExportSourceType"]) == ("COMPLETED", "METRICS_DATA")
    rows = list(csv.DictReader(io.StringIO(fake.get_object(f"s3://reports/vdm/{job_id}.csv").decode())))
    today = clock.utcnow().date().isoformat()
    assert [r for r in rows if r["date"] == today] == [
        {"date": today, "ISP": "Gmail", "SEND_VOLUME": "2", "OPEN_VOLUME": "1", "OPEN_RATE": "0.5"},
        {"date": today, "ISP": "Yahoo", "SEND_VOLUME": "1", "OPEN_VOLUME": "0", "OPEN_RATE": "0.0"}]
    assert {r["SEND_VOLUME"] for r in rows if r["date"] != today} == {"0"}
    assert job["Statistics"] == {"ProcessedRecordsCount": len(rows), "ExportedRecordsCount": len(rows)}


def test_message_insights_export_filters_and_caps(fake, v2):
    send(v2, "ann@gmail.com", subject="Welcome Ann")
    send(v2, "bob@yahoo.com", subject="Welcome Bob")
    bounced = send(v2, "cy@example.org", subject="Invoice")
    fake.bounce(next(m for m in fake.sent_messages if m.message_id == bounced))
    start, end = window()
    job_id = v2.create_export_job(
        ExportDataSource={"MessageInsightsDataSource": {"StartDate": start, "EndDate": end,
                                                        "Include": {"Subject": ["Welcome*"]},
                                                        "Exclude": {"Isp": ["Yahoo"]}}},
        ExportDestination={"DataFormat": "JSON", "S3Url": "s3://reports/insights.json"})["JobId"]
    [row] = [json.loads(line) for line in fake.get_object("s3://reports/insights.json").decode().splitlines()]
    assert (row["destination"], row["isp"], row["subject"], row["lastDeliveryEvent"]) == (
        "ann@gmail.com", "Gmail", "Welcome Ann", "DELIVERY")
    assert v2.get_export_job(JobId=job_id)["Statistics"] == {"ProcessedRecordsCount": 3, "ExportedRecordsCount": 1}

    capped = v2.create_export_job(
        ExportDataSource={"MessageInsightsDataSource": {"StartDate": start, "EndDate": end, "MaxResults": 2,
                                                        "Include": {"LastDeliveryEvent": ["PERMANENT_BOUNCE", "DELIVERY"]}}},
        ExportDestination={"DataFormat": "CSV"})["JobId"]
    job = v2.get_export_job(JobId=capped)
    written = list(csv.DictReader(io.StringIO(fake.get_object(job["ExportDestination"]["S3Url"]).decode())))
    assert [r["destination"] for r in written] == ["ann@gmail.com", "bob@yahoo.com"]


def test_an_export_job_can_be_cancelled_until_it_is_written(fake, v2):
    start, end = window()
    data = {"MessageInsightsDataSource": {"StartDate": start, "EndDate": end}}
    cancelled = v2.create_export_job(ExportDataSource=data,
                                     ExportDestination={"DataFormat": "CSV", "S3Url": "s3://r/c.csv"})["JobId"]
    v2.cancel_export_job(JobId=cancelled)
    job = v2.get_export_job(JobId=cancelled)
    assert job["JobStatus"] == "CANCELLED" and "Statistics" not in job
    assert "s3://r/c.csv" not in fake.objects
    done = v2.create_export_job(ExportDataSource=data, ExportDestination={"DataFormat": "CSV", "S3Url": "s3://r/d.csv"})
    assert v2.get_export_job(JobId=done["JobId"])["JobStatus"] == "COMPLETED"
    with pytest.raises(ClientError) as caught:
        v2.cancel_export_job(JobId=done["JobId"])
    assert error_of(caught) == ("BadRequestException", 400,
                                f"Export job {done['JobId']} cannot be cancelled because it is COMPLETED.")
    with pytest.raises(ClientError) as caught:
        v2.cancel_export_job(JobId="nope")
    assert error_of(caught)[:2] == ("NotFoundException", 404)
    assert [j["JobStatus"] for j in v2.list_export_jobs()["ExportJobs"]] == ["CANCELLED", "COMPLETED"]
    assert [j["JobId"] for j in v2.list_export_jobs(JobStatus="COMPLETED")["ExportJobs"]] == [done["JobId"]]
    assert v2.list_export_jobs(ExportSourceType="METRICS_DATA")["ExportJobs"] == []
    page = v2.list_export_jobs(PageSize=1)
    assert len(page["ExportJobs"]) == 1 and v2.list_export_jobs(NextToken=page["NextToken"])["ExportJobs"][0][
        "JobId"] == done["JobId"]


def test_export_job_refusals(fake, v2):
    start, end = window()
    with pytest.raises(ClientError) as caught:
        v2.create_export_job(ExportDataSource={"MessageInsightsDataSource": {"StartDate": end, "EndDate": start}},
                             ExportDestination={"DataFormat": "CSV"})
    assert error_of(caught) == ("BadRequestException", 400, "StartDate must be before EndDate.")
    with pytest.raises(ClientError) as caught:
        v2.create_export_job(ExportDataSource={}, ExportDestination={"DataFormat": "CSV"})
    assert error_of(caught)[:2] == ("BadRequestException", 400)
    with pytest.raises(ClientError) as caught:
        v2.get_export_job(JobId="nope")
    assert error_of(caught) == ("NotFoundException", 404, "Job with id: nope doesn't exist.")


def test_handle_object_misuse_is_explained(fake):
    with pytest.raises(ValueError, match="s3://bucket/key"):
        fake.put_object("lists/a.csv", "x")
    with pytest.raises(TypeError, match="bytes or str"):
        fake.put_object("s3://lists/a.csv", 42)
    fake.put_object("s3://lists/a.csv", b"x")
    with pytest.raises(KeyError, match="s3://lists/a.csv"):
        fake.get_object("s3://lists/b.csv")


def test_jobs_read_and_write_moto_s3():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        fake.verify_identity("example.com")
        s3 = boto3.client("s3", region_name="us-east-1")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        s3.create_bucket(Bucket="lists")
        s3.put_object(Bucket="lists", Key="in.csv", Body=b"ann@example.org,BOUNCE\nbad,BOUNCE\n")
        job_id = v2.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=source("s3://lists/in.csv"))["JobId"]
        job = v2.get_import_job(JobId=job_id)
        assert (job["JobStatus"], job["FailedRecordsCount"]) == ("COMPLETED", 1)
        assert v2.get_suppressed_destination(EmailAddress="ann@example.org")["SuppressedDestination"]["Reason"] == "BOUNCE"
        failed_key = job["FailureInfo"]["FailedRecordsS3Url"].removeprefix("s3://lists/")
        assert s3.get_object(Bucket="lists", Key=failed_key)["Body"].read().startswith(b"bad,BOUNCE,")

        send(v2, "bob@gmail.com")
        start, end = window()
        export_id = v2.create_export_job(
            ExportDataSource={"MessageInsightsDataSource": {"StartDate": start, "EndDate": end}},
            ExportDestination={"DataFormat": "JSON", "S3Url": "s3://lists/out/"})["JobId"]
        assert v2.get_export_job(JobId=export_id)["JobStatus"] == "COMPLETED"
        [row] = s3.get_object(Bucket="lists", Key=f"out/{export_id}.json")["Body"].read().decode().splitlines()
        assert json.loads(row)["destination"] == "bob@gmail.com"
        assert fake.objects == {}  # moto holds the files

        missing = v2.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=source("s3://nobucket/in.csv"))
        assert v2.get_import_job(JobId=missing["JobId"])["FailureInfo"]["ErrorMessage"] == (
            "The specified bucket does not exist")
        lost = v2.create_export_job(
            ExportDataSource={"MessageInsightsDataSource": {"StartDate": start, "EndDate": end}},
            ExportDestination={"DataFormat": "JSON", "S3Url": "s3://nobucket/out.json"})["JobId"]
        job = v2.get_export_job(JobId=lost)
        assert (job["JobStatus"], job["FailureInfo"]) == ("FAILED", {"ErrorMessage": "The specified bucket does not exist"})


def test_a_metrics_export_over_more_than_a_year_is_refused(fake, v2):
    start, end = window(days=400)
    with pytest.raises(ClientError) as caught:
        v2.create_export_job(ExportDataSource={"MetricsDataSource": {
            "Dimensions": {"ISP": ["Gmail"]}, "Namespace": "VDM", "StartDate": start, "EndDate": end,
            "Metrics": [{"Name": "SEND", "Aggregation": "VOLUME"}]}}, ExportDestination={"DataFormat": "CSV"})
    assert error_of(caught) == ("BadRequestException", 400,
                                "The date range of a metrics export must not exceed 366 days.")


@pytest.mark.fakeses(sandbox=True)
def test_a_sandbox_account_cannot_import_in_bulk(ses_backend, v2):
    ses_backend.put_object("s3://lists/a.csv", "ann@example.org,BOUNCE\n")
    with pytest.raises(ClientError) as caught:
        v2.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=source("s3://lists/a.csv"))
    assert error_of(caught) == ("BadRequestException", 400, "Import jobs are not available to accounts in the "
                                "sandbox. Request production access.")
    assert v2.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []
