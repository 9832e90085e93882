"""Training pages: programmes, cohorts, a cohort's roster and outcomes, candidates.

Views shape requests and responses; the services decide; ``visible_to`` scopes.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from trainees.filters import CandidateSearchForm, CohortFilter, ProgrammeFilter
from trainees.forms.training import (
    CohortForm,
    EnrollForm,
    ProgrammeForm,
    ResultsUploadForm,
    WithdrawForm,
)
from trainees.models import Cohort, Enrollment, Programme
from trainees.selectors import candidates as candidate_reads
from trainees.selectors import training as selectors
from trainees.services import funding as funding_services
from trainees.services import results
from trainees.services import tracer as tracer_services
from trainees.services import training as services
from trainees.services.results import reading as results_reading
from trainees.services.results.template import results_template_xlsx
from trainees.tables import CohortTable, ProgrammeTable, RosterTable
from vokasi.audit import record_access
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin, download, export_table, requested_format
from vokasi.jobs.services import file_digest, job_submit
from vokasi.roles import TRAINING, RoleRequiredMixin, role_required
from vokasi.tabular import TableError, for_a_worker
from vokasi.tabular.staging import AlreadyUsed, Expired, upload_stage, upload_take

logger = logging.getLogger(__name__)


class TrainingListView(RoleRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    """Companies never use the training pages (403); everyone else is scoped later."""

    roles = TRAINING
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = services.can_manage_training(self.request.user)
        return context


class ProgrammeListView(TrainingListView):
    template_name = "trainees/programme_list.html"
    table_class = ProgrammeTable
    filterset_class = ProgrammeFilter
    export_name = _lazy("programmes")

    def get_queryset(self):
        return selectors.programme_list(self.request.user)


class CohortListView(TrainingListView):
    template_name = "trainees/cohort_list.html"
    table_class = CohortTable
    filterset_class = CohortFilter
    export_name = _lazy("cohorts")

    def get_queryset(self):
        return selectors.cohort_list(self.request.user)


@role_required(TRAINING)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related(
            "provider", "vocation", "education_min"
        ),
        pk=pk,
    )
    cohorts = CohortTable(
        selectors.cohort_list(request.user).filter(programme=programme),
        exclude=("programme", "provider"),
    )
    RequestConfig(request, paginate=False).configure(cohorts)
    return render(
        request,
        "trainees/programme_detail.html",
        {
            "programme": programme,
            "skills": programme.skills.order_by("code"),
            "cohorts": cohorts,
            "can_manage": services.can_manage_training(request.user),
        },
    )


@role_required(services.TRAINING_STAFF)
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, Conflict) as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Programme %(name)s saved.") % {"name": programme.name})
            return redirect("trainees:programme-detail", pk=programme.pk)
    return render(request, "trainees/programme_form.html", {"form": form})


@role_required(services.TRAINING_STAFF)
def cohort_create(request: HttpRequest) -> HttpResponse:
    initial = {"programme": request.GET.get("programme")}
    form = CohortForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Cohort %(name)s saved.") % {"name": cohort.name})
            return redirect("trainees:cohort-detail", pk=cohort.pk)
    return render(request, "trainees/cohort_form.html", {"form": form})


def visible_cohort(request: HttpRequest, pk: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.visible_to(request.user).select_related(
            "programme__provider", "programme__vocation", "programme__education_min"
        ),
        pk=pk,
    )


@role_required(TRAINING)
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    roster_rows = selectors.cohort_roster(cohort).filter(
        pk__in=Enrollment.objects.visible_to(request.user).values("pk")
    )
    roster = RosterTable(roster_rows)
    RequestConfig(request, paginate=False).configure(roster)
    fmt = requested_format(request)
    if fmt:
        return export_table(
            request,
            roster,
            fmt=fmt,
            name=_lazy("trainees"),
            parts=[cohort.name],
            personal_data="cohort: roster",
            object_id=cohort.pk,
        )
    outcomes = selectors.cohort_outcomes(cohort)
    can_manage = services.can_manage_training(request.user)
    next_statuses = [
        Cohort.Status(s) for s in services.COHORT_TRANSITIONS[Cohort.Status(cohort.status)]
    ]
    return render(
        request,
        "trainees/cohort_detail.html",
        {
            "cohort": cohort,
            "programme": cohort.programme,
            "roster": roster,
            "outcomes": outcomes,
            "history": selectors.result_history(cohort, limit=50) if can_manage else [],
            "can_manage": can_manage,
            "can_enroll": services.can_enroll(request.user) and cohort.status in services.ENROLLING,
            "next_statuses": next_statuses if can_manage else [],
            "funding": funding_services.funding_summary(cohort),
            "can_fund": funding_services.can_fund(request.user, cohort),
            "can_trace": tracer_services.can_trace(request.user),
        },
    )


@role_required(TRAINING)
@require_POST
def cohort_status(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    try:
        services.cohort_set_status(
            actor=request.user, cohort=cohort, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Cohort status changed."))
    return redirect("trainees:cohort-detail", pk=cohort.pk)


@role_required(TRAINING)
def cohort_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    search_form = CandidateSearchForm(request.GET)
    search = search_form.search()
    candidates = candidate_reads.cohort_candidates(cohort, request.user, search=search)
    page = Paginator(candidates, 50).get_page(request.GET.get("page"))
    people = list(page)
    for person in people:
        person.age = person.age_on(cohort.start_date)
    candidate_reads.explain_candidates(cohort, people)
    taken = cohort.enrollments.filter(status__in=services.PLACE_HOLDING).count()
    return render(
        request,
        "trainees/cohort_candidates.html",
        {
            "cohort": cohort,
            "programme": cohort.programme,
            "page": page,
            "people": people,
            "search_form": search_form,
            "search": search,
            "search_query": urlencode({"q": search}) if search else "",
            "taken": taken,
            "places_left": max(cohort.quota - taken, 0),
            "points": candidate_reads.FIT_POINTS,
        },
    )


@role_required(TRAINING)
@require_POST
def cohort_enroll(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    form = EnrollForm(request.POST, queryset=candidate_reads.enrollable_job_seekers(request.user))
    back = reverse("trainees:cohort-candidates", args=[cohort.pk])
    search = form.data.get("q", "")
    if isinstance(search, str) and search.strip() and len(search) <= 100:
        back += "?" + urlencode({"q": search.strip()})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    person = form.cleaned_data["job_seeker"]
    try:
        services.enrollment_create(actor=request.user, cohort=cohort, job_seeker=person)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, f"{person.name}: {error}")
    else:
        messages.success(request, _("%(name)s enrolled.") % {"name": person.name})
    return redirect(back)


@role_required(TRAINING)
def cohort_withdraw(request: HttpRequest, pk: int, enrollment_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    enrollment = get_object_or_404(
        Enrollment.objects.visible_to(request.user).select_related("job_seeker"),
        pk=enrollment_pk,
        cohort=cohort,
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_withdraw(
                actor=request.user, enrollment=enrollment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("%(name)s left the cohort.") % {"name": enrollment.job_seeker.name}
            )
            return redirect("trainees:cohort-detail", pk=cohort.pk)
    return render(
        request,
        "trainees/cohort_withdraw.html",
        {"cohort": cohort, "enrollment": enrollment, "form": form},
    )


# ---------------------------------------------------------------------------- results


@role_required(services.TRAINING_STAFF)
def cohort_results_template(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    logger.info(
        "results template of cohort %s (with NIKs) downloaded by user %s",
        cohort.pk,
        request.user.pk,
    )
    people = cohort.enrollments.count()
    record_access(request, "download", "cohort results file", object_id=cohort.pk, people=people)
    return download(results_template_xlsx(cohort), f"hasil-angkatan-{cohort.pk}.xlsx")


@role_required(services.TRAINING_STAFF)
def cohort_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → dry run shown as a table → confirm. The file waits in staging meanwhile."""
    cohort = visible_cohort(request, pk)
    context = {"cohort": cohort, "programme": cohort.programme, "columns": results_reading.COLUMNS}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_results(request, cohort)
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if for_a_worker(upload):
            # A big file goes to a worker, as on the import page: it checks every row and
            # saves all or nothing; the job's page shows how far it is, then the outcome
            # or every error.
            job, _created = job_submit(
                owner=request.user,
                kind="cohort_results",
                params={"cohort": cohort.pk, "dry_run": False, "rows": False},
                file=upload,
                filename=upload.name,
                key=f"{cohort.pk}:False:{file_digest(upload)}",
            )
            return redirect("job-detail", pk=job.pk)
        try:
            outcome = results.cohort_results_import(
                actor=request.user, cohort=cohort, file=upload, filename=upload.name, dry_run=True
            )
        except TableError as exc:
            context.update(file_error=exc.message, errors=exc.errors)
            return render(request, "trainees/cohort_results.html", context, status=exc.status)
        except ValidationError as exc:
            context["file_error"] = " ".join(exc.messages)
            return render(request, "trainees/cohort_results.html", context, status=400)
        context.update(result=outcome, errors=outcome.errors, filename=upload.name)
        if outcome.ok and (outcome.created or outcome.updated):
            context["token"] = upload_stage(request, upload, cohort=cohort.pk)
        status = 200 if outcome.ok else 400
        return render(request, "trainees/cohort_results.html", context, status=status)
    # A form that did not validate (no file, an empty file) is refused too.
    status = 400 if request.method == "POST" else 200
    return render(request, "trainees/cohort_results.html", context, status=status)


def _confirm_results(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    try:
        staged = upload_take(request, request.POST["token"], cohort=cohort.pk)
    except Expired:
        messages.error(request, _("This upload has expired; upload the file again."))
        return redirect("trainees:cohort-results", pk=cohort.pk)
    except AlreadyUsed:
        messages.info(request, _("These results were already saved (confirmed twice)."))
        return redirect("trainees:cohort-detail", pk=cohort.pk)
    try:
        outcome = results.cohort_results_import(
            actor=request.user, cohort=cohort, file=staged.data, filename=staged.name
        )
    except (TableError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
        return redirect("trainees:cohort-results", pk=cohort.pk)
    if not outcome.ok:
        # The cohort changed between the dry run and the confirmation.
        messages.error(request, _("The results no longer fit the cohort; upload the file again."))
        return redirect("trainees:cohort-results", pk=cohort.pk)
    messages.success(
        request,
        _("Results saved: %(created)d new, %(updated)d corrected, %(unchanged)d unchanged.")
        % {"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
    )
    return redirect("trainees:cohort-detail", pk=cohort.pk)
