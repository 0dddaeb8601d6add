"""Import and export jobs (v2 Create/Get/ListImportJob(s), Create/Get/List/CancelExportJob(s)).

An import job reads a file from S3 and applies each record to the suppression list or the
contact list, through their own interfaces; an export job writes what SES computes from
traffic (fakeses/domain/insights.py) to S3. Where the files live (``read_object`` /
``write_object``): with moto's ``mock_aws`` active, moto's S3 (fakeses/_s3.py); otherwise
the world's ``objects``, which the handle's ``put_object`` / ``get_object`` fill and read.

How jobs progress, so that a test never waits (SES runs them in the background and answers
CreateImportJob / CreateExportJob with a job id only; floci PR #3892 returns CREATED, then
moves to PROCESSING and COMPLETED or FAILED as a thread runs):

- An import job runs at creation: when CreateImportJob answers, its records are applied and
  GetImportJob answers COMPLETED (or FAILED). A test can check the list right away.
- An export job is CREATED when CreateExportJob answers (its records are computed then, from
  what was sent so far) and is written when next looked at: GetExportJob, ListExportJobs, or
  the handle's ``get_object`` / ``objects``. It then answers COMPLETED (or FAILED). In
  between, CancelExportJob cancels it (CANCELLED, nothing written); once finished,
  CancelExportJob is BadRequestException.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import io
import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Protocol

from ..mail import addresses
from . import clock, insights, pages
from .contacts import STATUSES, ContactList
from .errors import BadRequest, NotFound
from .suppression import REASONS

if TYPE_CHECKING:
    from .state import Backend

CREATED, PROCESSING, COMPLETED, FAILED, CANCELLED = "CREATED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"
SUPPRESSION_LIST, CONTACT_LIST = "SUPPRESSION_LIST", "CONTACT_LIST"
METRICS_DATA, MESSAGE_INSIGHTS = "METRICS_DATA", "MESSAGE_INSIGHTS"
#: ListImportJobs / ListExportJobs serve this many when no PageSize is given, and at most
#: this many: the reference gives no default or bound (?).
MAX_PAGE = 100
#: MessageInsightsDataSource.MaxResults when none is given: the model's maximum (?).
MAX_INSIGHTS = 10000
#: The longest range of a metrics export, in days (see MetricsRangeTooLong) (?).
MAX_DAYS = 366

_S3_URL = re.compile(r"^s3://([^/]+)/(.*?([^/]+)/?)$")  # the model's pattern for S3Url


# -- errors (texts are fakeses' own where marked (?): no recorded SES answer was found) ------

class JobNotFound(NotFound):
    # Worded as SES words its other v2 lookups ("List with name: X doesn't exist.") (?).
    fmt = "Job with id: {job_id} doesn't exist."


class DestinationRequired(BadRequest):
    # The model makes both members optional; SES needs exactly one (?).
    fmt = "Exactly one of {members} must be specified."


class ImportListNotFound(BadRequest):
    # CreateImportJob declares no NotFoundException; the contact list's own text (floci #1638,
    # probed for GetContactList) answered as BadRequestException (?).
    fmt = "List with name: {name} doesn't exist."


class ImportNeedsProductionAccess(BadRequest):
    # "To bulk add or remove addresses, you must have production access" (developer guide,
    # sending-email-suppression-list.html and sending-email-list-management.html). SES's
    # answer to a sandbox account is not recorded: code and text (?).
    fmt = "Import jobs are not available to accounts in the sandbox. Request production access."


class InvalidDateRange(BadRequest):
    fmt = "StartDate must be before EndDate."  # (?)


class MetricsRangeTooLong(BadRequest):
    # A metrics export writes a row per day: fakeses bounds the range (SES's bound for exports
    # is not documented; its deliverability reports allow 30 days) (?).
    fmt = "The date range of a metrics export must not exceed {days} days."


class JobNotCancellable(BadRequest):
    fmt = "Export job {job_id} cannot be cancelled because it is {status}."  # (?)


class StorageFailure(Exception):
    """The file could not be read or written; ``str()`` is the job's ErrorMessage."""


# -- where files live -------------------------------------------------------------------------

class Storage(Protocol):
    """Another home for S3 objects (moto's S3: fakeses/_s3.py)."""

    def active(self) -> bool: ...

    def get(self, backend: Backend, bucket: str, key: str) -> bytes: ...

    def put(self, backend: Backend, bucket: str, key: str, data: bytes) -> None: ...


