"""Registering many people from a file (a job fair's or a school's list): check it
first, then register, then print their cards; and the empty file to fill in."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trainees.models import JobSeeker
from trainees.services.registration.importing import COLUMNS as IMPORT_COLUMNS
from trainees.services.registration.importing import TEMPLATE_HEADERS, job_seekers_import
from trainees.views.job_seekers import _counter_office
from vokasi.jobs.services import file_digest, job_submit
from vokasi.roles import OFFICE, role_required
from vokasi.tabular import for_a_worker
from vokasi.views.uploads import template_response, upload_checked


def _registered(user, result) -> dict:
    """The people a file just registered, with their new AK/I numbers, and the link
    that prints their cards."""
    numbers = [change["registration_number"] for change in result.changes]
    people = list(
        JobSeeker.objects.visible_to(user)
        .filter(registration_number__in=numbers)
        .order_by("registration_number")
        .only("pk", "registration_number", "name")
    )
    query = urlencode([("id", person.pk) for person in people])
    return {
        "registered": people,
        "cards_url": f"{reverse('trainees:job-seeker-cards')}?{query}" if people else "",
    }


@role_required(OFFICE)
def job_seeker_import(request: HttpRequest) -> HttpResponse:
    """Upload a job fair's or a school's list; check it first (dry run), then register."""
    office = _counter_office(request)
    context: dict = {"max_mb": settings.VOKASI_UPLOAD_MAX_BYTES // 1_048_576}
    status = 200  # a refused file answers 4xx, as the API does (upload_checked)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is not None and for_a_worker(upload):
            # A big file is read by a worker; the job's page shows how far it is.
            dry_run = bool(request.POST.get("dry_run"))
            job, _created = job_submit(
                owner=request.user,
                kind="job_seekers_import",
                params={"office": office.pk, "dry_run": dry_run},
                file=upload,
                filename=upload.name,
                key=f"{office.pk}:{dry_run}:{file_digest(upload)}",
            )
            return redirect("job-detail", pk=job.pk)
        outcome, status, result = upload_checked(
            request, partial(job_seekers_import, office=office, imported_by=request.user)
        )
        context.update(outcome)
        if result is not None and result.ok and not result.dry_run:
            context.update(_registered(request.user, result))
            messages.success(
                request,
                _("%(created)s job seekers registered, %(unchanged)s already registered.")
                % {"created": intcomma(result.created), "unchanged": intcomma(result.unchanged)},
            )
    context["columns"] = IMPORT_COLUMNS
    return render(request, "trainees/job_seeker_import.html", context, status=status)


@role_required(OFFICE)
def job_seeker_import_template(request: HttpRequest) -> HttpResponse:
    """An empty sheet with the expected headers, to fill in and upload."""
    return template_response(TEMPLATE_HEADERS, "pencari-kerja.csv")
