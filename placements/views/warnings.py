"""Written warnings to companies that do not report (Perpres 57/2023 Pasal 17): the
office's list, a company's warnings, recording one and its answer, the letter. The
office keeping the company's register (``placements.selectors.register``) writes; the
company reads its own warnings on its home page and may download the letter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.forms.warnings import WarningAnswerForm, WarningForm
from placements.models import CompanyWarning
from placements.services.warnings import company_warning_answer, company_warning_record
from vokasi.errors import Conflict, add_to_form
from vokasi.models import Company
from vokasi.roles import OFFICE, OFFICE_AND_COMPANY, role_required
from vokasi.tabular.types import TableError


def _warnings(user):
    return CompanyWarning.objects.visible_to(user).select_related("company", "recorded_by")


@role_required(OFFICE)
def warning_list(request: HttpRequest) -> HttpResponse:
    """Every warning of the office's register, newest first."""
    warnings = _warnings(request.user).filter(
        company__in=Company.objects.in_register_of(request.user)
    )
    unanswered = request.GET.get("unanswered") == "1"
    if unanswered:
        warnings = warnings.filter(answered_on__isnull=True)
    return render(
        request,
        "placements/warning_list.html",
        {"warnings": warnings.order_by("-date", "-pk")[:500], "unanswered": unanswered},
    )


@role_required(OFFICE)
def company_warnings(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.in_register_of(request.user), pk=pk)
    return render(
        request,
        "placements/warning_list.html",
        {"company": company, "warnings": _warnings(request.user).filter(company=company)},
    )


@role_required(OFFICE)
def company_warning_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.in_register_of(request.user), pk=pk)
    if request.method == "POST":
        form = WarningForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                warning = company_warning_record(
                    actor=request.user,
                    company=company,
                    number=data["number"],
                    date=data["date"],
                    reason=data["reason"],
                    document=data.get("document"),
                )
            except (ValidationError, Conflict) as error:
                add_to_form(form, error)
            except TableError as error:
                form.add_error("document", str(error))
            else:
                messages.success(
                    request,
                    _("Warning %(number)s to %(company)s recorded.")
                    % {"number": warning.number, "company": company.name},
                )
                return redirect("placements:company-warnings", pk=company.pk)
        status = 400
    else:
        form = WarningForm(initial={"date": timezone.localdate()})
        status = 200
    return render(
        request,
        "placements/warning_form.html",
        {"form": form, "company": company, "title": _("Record a written warning")},
        status=status,
    )


@role_required(OFFICE)
def warning_answer(request: HttpRequest, pk: int) -> HttpResponse:
    warning = get_object_or_404(
        _warnings(request.user).filter(company__in=Company.objects.in_register_of(request.user)),
        pk=pk,
    )
    if request.method == "POST":
        form = WarningAnswerForm(request.POST)
        if form.is_valid():
            try:
                company_warning_answer(actor=request.user, warning=warning, **form.cleaned_data)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("The answer to warning %(number)s is recorded.") % {"number": warning.number},
                )
                return redirect("placements:company-warnings", pk=warning.company_id)
        status = 400
    else:
        form = WarningAnswerForm(
            initial={
                "answer": warning.answer,
                "answered_on": warning.answered_on or timezone.localdate(),
            }
        )
        status = 200
    return render(
        request,
        "placements/warning_form.html",
        {
            "form": form,
            "company": warning.company,
            "warning": warning,
            "title": _("Record the company's answer"),
        },
        status=status,
    )


@role_required(OFFICE_AND_COMPANY)
def warning_document(request: HttpRequest, pk: int) -> FileResponse:
    """The letter, for the office keeping the register and the company warned."""
    warning = get_object_or_404(CompanyWarning.objects.visible_to(request.user), pk=pk)
    if not warning.document:
        raise Http404
    return FileResponse(
        warning.document.open("rb"),
        as_attachment=True,
        filename=f"{warning.number.replace('/', '-')}.pdf",
        content_type="application/pdf",
    )