def split_url(url: str) -> tuple[str, str]:
    """``s3://bucket/key`` as (bucket, key); ValueError if it is not such a URL."""
    match = _S3_URL.match(url)
    if match is None:
        raise ValueError(f"{url!r} is not an S3 URL of the form s3://bucket/key")
    return match.group(1), match.group(2)


# S3's own texts for a missing object and bucket (S3 API reference, Error responses).
NO_SUCH_KEY = "The specified key does not exist."
NO_SUCH_BUCKET = "The specified bucket does not exist"


def read_object(backend: Backend, url: str) -> bytes:
    """The object at ``url``: from moto's S3 when it is active, else the world's objects.
    Raises StorageFailure with S3's text when it is not there."""
    bucket, key = split_url(url)
    storage = backend.world.storage
    if storage is not None and storage.active():
        return storage.get(backend, bucket, key)
    found = backend.world.objects.get(f"s3://{bucket}/{key}")
    if found is None:
        raise StorageFailure(NO_SUCH_KEY)
    return found


def write_object(backend: Backend, url: str, data: bytes) -> None:
    """Store ``data`` at ``url``: in moto's S3 when it is active, else in the world's objects."""
    bucket, key = split_url(url)
    storage = backend.world.storage
    if storage is not None and storage.active():
        storage.put(backend, bucket, key, data)
        return
    with backend.world.objects_lock:
        backend.world.objects[f"s3://{bucket}/{key}"] = data


# -- import -----------------------------------------------------------------------------------

@dataclasses.dataclass
class ImportJob:
    """One import job, as GetImportJob describes it."""

    job_id: str
    destination: dict[str, Any]  # ImportDestination, as given
    source: dict[str, Any]  # ImportDataSource, as given
    created_at: _dt.datetime
    status: str = CREATED
    completed_at: Optional[_dt.datetime] = None
    processed: int = 0
    failed: int = 0
    failed_records_url: Optional[str] = None
    error_message: Optional[str] = None

    @property
    def destination_type(self) -> str:
        return SUPPRESSION_LIST if "SuppressionListDestination" in self.destination else CONTACT_LIST


class RecordError(Exception):
    """A record that cannot be applied; ``str()`` says why (written to the failed-records file)."""


def _records(data: bytes, fmt: str, *, header: bool) -> Iterator[tuple[Any, Any]]:
    """(raw, parsed) for each record: CSV rows (the first, with ``header``, names the
    columns; then each row a dict) or newline-delimited JSON objects ("Only JSON files with
    newline separation are supported", developer guide). A record that cannot be parsed is
    (raw, RecordError)."""
    text = data.decode("utf-8-sig", errors="replace")
    if fmt == "JSON":
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                parsed = json.loads(line)
            except ValueError:
                yield line, RecordError("The record is not valid JSON.")  # (?)
                continue
            yield line, parsed if isinstance(parsed, dict) else RecordError("The record is not a JSON object.")
        return
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if header:
        if not rows:
            return
        names = [cell.strip() for cell in rows[0]]
        for row in rows[1:]:
            yield row, dict(zip(names, (cell.strip() for cell in row)))
    else:
        for row in rows:
            yield row, [cell.strip() for cell in row]


