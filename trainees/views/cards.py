"""The AK/I card: one person's to print at the counter, or many at once after a file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trainees.forms.job_seekers import (
    CardsForm,
)
from trainees.models import JobSeeker
from trainees.services.registration import (
    report_due_dates,
)
from trainees.views.job_seekers import _person
from vokasi.audit import record_access
from vokasi.roles import OFFICE, role_required


@role_required(OFFICE)
def job_seeker_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The AK/I card, laid out to print on the card's two pages."""
    person = _person(request, pk)
    record_access(request, "view", person)
    return render(
        request,
        "trainees/job_seeker_card.html",
        {"person": person, "card": _card(request.user, person)},
    )


@role_required(OFFICE)
def job_seeker_cards(request: HttpRequest) -> HttpResponse:
    """Many AK/I cards to print at once, e.g. everyone a file just registered
    (``?id=…&id=…``, people of the officer's own office)."""
    form = CardsForm(request.GET, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("trainees:job-seeker-import")
    people = (
        form.cleaned_data["id"]
        .select_related("office", "region", "education")
        .prefetch_related("skill_rows__skill", "reports")
        .order_by("registration_number")
    )
    cards = [{**_card(request.user, person), "person": person} for person in people]
    # One entry for the page (the ids are its query string), as an export is logged.
    record_access(request, "view", JobSeeker, people=len(cards))
    return render(request, "trainees/job_seeker_cards.html", {"cards": cards})


def _card(user, person: JobSeeker) -> dict:
    """What one card shows besides the person: the NIK as the user may see it, the
    skills, and the four report-back boxes."""
    reports = sorted(person.reports.all(), key=lambda r: r.reported_on)
    dues = report_due_dates(person.registered_on)
    return {
        "nik": person.nik_for(user),
        "skills": sorted(
            sorted(person.skill_rows.all(), key=lambda row: row.skill_id),
            key=lambda row: row.source,
            reverse=True,
        ),
        "boxes": [
            {"n": i + 1, "due": due, "report": reports[i] if i < len(reports) else None}
            for i, due in enumerate(dues)
        ],
    }
