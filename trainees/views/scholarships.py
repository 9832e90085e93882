"""Recording a scholarship on an agreement's page (officers who manage the agreement,
admins); the agreement's page (``reports/views_agreements.py``) lists them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.forms.scholarships import ScholarshipForm
from trainees.services.scholarships import scholarship_award
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
