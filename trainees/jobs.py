"""The trainees app's long work, run by a worker: job-seeker imports and results uploads
(the same services as the pages and the API, all or nothing)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort
from trainees.services import results
from trainees.services.registration.importing import job_seekers_import
from vokasi.jobs.registry import Outcome, register
from vokasi.models import LabourOffice
from vokasi.tabular import TableError


def _refused(error: TableError) -> Outcome:
    return Outcome(message=error.message, errors=[e.as_dict() for e in error.errors])


def run_job_seekers_import(job, progress) -> Outcome:
    office = LabourOffice.objects.get(pk=job.params["office"])
    with job.file.open("rb") as file:
        try:
            result = job_seekers_import(
                office=office,
                file=file,
                filename=job.filename,
                dry_run=job.params.get("dry_run", False),
                imported_by=job.owner,
                progress=progress,
            )
        except TableError as error:
            return _refused(error)
    return _done(result)


def run_cohort_results(job, progress) -> Outcome:
    cohort = Cohort.objects.get(pk=job.params["cohort"])
    with job.file.open("rb") as file:
        source = {"rows": json.load(file)} if job.params.get("rows") else {"file": file}
        try:
            result = results.cohort_results_import(
                actor=job.owner,
                cohort=cohort,
                dry_run=job.params.get("dry_run", False),
                filename=job.filename,
                progress=progress,
                **source,
            )
        except TableError as error:
            return _refused(error)
        except ValidationError as error:
            return Outcome(message=" ".join(error.messages))
    return _done(result)


def _done(result) -> Outcome:
    body = result.as_dict()
    return Outcome(result=body if result.ok else None, errors=body["errors"])


register(
    "job_seekers_import",
    label=_("Job-seeker import"),
    run=run_job_seekers_import,
    back=lambda job: reverse("trainees:job-seeker-import"),
)
register(
    "cohort_results",
    label=_("Training results upload"),
    run=run_cohort_results,
    back=lambda job: reverse("trainees:cohort-detail", args=[job.params["cohort"]]),
)
