"""The one task the queue knows: run a job by its id (the job row holds the rest)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from vokasi.jobs.services import job_run

    job_run(job_id)