def _address(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError("The emailAddress is missing.")  # (?)
    try:
        return addresses.check(value.strip())
    except addresses.AddressError:
        raise RecordError(f"Invalid email address {value.strip()}.") from None  # v2's text (G39)


def _apply_suppression(backend: Backend, action: str, record: Any) -> None:
    # The guide's formats: CSV "recipient@example.com,BOUNCE" without a header (a DELETE file
    # names the address alone); JSON {"emailAddress": ..., "reason": ...}. A first row
    # "emailAddress,reason" is taken as a header and skipped (?).
    if isinstance(record, list):
        address, reason = (record + ["", ""])[:2]
    else:
        address, reason = record.get("emailAddress"), record.get("reason")
    bare = _address(address)
    if action == "DELETE":
        backend.suppression.delete(bare)  # an address not on the list is no failure (?)
        return
    wanted = reason.strip().upper() if isinstance(reason, str) else ""
    if wanted not in REASONS:
        raise RecordError(f"Invalid reason {reason!r}: must be BOUNCE or COMPLAINT.")  # (?)
    backend.suppression.put(bare, wanted)


def _truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise RecordError(f"Invalid unsubscribeAll value {value!r}: must be true or false.")  # (?)


def _preferences(record: Mapping[str, Any]) -> dict[str, str]:
    # CSV: one column "topicPreferences.<TopicName>" per topic (floci PR #3892, after the
    # guide). JSON: "topicPreferences" as an object of topic to status, or a list of
    # {"topicName", "subscriptionStatus"} as the API's TopicPreference (?).
    found: dict[str, Any] = {}
    for name, value in record.items():
        if isinstance(name, str) and name.startswith("topicPreferences.") and value not in (None, ""):
            found[name.partition(".")[2]] = value
    given = record.get("topicPreferences")
    if isinstance(given, dict):
        found.update(given)
    elif isinstance(given, list):
        for item in given:
            if isinstance(item, dict):
                found[str(item.get("topicName") or item.get("TopicName"))] = (
                    item.get("subscriptionStatus") or item.get("SubscriptionStatus"))
    elif given not in (None, ""):
        raise RecordError("Invalid topicPreferences.")  # (?)
    checked: dict[str, str] = {}
    for topic, status in found.items():
        if not isinstance(status, str) or status.strip().upper() not in STATUSES:
            raise RecordError(f"Invalid subscription status {status!r} for topic {topic}.")  # (?)
        checked[topic] = status.strip().upper()
    return checked


def _apply_contact(found: ContactList, action: str, record: Any) -> None:
    if not isinstance(record, dict):
        raise RecordError("The record is not an object.")
    bare = _address(record.get("emailAddress"))
    if action == "DELETE":
        if found.contact(bare) is not None:
            found.delete_contact(bare)  # a contact not on the list is no failure (?)
        return
    attributes = record.get("attributesData")
    if attributes is not None and not isinstance(attributes, str):
        attributes = json.dumps(attributes)
    try:
        found.put_contact(bare, topic_preferences=_preferences(record),
                          unsubscribe_all=_truth(record.get("unsubscribeAll")), attributes=attributes or None)
    except BadRequest as error:  # a topic the list does not have: SES's own text
        raise RecordError(error.message) from None


def create_import(backend: Backend, destination: dict[str, Any], source: dict[str, Any]) -> ImportJob:
    """CreateImportJob: check the destination, make the job and run it (see the module doc)."""
    kinds = [k for k in ("SuppressionListDestination", "ContactListDestination") if destination.get(k) is not None]
    if len(kinds) != 1:
        raise DestinationRequired(members="SuppressionListDestination and ContactListDestination")
    if not backend.account.production_access:
        raise ImportNeedsProductionAccess()
    contact_list = None
    if kinds[0] == "ContactListDestination":
        name = destination["ContactListDestination"]["ContactListName"]
        contact_list = backend.contact_lists.get(name)
        if contact_list is None:
            raise ImportListNotFound(name=name)
    job = ImportJob(new_id(), destination, source, clock.utcnow())
    backend.jobs.imports[job.job_id] = job
    job.status = PROCESSING
    try:
        data = read_object(backend, source["S3Url"])
    except StorageFailure as error:
        job.status, job.error_message, job.completed_at = FAILED, str(error), clock.utcnow()
        return job
    fmt = source["DataFormat"]
    failures: list[tuple[Any, str]] = []
    if contact_list is not None:
        action = destination["ContactListDestination"]["ContactListImportAction"]
        records = _records(data, fmt, header=True)
    else:
        action = destination["SuppressionListDestination"]["SuppressionListImportAction"]
        records = _records(data, fmt, header=False)
    first = True
    for raw, record in records:
        if first and contact_list is None and isinstance(record, list) and record[:1] and \
                record[0].lower() == "emailaddress":
            first = False
            continue  # a header row (?)
        first = False
        job.processed += 1
        try:
            if isinstance(record, RecordError):
                raise record
            if contact_list is not None:
                _apply_contact(contact_list, action, record)
            else:
                _apply_suppression(backend, action, record)
        except RecordError as error:
            failures.append((raw, str(error)))
    job.failed = len(failures)
    if failures:
        job.failed_records_url = _failed_records_url(source["S3Url"], job.job_id, fmt)
        try:
            write_object(backend, job.failed_records_url, _failed_records(failures, fmt))
        except StorageFailure:
            job.failed_records_url = None
    job.status, job.completed_at = COMPLETED, clock.utcnow()
    return job


def _failed_records_url(source: str, job_id: str, fmt: str) -> str:
    # Where SES writes the failed records is not documented: FailureInfo.FailedRecordsS3Url is
    # "An Amazon S3 pre-signed URL that contains all the failed records". fakeses writes them
    # beside the source object, in the source's format, and reports that s3:// URL (?).
    bucket, key = split_url(source)
    return f"s3://{bucket}/{key.rstrip('/')}.{job_id}.failed.{'json' if fmt == 'JSON' else 'csv'}"


def _failed_records(failures: Sequence[tuple[Any, str]], fmt: str) -> bytes:
    """Each failed record as read, with the reason it failed (?: SES's layout is not documented)."""
    out = io.StringIO()
    if fmt == "JSON":
        for raw, reason in failures:
            out.write(json.dumps({"record": raw, "error": reason}) + "\n")
    else:
        writer = csv.writer(out, lineterminator="\n")
        for raw, reason in failures:
            writer.writerow([*raw, reason])
    return out.getvalue().encode()


# -- export -----------------------------------------------------------------------------------

@dataclasses.dataclass
class ExportJob:
    """One export job, as GetExportJob describes it."""

    job_id: str
    source_type: str
    data_source: dict[str, Any]  # ExportDataSource, as given
    destination: dict[str, Any]  # ExportDestination, as given
    created_at: _dt.datetime
    content: bytes
    target: str  # the S3 URL the file goes to
    processed: int = 0
    exported: int = 0
    status: str = CREATED
    completed_at: Optional[_dt.datetime] = None
    error_message: Optional[str] = None


def _target(backend: Backend, destination: Mapping[str, Any], job_id: str) -> str:
    # The object written: at S3Url as given; a URL ending in "/" is a folder, the file named
    # after the job. With no S3Url SES keeps the file itself and reports a pre-signed URL
    # (ExportDestination.S3Url: "An Amazon S3 pre-signed URL that points to the generated
    # export file"); fakeses keeps it in the world's objects under an SES-owned URL (?).
    extension = "json" if destination["DataFormat"] == "JSON" else "csv"
    url = destination.get("S3Url")
    if not url:
        return f"s3://ses-export-{backend.region}-{backend.account_id}/{job_id}.{extension}"
    return f"{url}{job_id}.{extension}" if url.endswith("/") else str(url)


def _write(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> bytes:
    """The export file: CSV with a header line, or one JSON object per line (?: SES's
    layout is not documented; the columns are the model's names in camelCase)."""
    out = io.StringIO()
    if fmt == "JSON":
        for row in rows:
            out.write(json.dumps(row) + "\n")
    else:
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue().encode()


INSIGHT_COLUMNS = ("messageId", "sendTimestamp", "fromEmailAddress", "subject", "destination", "isp",
                   "lastDeliveryEvent", "lastEngagementEvent")


def _insight_rows(backend: Backend, source: Mapping[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    records = insights.recipient_insights(insights.sent_by(backend), backend.world.events,
                                          start=source["StartDate"], end=source["EndDate"])
    kept = insights.filtered(records, source.get("Include"), source.get("Exclude"))
    limit = source.get("MaxResults") or MAX_INSIGHTS
    rows = [{
        "messageId": r.message.message_id, "sendTimestamp": r.message.sent_at.isoformat(timespec="milliseconds"),
        "fromEmailAddress": r.message.source, "subject": r.message.subject, "destination": r.destination,
        "isp": r.isp, "lastDeliveryEvent": r.last_delivery_event, "lastEngagementEvent": r.last_engagement_event,
    } for r in kept[:limit]]
    return len(records), rows


def _metric_rows(backend: Backend, source: Mapping[str, Any]) -> tuple[int, list[dict[str, Any]], list[str]]:
    metrics = [(m.get("Name") or "SEND", m.get("Aggregation") or "VOLUME") for m in source["Metrics"]]
    dimensions = source["Dimensions"]
    rows = insights.daily_metrics(insights.sent_by(backend), backend.world.events, start=source["StartDate"],
                                  end=source["EndDate"], metrics=metrics, dimensions=dimensions)
    columns = ["date", *dimensions, *(f"{name}_{aggregation}" for name, aggregation in metrics)]
    out = []
    for row in rows:
        record: dict[str, Any] = {"date": row.day.isoformat()}
        record.update(dict(row.dimensions))
        record.update({f"{name}_{aggregation}": value for name, aggregation, value in row.values})
        out.append(record)
    return len(rows), out, columns


def create_export(backend: Backend, data_source: dict[str, Any], destination: dict[str, Any]) -> ExportJob:
    """CreateExportJob: check the source, compute its records now, keep the job CREATED."""
    kinds = [k for k in ("MetricsDataSource", "MessageInsightsDataSource") if data_source.get(k) is not None]
    if len(kinds) != 1:
        raise DestinationRequired(members="MetricsDataSource and MessageInsightsDataSource")
    source = data_source[kinds[0]]
    if source["StartDate"] > source["EndDate"]:
        raise InvalidDateRange()
    if kinds[0] == "MetricsDataSource" and source["EndDate"] - source["StartDate"] > _dt.timedelta(days=MAX_DAYS):
        raise MetricsRangeTooLong(days=MAX_DAYS)
    job_id = new_id()
    fmt = destination["DataFormat"]
    if kinds[0] == "MetricsDataSource":
        processed, rows, columns = _metric_rows(backend, source)
        kind = METRICS_DATA
    else:
        processed, rows = _insight_rows(backend, source)
        columns, kind = list(INSIGHT_COLUMNS), MESSAGE_INSIGHTS
    job = ExportJob(job_id, kind, data_source, destination, clock.utcnow(), _write(rows, columns, fmt),
                    _target(backend, destination, job_id), processed=processed, exported=len(rows))
    backend.jobs.exports[job_id] = job
    return job


def new_id() -> str:
    """A job id: SES's format is not recorded; a UUID (?)."""
    return str(uuid.uuid4())


class Jobs:
    """The import and export jobs of one account and region, oldest first."""

    def __init__(self) -> None:
        self.imports: dict[str, ImportJob] = {}
        self.exports: dict[str, ExportJob] = {}

    def import_job(self, job_id: str) -> ImportJob:
        found = self.imports.get(job_id)
        if found is None:
            raise JobNotFound(job_id=job_id)
        return found

    def export_job(self, job_id: str) -> ExportJob:
        found = self.exports.get(job_id)
        if found is None:
            raise JobNotFound(job_id=job_id)
        return found

    def list_imports(self, kind: Optional[str], token: Optional[str],
                     size: Optional[int]) -> tuple[list[ImportJob], Optional[str]]:
        chosen = [j for j in self.imports.values() if kind is None or j.destination_type == kind]
        return pages.page(chosen, token, _size(size))

    def list_exports(self, kind: Optional[str], status: Optional[str], token: Optional[str],
                     size: Optional[int]) -> tuple[list[ExportJob], Optional[str]]:
        chosen = [j for j in self.exports.values()
                  if (kind is None or j.source_type == kind) and (status is None or j.status == status)]
        return pages.page(chosen, token, _size(size))

    def cancel(self, job_id: str) -> None:
        """CancelExportJob: a job not yet written is CANCELLED; a finished one cannot be."""
        job = self.export_job(job_id)
        if job.status not in (CREATED, PROCESSING):
            raise JobNotCancellable(job_id=job_id, status=job.status)
        job.status, job.completed_at = CANCELLED, clock.utcnow()

    def settle(self, backend: Backend) -> None:
        """Write every export job still CREATED (see the module doc)."""
        for job in list(self.exports.values()):
            if job.status != CREATED:
                continue
            job.status = PROCESSING
            try:
                write_object(backend, job.target, job.content)
            except StorageFailure as error:
                job.status, job.error_message = FAILED, str(error)
            else:
                job.status = COMPLETED
            job.completed_at = clock.utcnow()


def _size(size: Optional[int]) -> int:
    if size is None:
        return MAX_PAGE
    return min(max(size, 1), MAX_PAGE)  # (?) SES's bounds are not documented


def settle_all(backends: Sequence[Backend]) -> None:
    """Write the pending export files of ``backends`` (the handle reads files after this)."""
    for backend in backends:
        with backend.lock:
            backend.jobs.settle(backend)
