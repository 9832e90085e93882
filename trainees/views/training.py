"""Training pages: programmes, cohorts, a cohort's roster and outcomes, candidates.

Views shape requests and responses; the services decide; ``visible_to`` scopes.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from trainees import selectors_training as selectors
from trainees.filters_training import CandidateSearchForm, CohortFilter, ProgrammeFilter
from trainees.forms.training import (
    CohortForm,
    EnrollForm,
    ProgrammeForm,
    ResultsUploadForm,
    WithdrawForm,
)
from trainees.models import Cohort, Enrollment, Programme
from trainees.services import funding as funding_services
from trainees.services import results, results_reading
from trainees.services import tracer as tracer_services
from trainees.services import training as services
from trainees.services.results_template import results_template_xlsx
from trainees.tables_training import CohortTable, ProgrammeTable, RosterTable
from vokasi.audit import record_access
from vokasi.exports import ListExportMixin, download, export_table, requested_format
from vokasi.logging_json import log_import
from vokasi.tabular import TableError

logger = logging.getLogger(__name__)


def require_training_role(user) -> None:
    """Companies never use the training pages (403); everyone else is scoped later."""
    if not services.can_enroll(user):
        raise PermissionDenied


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form (unknown fields become form errors)."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class TrainingListView(LoginRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_training_role(request.user)
        return super().dispatch(request, *args, **kwargs)

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


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_training_role(request.user)
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


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not services.can_manage_training(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Programme %(name)s saved.") % {"name": programme.name})
            return redirect("trainees:programme-detail", pk=programme.pk)
    return render(request, "trainees/programme_form.html", {"form": form})


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    if not services.can_manage_training(request.user):
        raise PermissionDenied
    initial = {"programme": request.GET.get("programme")}
    form = CohortForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Cohort %(name)s saved.") % {"name": cohort.name})
            return redirect("trainees:cohort-detail", pk=cohort.pk)
    return render(request, "trainees/cohort_form.html", {"form": form})


def visible_cohort(request: HttpRequest, pk: int) -> Cohort:
    require_training_role(request.user)
    return get_object_or_404(
        Cohort.objects.visible_to(request.user).select_related(
            "programme__provider", "programme__vocation", "programme__education_min"
        ),
        pk=pk,
    )


@login_required
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


@login_required
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


@login_required
def cohort_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    search_form = CandidateSearchForm(request.GET)
    search = search_form.search()
    candidates = selectors.cohort_candidates(cohort, request.user, search=search)
    page = Paginator(candidates, 50).get_page(request.GET.get("page"))
    people = list(page)
    for person in people:
        person.age = person.age_on(cohort.start_date)
    selectors.explain_candidates(cohort, people)
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
            "points": selectors.FIT_POINTS,
        },
    )


@login_required
@require_POST
def cohort_enroll(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    form = EnrollForm(request.POST, queryset=selectors.enrollable_job_seekers(request.user))
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


@login_required
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
            apply_errors(form, exc)
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

PENDING_UPLOADS = "trainees.pending_result_uploads"
UPLOAD_DIR = "result-uploads"


def results_cohort(request: HttpRequest, pk: int) -> Cohort:
    cohort = visible_cohort(request, pk)
    if not services.can_manage_training(request.user):
        raise PermissionDenied
    return cohort


@login_required
def cohort_results_template(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = results_cohort(request, pk)
    logger.info(
        "results template of cohort %s (with NIKs) downloaded by user %s",
        cohort.pk,
        request.user.pk,
    )
    people = cohort.enrollments.count()
    record_access(request, "download", "cohort results file", object_id=cohort.pk, people=people)
    return download(results_template_xlsx(cohort), f"hasil-angkatan-{cohort.pk}.xlsx")


@login_required
def cohort_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → dry run shown as a table → confirm. The file waits in storage meanwhile."""
    cohort = results_cohort(request, pk)
    context = {"cohort": cohort, "programme": cohort.programme, "columns": results_reading.COLUMNS}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_results(request, cohort)
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table, digest = results_reading.results_read_file(upload, filename=upload.name)
            outcome = results.cohort_results_import(
                actor=request.user, cohort=cohort, table=table, dry_run=True
            )
        except TableError as exc:
            log_import("results", rows=0, errors=max(1, len(exc.errors)), status=exc.status,
                       cohort_id=cohort.pk)  # fmt: skip
            context.update(file_error=exc.message, errors=exc.errors)
            return render(request, "trainees/cohort_results.html", context, status=exc.status)
        except ValidationError as exc:
            context["file_error"] = " ".join(exc.messages)
            return render(request, "trainees/cohort_results.html", context, status=400)
        context.update(result=outcome, errors=outcome.errors, filename=upload.name)
        if outcome.ok and (outcome.created or outcome.updated):
            context["token"] = _keep_for_confirmation(request, cohort, upload, digest)
        status = 200 if outcome.ok else 400
        return render(request, "trainees/cohort_results.html", context, status=status)
    # A form that did not validate (no file, an empty file) is refused too.
    status = 400 if request.method == "POST" else 200
    return render(request, "trainees/cohort_results.html", context, status=status)


def _purge_abandoned_uploads() -> None:
    """Files checked but never confirmed hold personal data: keep them a day at most."""
    cutoff = timezone.now() - datetime.timedelta(hours=24)
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
        for name in files:
            path = f"{UPLOAD_DIR}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
    except (FileNotFoundError, NotImplementedError):
        return  # nothing kept yet, or a storage that cannot list: nothing to purge


def _keep_for_confirmation(request, cohort: Cohort, upload, digest: str) -> str:
    _purge_abandoned_uploads()
    token = uuid.uuid4().hex
    upload.seek(0)
    path = default_storage.save(f"{UPLOAD_DIR}/{token}.bin", ContentFile(upload.read()))
    pending = request.session.get(PENDING_UPLOADS, {})
    pending[token] = {"cohort": cohort.pk, "path": path, "name": upload.name, "sha256": digest}
    request.session[PENDING_UPLOADS] = pending
    return token


def _confirm_results(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    pending = request.session.get(PENDING_UPLOADS, {})
    kept = pending.pop(request.POST["token"], None)
    request.session[PENDING_UPLOADS] = pending
    if kept is None or kept["cohort"] != cohort.pk:
        messages.error(request, _("This upload has expired; upload the file again."))
        return redirect("trainees:cohort-results", pk=cohort.pk)
    # "Confirm" pressed twice sends two requests with the same session, so both find the
    # token: the first to claim it applies the file, the other is told it already was.
    # The claim is in the cache all workers share; a file already gone says the same.
    claimed = cache.add(f"{PENDING_UPLOADS}:{request.POST['token']}", True, timeout=24 * 3600)
    try:
        with default_storage.open(kept["path"], "rb") as handle:
            data = handle.read() if claimed else None
    except FileNotFoundError:
        data = None
    if data is None:
        messages.info(request, _("These results were already saved (confirmed twice)."))
        return redirect("trainees:cohort-detail", pk=cohort.pk)
    default_storage.delete(kept["path"])
    try:
        table, digest = results_reading.results_read_file(data, filename=kept["name"])
        outcome = results.cohort_results_import(
            actor=request.user,
            cohort=cohort,
            table=table,
            filename=kept["name"],
            sha256=digest,
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
