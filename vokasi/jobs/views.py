"""A background job's page: a progress bar that updates itself, then the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vokasi.jobs import registry
from vokasi.jobs.models import Job
from vokasi.jobs.services import job_discard, jobs_recover

#: Row errors shown on the page (all of them are in the job's answer).
ERRORS_SHOWN = 200


@login_required
def job_detail(request, pk: int):
    jobs_recover()  # a job whose worker died says so, rather than spin forever
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    kind = registry.kind(job.kind)
    return render(
        request,
        "vokasi/job_detail.html",
        {
            "job": job,
            "label": kind.label,
            "back": kind.back(job) if kind.back else "",
            "back_label": kind.back_label(job) if kind.back_label else "",
            "errors_shown": job.errors[:ERRORS_SHOWN],
            # The page's script names the status and phase the job's answer gives as codes.
            "labels": {
                "status": {code: str(name) for code, name in Job.Status.choices},
                "phase": {code: str(name) for code, name in Job.Phase.choices},
            },
        },
    )


@require_POST
@login_required
def job_discard_view(request, pk: int):
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    kind = registry.kind(job.kind)
    back = kind.back(job) if kind.back else "home"
    if not job.finished:
        messages.error(request, _("A job cannot be discarded while it is queued or running."))
        return redirect("job-detail", pk=job.pk)
    job_discard(job=job)
    messages.success(request, _("The job and its file are discarded."))
    return redirect(back)


def output_response(job: Job) -> FileResponse:
    """A finished job's file as an attachment under the name the page would have given
    it; 404 while there is none (queued, failed, purged)."""
    if job.status != Job.Status.DONE or not job.output:
        raise Http404
    try:
        handle = job.output.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = (job.result or {}).get("filename") or job.output.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def job_download(request, pk: int):
    """The file a job made (a large download): its owner's and the admins' only."""
    return output_response(get_object_or_404(Job.objects.visible_to(request.user), pk=pk))


def recent_jobs(user, limit: int = 5) -> list[Job]:
    """The user's running and recent jobs, for the home page: only what its list shows
    (a job's parameters, result and row errors are read and decoded on its own page)."""
    return list(
        Job.objects.filter(owner=user)
        .only("kind", "status", "done", "total", "filename", "created_at")
        .order_by("-created_at")[:limit]
    )
