"""A person's own data on their page: consent, the subject-access export, erasure."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trainees.forms.personal_data import AnonymiseForm
from trainees.models import JobSeeker
from trainees.selectors.personal_data import personal_data_xlsx
from trainees.services.personal_data import (
    can_handle_personal_data,
    job_seeker_anonymise,
    job_seeker_set_consent,
)
from trainees.views.job_seekers import _person
from vokasi.audit import record_access
from vokasi.errors import add_to_form
from vokasi.exports import download
from vokasi.models import AccessLog
from vokasi.roles import OFFICE, role_required

access_log = logging.getLogger("vokasi.personal_data")


def _own_person(request: HttpRequest, pk: int) -> JobSeeker:
    """The person, for an officer of the owning office or an admin (others: 404)."""
    person = _person(request, pk)
    if not can_handle_personal_data(request.user, person):
        raise Http404
    return person


@role_required(OFFICE)
def job_seeker_personal_data(request: HttpRequest, pk: int) -> HttpResponse:
    person = _own_person(request, pk)
    record_access(request, AccessLog.Action.EXPORT, person)
    access_log.info(
        "personal data export of job seeker %s (xlsx) by user %s", person.pk, request.user.pk
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    return download(personal_data_xlsx(person), f"data-pribadi-{person.pk}-{stamp}.xlsx")


@require_POST
@role_required(OFFICE)
def job_seeker_consent(request: HttpRequest, pk: int) -> HttpResponse:
    person = _own_person(request, pk)
    consent = request.POST.get("consent") == "yes"
    try:
        job_seeker_set_consent(job_seeker=person, consent=consent, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Consent recorded: the contact may be shared with employers.")
            if consent
            else _("Consent withdrawn: employers no longer see the contact."),
        )
    return redirect("trainees:job-seeker-detail", pk=person.pk)


@role_required(OFFICE)
def job_seeker_anonymise_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _own_person(request, pk)
    if person.is_anonymised:
        messages.info(request, _("This person's data has already been anonymised."))
        return redirect("trainees:job-seeker-detail", pk=person.pk)
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job_seeker_anonymise(
                job_seeker=person, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            access_log.info("job seeker %s anonymised by user %s", person.pk, request.user.pk)
            messages.success(request, _("The person's data has been anonymised."))
            return redirect("trainees:job-seeker-detail", pk=person.pk)
    return render(request, "trainees/job_seeker_anonymise.html", {"person": person, "form": form})
