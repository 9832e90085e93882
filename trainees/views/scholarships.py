"""Recording a scholarship on an agreement's page, and what became of it (officers who
manage the agreement, admins); the agreement's page (``reports/views/agreements.py``)
lists them, each with a small status form for those who manage it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.forms.scholarships import ScholarshipForm, ScholarshipStatusForm
from trainees.services.scholarships import scholarship_award, scholarship_set_status
from vokasi.agreements.services import require_manager
from vokasi.errors import Conflict, add_to_form
from vokasi.models import Agreement
from vokasi.roles import OFFICE, role_required


@role_required(OFFICE)
def scholarship_new(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    require_manager(request.user, agreement)
    status = 200
    if request.method == "POST":
        form = ScholarshipForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                scholarship, created = scholarship_award(
                    actor=request.user, agreement=agreement, data=form.to_input()
                )
            except (ValidationError, Conflict) as error:
                add_to_form(form, error)
            else:
                text = (
                    _("Scholarship of %(name)s recorded.")
                    if created
                    else _("The scholarship of %(name)s was already recorded.")
                )
                messages.success(request, text % {"name": scholarship.recipient_name})
                return redirect("agreements:detail", pk=agreement.pk)
        status = 400
    else:
        form = ScholarshipForm(
            user=request.user,
            initial={"awarded_on": timezone.localdate(), "status": "awarded"},
        )
    return render(
        request,
        "trainees/scholarship_form.html",
        {"form": form, "agreement": agreement},
        status=status,
    )


@role_required(OFFICE)
def scholarship_status(request: HttpRequest, pk: int, scholarship_pk: int) -> HttpResponse:
    """Mark a scholarship completed or dropped (or awarded again): its own page, and the
    target of the small form on each row of the agreement's page; a refusal shows this
    page with the message (400)."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    require_manager(request.user, agreement)
    # Read through the agreement (already scoped): the scholarship keeps it, unread again.
    scholarship = get_object_or_404(agreement.scholarships, pk=scholarship_pk)
    status = 200
    if request.method == "POST":
        form = ScholarshipStatusForm(request.POST)
        if form.is_valid():
            try:
                scholarship, changed = scholarship_set_status(
                    actor=request.user,
                    scholarship=scholarship,
                    status=form.cleaned_data["status"],
                    ended_on=form.cleaned_data["ended_on"],
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                text = (
                    _("Scholarship of %(name)s: %(status)s.")
                    if changed
                    else _("The scholarship of %(name)s was already %(status)s.")
                )
                name, label = scholarship.recipient_name, scholarship.get_status_display()
                messages.success(request, text % {"name": name, "status": label})
                return redirect(reverse("agreements:detail", args=[agreement.pk]) + "#scholarships")
        status = 400
    else:
        form = ScholarshipStatusForm(
            initial={"status": scholarship.status, "ended_on": scholarship.ended_on}
        )
    return render(
        request,
        "trainees/scholarship_status.html",
        {"form": form, "agreement": agreement, "scholarship": scholarship},
        status=status,
    )
