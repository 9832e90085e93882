"""The registration counter's pages: register, find, see, report back, end.

The AK/I cards to print are in ``cards``, likely duplicates and their merge in
``duplicates``, registering a whole file in ``job_seeker_import``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from trainees.filters import JobSeekerFilter
from trainees.forms.job_seekers import (
    EndRegistrationForm,
    JobSeekerForm,
    ReportBackForm,
)
from trainees.models import JobSeeker
from trainees.selectors.job_seekers import (
    job_seekers_matching,
    likely_duplicates,
    report_status,
)
from trainees.services.personal_data import anonymised_problem, can_handle_personal_data
from trainees.services.registration import (
    DuplicateNik,
    job_seeker_end,
    job_seeker_register,
    job_seeker_report_back,
    job_seeker_update,
)
from trainees.tables import JobSeekerTable
from trainees.timeline import timeline_for
from vokasi.audit import record_access
from vokasi.exports import ListExportMixin
from vokasi.paging import LazyPaginator
from vokasi.roles import OFFICE, RoleRequiredMixin, is_officer, role_required


def _counter_office(request):
    """The office a registration is made for: the officer's own. Admins use the admin."""
    if not is_officer(request.user) or request.user.office is None:
        raise PermissionDenied(_("Only a labour-office officer can register job seekers."))
    return request.user.office


def _person(request, pk: int) -> JobSeeker:
    return get_object_or_404(
        JobSeeker.objects.visible_to(request.user).select_related(
            "office", "region", "education", "occupation"
        ),
        pk=pk,
    )


