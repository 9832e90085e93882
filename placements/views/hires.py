"""Hire reports on the pages (Perpres 57/2023 Pasal 6): the company's list and form, its
file of many (checked, previewed, then confirmed), and a company's reported hires as the
office keeping its register reads them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_tables2 import SingleTableView

from placements import jobs as hire_jobs
from placements.forms.hires import CheckedHiresForm, HireForm, HireUploadForm
from placements.models import Hire
from placements.services import hire_import
from placements.services.hires import hire_report
from placements.tables import HireTable
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin, download
from vokasi.jobs.models import Job
from vokasi.jobs.services import file_digest, job_submit
from vokasi.models import Company
from vokasi.roles import (
    COMPANY,
    OFFICE,
    OFFICE_AND_COMPANY,
    RoleRequiredMixin,
    has_role,
    is_admin,
    role_required,
)
from vokasi.tabular import ImportResult, RowError, TableError, for_a_worker
from vokasi.tabular.staging import AlreadyUsed, Expired, upload_stage, upload_take
from vokasi.views.uploads import error_downloads


def _hires(user):
    return Hire.objects.visible_to(user).select_related(
        "company", "vacancy", "domicile", "occupation"
    )


class HireListView(RoleRequiredMixin, ListExportMixin, SingleTableView):
    """The hires the caller may read: a company its own, an officer those of the
    companies on the office's register, an admin all."""

    roles = OFFICE_AND_COMPANY
    export_name = gettext_lazy("hires")
    export_personal_data = "hires: list"
    table_class = HireTable
    template_name = "placements/hire_list.html"
    paginate_by = 50

    def get_queryset(self):
        return _hires(self.request.user).order_by("-start_date", "-id")


class CompanyHireListView(HireListView):
    """One company's reported hires, read-only, for the office keeping its register."""

    roles = OFFICE

    def dispatch(self, request, *args, **kwargs):
        if has_role(request.user, OFFICE):
            registers = Company.objects.all()
            if not is_admin(request.user):
                registers = registers.filter(office_id=request.user.office_id)
            self.company = get_object_or_404(registers, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(company=self.company)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "company": self.company}


@role_required(COMPANY)
def hire_new(request: HttpRequest) -> HttpResponse:
    """Report one hire."""
    form = HireForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                _hire, created = hire_report(
                    company=request.user.company, by=request.user, data=form.hire_input()
                )
            except (ValidationError, Conflict) as error:
                add_to_form(form, error)
            except Http404:
                form.add_error("vacancy", _("No vacancy of this company has this id or reference."))
            else:
                if created:
                    messages.success(request, _("The hire is reported."))
                else:
                    messages.info(request, _("This hire was already reported."))
                return redirect("placements:hire-list")
        return render(request, "placements/hire_form.html", {"form": form}, status=400)
    return render(request, "placements/hire_form.html", {"form": form})


@role_required(COMPANY)
def hire_upload_template(request: HttpRequest) -> HttpResponse:
    return download(hire_import.hires_template_csv(), "laporan-penerimaan-pekerja.csv")


@role_required(COMPANY)
def hire_upload(request: HttpRequest) -> HttpResponse:
    """Upload → every row checked, the outcome shown → confirm. The file waits in staging
    meanwhile; nothing is saved before the confirmation, and then all rows or none. A file
    of more than ``VOKASI_BACKGROUND_ROWS`` rows is checked by a worker, and saved by one
    on the confirmation; the page then shows the check's outcome (``?job=``)."""
    company = request.user.company
    context = {"columns": hire_import.COLUMNS, "background_rows": settings.VOKASI_BACKGROUND_ROWS}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, company)
    if request.method == "POST" and "job" in request.POST:
        return _save_checked(request, company)
    form = HireUploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "GET" and "job" in request.GET:
        checked = _checked_job(request)
        if not checked.finished:
            return redirect("job-detail", pk=checked.pk)
        if checked.status == Job.Status.DONE and not checked.params.get("dry_run"):
            return redirect("placements:hire-list")
        context.update(_job_outcome(checked, company))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if for_a_worker(upload):
            return _to_a_worker(request, company, upload, filename=upload.name, dry_run=True)
        try:
            outcome = hire_import.hires_import(
                company=company, by=request.user, file=upload, filename=upload.name, dry_run=True
            )
        except TableError as exc:
            context.update(file_error=exc.message, errors=exc.errors)
            return render(request, "placements/hire_upload.html", context, status=exc.status)
        context.update(result=outcome, errors=outcome.errors, filename=upload.name)
        if outcome.ok and outcome.created:
            context["token"] = upload_stage(request, upload, company=company.pk)
        status = 200 if outcome.ok else 400
        return render(request, "placements/hire_upload.html", context, status=status)
    status = 400 if request.method == "POST" else 200
    return render(request, "placements/hire_upload.html", context, status=status)


