"""Import and export jobs: v2 CreateImportJob, GetImportJob, ListImportJobs, CreateExportJob,
GetExportJob, ListExportJobs and CancelExportJob.

Sources and the model of how jobs progress: fakeses/domain/jobs.py; what exports compute:
fakeses/domain/insights.py; docs/fidelity.md "Import and export jobs".
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import jobs
from ..domain.state import Backend
from . import operation


def _import_summary(job: jobs.ImportJob) -> dict[str, Any]:
    return {"JobId": job.job_id, "ImportDestination": job.destination, "JobStatus": job.status,
            "CreatedTimestamp": job.created_at, "ProcessedRecordsCount": job.processed,
            "FailedRecordsCount": job.failed}


def _failure(url: Optional[str], message: Optional[str]) -> Optional[dict[str, Any]]:
    found = {k: v for k, v in (("FailedRecordsS3Url", url), ("ErrorMessage", message)) if v}
    return found or None


@operation("sesv2", "CreateImportJob")
def create_import_job(backend: Backend, *, ImportDestination: dict[str, Any],
                      ImportDataSource: dict[str, Any]) -> dict[str, Any]:
    return {"JobId": jobs.create_import(backend, ImportDestination, ImportDataSource).job_id}


@operation("sesv2", "GetImportJob")
def get_import_job(backend: Backend, *, JobId: str) -> dict[str, Any]:
    job = backend.jobs.import_job(JobId)
    out = _import_summary(job)
    out.update({"ImportDataSource": job.source, "CompletedTimestamp": job.completed_at,
                "FailureInfo": _failure(job.failed_records_url, job.error_message)})
    return out


@operation("sesv2", "ListImportJobs")
def list_import_jobs(backend: Backend, *, ImportDestinationType: Optional[str] = None,
                     NextToken: Optional[str] = None, PageSize: Optional[int] = None) -> dict[str, Any]:
    found, token = backend.jobs.list_imports(ImportDestinationType, NextToken, PageSize)
    return {"ImportJobs": [_import_summary(j) for j in found], "NextToken": token}


def _destination(job: jobs.ExportJob) -> dict[str, Any]:
    # Without an S3Url of its own, the job reports where SES keeps the file once written (?).
    if job.destination.get("S3Url") or job.status != jobs.COMPLETED:
        return job.destination
    return {**job.destination, "S3Url": job.target}


@operation("sesv2", "CreateExportJob")
def create_export_job(backend: Backend, *, ExportDataSource: dict[str, Any],
                      ExportDestination: dict[str, Any]) -> dict[str, Any]:
    return {"JobId": jobs.create_export(backend, ExportDataSource, ExportDestination).job_id}


@operation("sesv2", "GetExportJob")
def get_export_job(backend: Backend, *, JobId: str) -> dict[str, Any]:
    job = backend.jobs.export_job(JobId)
    backend.jobs.settle(backend)
    return {
        "JobId": job.job_id, "ExportSourceType": job.source_type, "JobStatus": job.status,
        "ExportDestination": _destination(job), "ExportDataSource": job.data_source,
        "CreatedTimestamp": job.created_at, "CompletedTimestamp": job.completed_at,
        "FailureInfo": _failure(None, job.error_message),
        # Counted once written; SES's counts of a job not yet run are not recorded (?).
        "Statistics": {"ProcessedRecordsCount": job.processed, "ExportedRecordsCount": job.exported}
        if job.status == jobs.COMPLETED else None,
    }


@operation("sesv2", "ListExportJobs")
def list_export_jobs(backend: Backend, *, NextToken: Optional[str] = None, PageSize: Optional[int] = None,
                     ExportSourceType: Optional[str] = None, JobStatus: Optional[str] = None) -> dict[str, Any]:
    backend.jobs.settle(backend)
    found, token = backend.jobs.list_exports(ExportSourceType, JobStatus, NextToken, PageSize)
    return {"ExportJobs": [{"JobId": j.job_id, "ExportSourceType": j.source_type, "JobStatus": j.status,
                            "CreatedTimestamp": j.created_at, "CompletedTimestamp": j.completed_at}
                           for j in found], "NextToken": token}


@operation("sesv2", "CancelExportJob")
def cancel_export_job(backend: Backend, *, JobId: str) -> dict[str, Any]:
    backend.jobs.cancel(JobId)
    return {}
