"""Likely duplicate registrations (different NIKs, same person) and their merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trainees.forms.job_seekers import (
    MergeForm,
)
from trainees.models import JobSeeker
from trainees.selectors.job_seekers import (
    duplicate_groups,
)
from trainees.services.registration import (
    job_seeker_merge,
)
from trainees.views.job_seekers import _counter_office
from vokasi.roles import OFFICE, is_officer, role_required


@role_required(OFFICE)
def job_seeker_duplicates(request: HttpRequest) -> HttpResponse:
    """Likely duplicates: different NIKs, same normalised name and birth date."""
    people = list(duplicate_groups(request.user)[:500])
    groups: dict[tuple, list[JobSeeker]] = {}
    for person in people:
        groups.setdefault((person.name_normalised, person.birth_date), []).append(person)
    return render(
        request,
        "trainees/job_seeker_duplicates.html",
        {"groups": list(groups.values()), "can_act": is_officer(request.user)},
    )


@require_POST
@role_required(OFFICE)
def job_seeker_merge_view(request: HttpRequest) -> HttpResponse:
    _counter_office(request)
    form = MergeForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        response = job_seeker_duplicates(request)
        response.status_code = 400
        return response
    keep, duplicate = form.cleaned_data["keep"], form.cleaned_data["duplicate"]
    try:
        job_seeker_merge(keep=keep, duplicate=duplicate, merged_by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(dup)s is merged into %(keep)s.")
            % {"dup": duplicate.registration_number, "keep": keep.registration_number},
        )
    return redirect("trainees:job-seeker-duplicates")
