"""Import and export jobs alone (fakeses/domain/jobs.py): file formats, failures, progress."""
from __future__ import annotations

import datetime as dt

import pytest

from fakeses.domain import jobs
from fakeses.domain.state import Options, World

SUPPRESS = {"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}}


@pytest.fixture
def backend():
    return World(Options()).backend("123456789012", "us-east-1")


def run(backend, data, fmt="CSV", destination=SUPPRESS):
    backend.world.objects["s3://b/k"] = data
    return jobs.create_import(backend, destination, {"S3Url": "s3://b/k", "DataFormat": fmt})


def test_a_header_row_in_a_suppression_file_is_skipped(backend):
    job = run(backend, b"emailAddress,reason\nann@example.org,bounce\n")
    assert (job.processed, job.failed) == (1, 0)
    assert backend.suppression.get("ann@example.org").reason == "BOUNCE"


def test_json_lines_that_do_not_parse_are_failed_records(backend):
    job = run(backend, b'{"emailAddress": "a@example.org", "reason": "COMPLAINT"}\nnot json\n[1]\n\n', "JSON")
    assert (job.processed, job.failed, job.status) == (3, 2, jobs.COMPLETED)
    assert backend.world.objects[job.failed_records_url].decode().splitlines() == [
        '{"record": "not json", "error": "The record is not valid JSON."}',
        '{"record": "[1]", "error": "The record is not a JSON object."}']


def test_an_export_is_written_when_settled_not_before(backend):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    job = jobs.create_export(backend, {"MessageInsightsDataSource": {"StartDate": now, "EndDate": now}},
                             {"DataFormat": "CSV", "S3Url": "s3://b/out.csv"})
    assert job.status == jobs.CREATED and "s3://b/out.csv" not in backend.world.objects
    backend.jobs.settle(backend)
    assert job.status == jobs.COMPLETED
    assert backend.world.objects["s3://b/out.csv"].decode().splitlines() == [",".join(jobs.INSIGHT_COLUMNS)]


def test_split_url_reads_the_models_pattern():
    assert jobs.split_url("s3://bucket/a/b.csv") == ("bucket", "a/b.csv")
    with pytest.raises(ValueError):
        jobs.split_url("https://bucket/a")