def _to_a_worker(request, company: Company, file, *, filename: str, dry_run: bool):
    """Queue the file's check (or its saving) and show the job's page. The same file sent
    again while its job is queued or running is that job."""
    job, _created = job_submit(
        owner=request.user,
        kind=hire_jobs.KIND,
        params={"company": company.pk, "dry_run": dry_run, "language": get_language()},
        file=file,
        filename=filename,
        key=f"{company.pk}:{dry_run}:{file_digest(file)}",
    )
    return redirect("job-detail", pk=job.pk)


def _checked_job(request: HttpRequest) -> Job:
    """The caller's own hire-file job named by ``?job=``; 404 for any other id."""
    form = CheckedHiresForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["job"]


def _job_outcome(job: Job, company: Company) -> dict:
    """What the page shows of a worker's check (or of a saving it refused): the counts, or
    the file's error and every row error (with the downloads), and the button that saves a
    check that passed."""
    if job.message:
        context: dict = {"file_error": job.message}
    elif job.result:
        context = {"result": ImportResult(**job.result), "filename": job.filename}
    else:
        context = {}
    errors = [RowError(**error) for error in job.errors]
    if errors:
        context.update(job_errors=errors, **error_downloads(errors))
    if hire_jobs.savable(job, company.pk):
        context["checked_job"] = job.pk
    return context


def _save_checked(request: HttpRequest, company: Company) -> HttpResponse:
    """The confirmation of a big file a worker checked: a worker saves that same file,
    checking every row again (all or nothing, what is already recorded stays unchanged)."""
    form = CheckedHiresForm(request.POST, user=request.user)
    checked = form.cleaned_data["job"] if form.is_valid() else None
    if checked is None or not hire_jobs.savable(checked, company.pk) or not checked.file:
        messages.error(request, _("This check can no longer be saved; upload the file again."))
        return redirect("placements:hire-upload")
    try:
        with checked.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        messages.error(request, _("This check can no longer be saved; upload the file again."))
        return redirect("placements:hire-upload")
    return _to_a_worker(request, company, data, filename=checked.filename, dry_run=False)


def _confirm(request: HttpRequest, company: Company) -> HttpResponse:
    try:
        staged = upload_take(request, request.POST["token"], company=company.pk)
    except Expired:
        messages.error(request, _("This upload has expired; upload the file again."))
        return redirect("placements:hire-upload")
    except AlreadyUsed:
        messages.info(request, _("These hires were already saved (confirmed twice)."))
        return redirect("placements:hire-list")
    try:
        outcome = hire_import.hires_import(
            company=company, by=request.user, file=staged.data, filename=staged.name
        )
    except (TableError, ValidationError, Conflict, Http404) as exc:
        messages.error(request, hire_import.refusal_message(exc))
        return redirect("placements:hire-upload")
    if not outcome.ok:
        messages.error(request, _("The file no longer fits what is recorded; upload it again."))
        return redirect("placements:hire-upload")
    messages.success(
        request,
        _("Hires saved: %(created)d new, %(unchanged)d already reported.")
        % {"created": outcome.created, "unchanged": outcome.unchanged},
    )
    return redirect("placements:hire-list")
