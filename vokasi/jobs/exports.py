"""Large downloads built by a worker.

A list or report whose download holds more rows than ``VOKASI_BACKGROUND_EXPORT_ROWS``
(and the yearly IPK workbook, always) is not built in the request: ``export_later``
queues a job and answers with its page (or, on the API when the client sent
``Prefer: respond-async``, 202 with the job's address). The job replays the same GET as
its owner: the worker resolves the path and calls the same view with the same query
and language, so the file has exactly the rows, columns, masking and access-log entry
the page would have given, within the owner's scope (``visible_to``) as it is when the
job runs. The file is kept ``VOKASI_JOB_KEEP_HOURS`` (a day) and then purged with the
job (``jobs_purge``); only its owner and admins may download it.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vokasi.jobs.progress import reporting_to
from vokasi.jobs.registry import Outcome, register
from vokasi.jobs.services import job_submit

KIND = "export"
#: What marks the request a worker replays: the view builds the file now.
IN_WORKER = "_vokasi_export_job"
FILENAME = re.compile(r'filename="([^"]+)"')


def export_later(request, *, rows: int, always: bool = False):
    """The answer that hands this download to a worker, or None to build it now.

    Pages: when ``rows`` is over the setting (or ``always``), a redirect to the job's
    page. API: only when the client asked for it (``Prefer: respond-async``), 202 with
    ``Location``; otherwise the contract's synchronous file, whatever its size."""
    from vokasi.jobs.api import accepted, respond_async

    if getattr(request, IN_WORKER, None) is not None:
        return None
    api = request.path_info.startswith("/api/")
    if api:
        if not respond_async(request):
            return None
    elif not always and rows <= settings.VOKASI_BACKGROUND_EXPORT_ROWS:
        return None
    job = export_submit(request, rows=rows, api=api)
    return accepted(job) if api else redirect("job-detail", pk=job.pk)


def export_submit(request, *, rows: int = 0, api: bool = False):
    query = request.GET.urlencode()
    language = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256(f"{request.path_info}?{query}#{language}".encode()).hexdigest()
    job, _created = job_submit(
        owner=request.user,
        kind=KIND,
        filename=f"{request.path}?{query}"[:255],  # until the file has its name
        params={
            "path": request.path_info,  # what the worker resolves
            "url": request.path,  # what the job's page links back to
            "query": query,
            "language": language,
            "api": api,
            "rows": rows,
            "ip": request.META.get("REMOTE_ADDR", ""),
        },
        key=f"{KIND}:{digest[:40]}",
    )
    return job


def replay_request(job) -> HttpRequest:
    """The owner's GET as the worker sends it to the view."""
    params = job.params
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = params["path"]
    request.GET = QueryDict(params["query"])
    request.META = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": params["query"],
        "REMOTE_ADDR": params.get("ip") or "127.0.0.1",
        "SERVER_NAME": "worker",
        "SERVER_PORT": "80",
        "HTTP_ACCEPT_LANGUAGE": params["language"],
    }
    request.user = job.owner
    request.LANGUAGE_CODE = params["language"]
    request._dont_enforce_csrf_checks = True
    setattr(request, IN_WORKER, job)
    return request


def run_export(job, progress) -> Outcome:
    if job.owner is None or not job.owner.is_active:
        return Outcome(message=_("The account that asked for this file is no longer active."))
    request = replay_request(job)
    progress.phase("exporting", total=job.params.get("rows") or 0)
    match = resolve(request.path_info)
    try:
        with translation.override(job.params["language"]), reporting_to(progress):
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
    except (Http404, PermissionDenied):
        response = None
    disposition = response.get("Content-Disposition", "") if response is not None else ""
    found = FILENAME.search(disposition)
    if response is None or response.status_code != 200 or not found:
        return Outcome(
            message=_(
                "The file could not be made: the list is no longer open to this account, "
                "or its filters are no longer valid."
            )
        )
    body = response.content
    type(job).objects.filter(pk=job.pk).update(filename=found.group(1)[:255])
    state = progress.state if hasattr(progress, "state") else {}
    return Outcome(
        result={"filename": found.group(1), "rows": state.get("done", 0), "bytes": len(body)},
        output=body,
        output_name=found.group(1),
    )


def back(job) -> str:
    """The page the download came from, without ``format``."""
    query = QueryDict(job.params.get("query", ""), mutable=True)
    query.pop("format", None)
    path = job.params.get("url") or job.params.get("path", "/")
    return f"{path}?{query.urlencode()}" if query else path


register(KIND, label=_lazy("Download"), run=run_export, back=back)