class JobSeekerListView(RoleRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    roles = OFFICE
    table_class = JobSeekerTable
    filterset_class = JobSeekerFilter
    template_name = "trainees/job_seeker_list.html"
    paginator_class = LazyPaginator
    table_pagination = {"per_page": 50}
    export_name = _lazy("job-seekers")
    export_personal_data = "job seekers: list"

    def get_queryset(self):
        return JobSeeker.objects.visible_to(self.request.user).select_related("region", "education")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["office"] = self.request.user.office
        return kwargs


job_seeker_list = JobSeekerListView.as_view()


@role_required(OFFICE)
def job_seeker_create(request: HttpRequest) -> HttpResponse:
    office = _counter_office(request)
    existing = None
    if request.method == "POST":
        form = JobSeekerForm(request.POST)
        if form.is_valid():
            data, skills = form.service_data()
            try:
                person = job_seeker_register(
                    office=office, data=data, skills=skills, registered_by=request.user
                )
            except DuplicateNik as error:
                existing = JobSeeker.objects.select_related("office").get(pk=error.existing_id)
                form.add_error("nik", error.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is registered: AK/I card %(number)s.")
                    % {"name": person.name, "number": person.registration_number},
                )
                return redirect("trainees:job-seeker-detail", pk=person.pk)
    else:
        form = JobSeekerForm()
    return render(
        request,
        "trainees/job_seeker_form.html",
        {
            "form": form,
            "existing": existing,
            "existing_visible": existing is not None
            and JobSeeker.objects.visible_to(request.user).filter(pk=existing.pk).exists(),
            "creating": True,
        },
    )


@role_required(OFFICE)
def job_seeker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person.is_anonymised:
        messages.error(request, anonymised_problem(person))
        return redirect("trainees:job-seeker-detail", pk=person.pk)
    existing = None
    if request.method == "POST":
        form = JobSeekerForm(request.POST)
        if form.is_valid():
            data, skills = form.service_data()
            try:
                job_seeker_update(
                    job_seeker=person, data=data, skills=skills, updated_by=request.user
                )
            except DuplicateNik as error:
                existing = JobSeeker.objects.select_related("office").get(pk=error.existing_id)
                form.add_error("nik", error.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The registration is updated."))
                return redirect("trainees:job-seeker-detail", pk=person.pk)
    else:
        form = JobSeekerForm(initial=JobSeekerForm.initial_for(person))
    return render(
        request,
        "trainees/job_seeker_form.html",
        {
            "form": form,
            "person": person,
            "existing": existing,
            "existing_visible": existing is not None
            and JobSeeker.objects.visible_to(request.user).filter(pk=existing.pk).exists(),
        },
    )


@role_required(OFFICE)
def job_seeker_check(request: HttpRequest) -> HttpResponse:
    """Search before add: people matching the NIK, or the name and birth date, typed so far."""
    try:
        birth_date = parse_date(request.GET.get("birth_date", ""))
    except ValueError:  # well-formed but not a real date, e.g. while still typing
        birth_date = None
    matches = job_seekers_matching(
        request.user,
        nik=request.GET.get("nik", ""),
        name=request.GET.get("name", ""),
        birth_date=birth_date,
    )
    visible = set(
        JobSeeker.objects.visible_to(request.user)
        .filter(pk__in=[p.pk for p in matches])
        .values_list("pk", flat=True)
    )
    rows = [{"person": p, "visible": p.pk in visible} for p in matches]
    return render(request, "trainees/_job_seeker_matches.html", {"rows": rows})


@role_required(OFFICE)
def job_seeker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    record_access(request, "view", person)
    reports = list(person.reports.all())
    return render(
        request,
        "trainees/job_seeker_detail.html",
        {
            "person": person,
            "age": person.age_on(timezone.localdate()),
            "skills": person.skill_rows.select_related("skill").order_by("-source", "skill_id"),
            "timeline": timeline_for(person),
            "reports": reports,
            "report_state": report_status(person),
            "duplicates": likely_duplicates(person).filter(office_id=person.office_id)[:10],
            "report_form": ReportBackForm(),
            "can_act": is_officer(request.user),
            "nik": person.nik_for(request.user),
            "can_handle_data": can_handle_personal_data(request.user, person),
        },
    )


def _apply(request: HttpRequest, person: JobSeeker, form, act, success: str) -> HttpResponse:
    """Run a counter action from a small POST form: ``act(cleaned_data)`` calls the
    service; its refusals and the form's errors become messages on the person's page."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
    else:
        for message in form.errors.values():
            messages.error(request, message.as_text())
    return redirect("trainees:job-seeker-detail", pk=person.pk)


@require_POST
@role_required(OFFICE)
def job_seeker_report(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _counter_office(request)
    return _apply(
        request,
        person,
        ReportBackForm(request.POST),
        lambda data: job_seeker_report_back(
            job_seeker=person,
            reported_on=data["reported_on"],
            note=data["note"],
            recorded_by=request.user,
        ),
        _("The report back is recorded."),
    )


#: The page that records a job a person found themself, and so ends the registration as
#: placed. It lives in ``placements`` (imports point down), so it is named, not imported.
PLACEMENT_RECORD_URL = "placements:placement-record"


@role_required(OFFICE)
def job_seeker_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End a registration: GET shows what ending means and asks for the reason, POST ends.

    *Placed* is never recorded here: a registration ends as placed when its job is
    recorded, so that reason leads to the placement page, and nothing is written.
    """
    person = _person(request, pk)
    _counter_office(request)
    if person.status != JobSeeker.Status.ACTIVE or person.is_anonymised:
        messages.error(
            request,
            _("This registration already ended (%(status)s).")
            % {"status": person.get_status_display()},
        )
        return redirect("trainees:job-seeker-detail", pk=person.pk)
    placed = JobSeeker.EndReason.PLACED
    if request.method == "GET" and request.GET.get("reason") == placed:
        return redirect(PLACEMENT_RECORD_URL, pk=person.pk)
    status = 200
    if request.method == "POST":
        form = EndRegistrationForm(request.POST)
        if form.is_valid() and form.cleaned_data["reason"] == placed:
            messages.info(
                request,
                _("Record the job: the registration ends as placed when the job is recorded."),
            )
            return redirect(PLACEMENT_RECORD_URL, pk=person.pk)
        if form.is_valid():
            try:
                job_seeker_end(
                    job_seeker=person,
                    reason=form.cleaned_data["reason"],
                    ended_on=form.cleaned_data["ended_on"],
                    ended_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)  # the service names the form's own fields
            else:
                messages.success(request, _("The registration has ended."))
                return redirect("trainees:job-seeker-detail", pk=person.pk)
        status = 400
    else:
        form = EndRegistrationForm()
    return render(
        request,
        "trainees/job_seeker_end.html",
        {"person": person, "form": form, "placement_url": PLACEMENT_RECORD_URL},
        status=status,
    )
