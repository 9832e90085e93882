"""Pages for who pays and what became of the graduates: a cohort's funding lines, CSR
commitments, and the tracer grid with its upload.

Views shape requests and responses; ``trainees.services.funding`` and ``.tracer`` decide;
``visible_to`` scopes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from trainees.forms.funding import (
    CsrCommitmentForm,
    FundingFormSet,
    GraduateStatusForm,
    TracerUploadForm,
)
from trainees.models import CsrCommitment, Enrollment, FundingLine, GraduateStatus
from trainees.selectors import training as training_reads
from trainees.services import funding as services
from trainees.services import tracer
from trainees.services.training import TRAINING_STAFF
from trainees.views.training import visible_cohort
from vokasi.errors import add_to_form
from vokasi.roles import OFFICE, TRAINING, role_required
from vokasi.tabular import TableError

# ---------------------------------------------------------------------------- funding


@role_required(TRAINING_STAFF)
def cohort_funding(request: HttpRequest, pk: int) -> HttpResponse:
    """Every funding line of the cohort in one form; saving replaces them all."""
    cohort = visible_cohort(request, pk)
    initial = [
        {
            "source": line.source,
            "sponsor": line.sponsor_id,
            "commitment": line.commitment_id,
            "budgeted": line.budgeted,
            "spent": line.spent,
            "seats": line.seats,
        }
        for line in cohort.funding_lines.order_by("pk")
    ]
    kwargs = {"form_kwargs": {"user": request.user}, "initial": initial, "prefix": "line"}
    if request.method == "POST":
        formset = FundingFormSet(request.POST, **kwargs)
        if formset.is_valid():
            try:
                changed = services.funding_lines_set(
                    actor=request.user, cohort=cohort, lines=formset.lines()
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                if changed:
                    messages.success(request, _("Funding saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect("trainees:cohort-detail", pk=cohort.pk)
        return render(
            request,
            "trainees/cohort_funding.html",
            {"cohort": cohort, "formset": formset},
            status=400,
        )
    formset = FundingFormSet(**kwargs)
    return render(request, "trainees/cohort_funding.html", {"cohort": cohort, "formset": formset})


# ----------------------------------------------------------------- CSR commitments


@role_required(TRAINING)  # officers, trainers, admins read them; companies never
def commitment_list(request: HttpRequest) -> HttpResponse:
    commitments = (
        CsrCommitment.objects.visible_to(request.user)
        .select_related("sponsor")
        .annotate(seats_used=Sum("funding_lines__seats"), spent=Sum("funding_lines__spent"))
        .order_by("-year", "title", "pk")
    )
    return render(
        request,
        "trainees/commitment_list.html",
        {
            "commitments": commitments,
            "can_create": services.can_manage_commitments(request.user),
        },
    )


@role_required(OFFICE)
def commitment_create(request: HttpRequest) -> HttpResponse:
    form = CsrCommitmentForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                commitment = services.csr_commitment_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("CSR commitment recorded."))
                return redirect("trainees:commitment-detail", pk=commitment.pk)
        return render(request, "trainees/commitment_form.html", {"form": form}, status=400)
    return render(request, "trainees/commitment_form.html", {"form": form})


@role_required(TRAINING)
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        CsrCommitment.objects.visible_to(request.user).select_related("sponsor"), pk=pk
    )
    lines = (
        FundingLine.objects.filter(commitment=commitment)
        .select_related("cohort__programme__provider")
        .order_by("cohort__start_date", "pk")
    )
    return render(
        request,
        "trainees/commitment_detail.html",
        {
            "commitment": commitment,
            "lines": lines,
            "realisation": services.commitment_realisation(commitment),
        },
    )


# ----------------------------------------------------------------------------- tracer


def _graduates(request: HttpRequest, cohort):
    """The cohort's completers the reader may trace (an officer: its office's people)."""
    return (
        Enrollment.objects.visible_to(request.user)
        .filter(cohort=cohort, status=Enrollment.Status.COMPLETED)
        .select_related("job_seeker")
        .order_by("job_seeker__name", "pk")
    )


def tracer_grid(cohort, graduates) -> list[dict]:
    """One row per completer: the status at 3, 6 and 12 months, or a placement that
    implies "employed" where no status was recorded for that point."""
    from dateutil.relativedelta import relativedelta

    placed = {
        months: training_reads.started_work_in(
            graduates, cohort.end_date, cohort.end_date + relativedelta(months=months)
        )
        for months in GraduateStatus.MONTHS
    }
    graduates = graduates.prefetch_related(
        Prefetch(
            "graduate_statuses",
            queryset=GraduateStatus.objects.select_related("sector"),
            to_attr="statuses",
        )
    )
    rows = []
    for enrollment in graduates:
        recorded = {s.months_after: s for s in enrollment.statuses}
        cells = [
            {
                "months": months,
                "status": recorded.get(months),
                "placed": enrollment.pk in placed[months],
            }
            for months in GraduateStatus.MONTHS
        ]
        rows.append({"enrollment": enrollment, "cells": cells})
    return rows


@role_required(TRAINING)
def cohort_tracer(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    graduates = _graduates(request, cohort)
    form = GraduateStatusForm(request.POST or None, enrollments=graduates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            enrollment = form.cleaned_data["enrollment"]
            try:
                tracer.graduate_status_record(
                    actor=request.user, enrollment=enrollment, data=form.status_input()
                )
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Status recorded for %(name)s.") % {"name": enrollment.job_seeker.name},
                )
                return redirect("trainees:cohort-tracer", pk=cohort.pk)
        status = 400
    return render(
        request,
        "trainees/cohort_tracer.html",
        {
            "cohort": cohort,
            "rows": tracer_grid(cohort, graduates),
            "months": GraduateStatus.MONTHS,
            "form": form,
        },
        status=status,
    )


@role_required(TRAINING)
def cohort_tracer_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A tracer file: checked row by row, then saved all or nothing (or only checked)."""
    cohort = visible_cohort(request, pk)
    form = TracerUploadForm(request.POST or None, request.FILES or None)
    context = {"cohort": cohort, "form": form, "columns": tracer.COLUMNS}
    if request.method != "POST":
        return render(request, "trainees/cohort_tracer_upload.html", context)
    if not form.is_valid():
        return render(request, "trainees/cohort_tracer_upload.html", context, status=400)
    upload = form.cleaned_data["file"]
    dry_run = form.cleaned_data["dry_run"]
    try:
        outcome = tracer.cohort_tracer_import(
            actor=request.user, cohort=cohort, file=upload, filename=upload.name, dry_run=dry_run
        )
    except TableError as exc:
        context.update(file_error=exc.message, errors=exc.errors)
        return render(request, "trainees/cohort_tracer_upload.html", context, status=exc.status)
    context.update(result=outcome, errors=outcome.errors, filename=upload.name)
    if outcome.ok and not dry_run:
        messages.success(
            request,
            _(
                "Tracer statuses saved: %(created)d new, %(updated)d corrected, "
                "%(unchanged)d unchanged."
            )
            % {
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
            },
        )
        return redirect("trainees:cohort-tracer", pk=cohort.pk)
    return render(
        request,
        "trainees/cohort_tracer_upload.html",
        context,
        status=200 if outcome.ok else 400,
    )
