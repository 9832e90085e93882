from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin, SingleTableView

from placements.filters import VacancyPageFilter
from placements.forms.vacancies import (
    DecisionForm,
    VacancyForm,
    VacancyTakeDownForm,
    VacancyVerifyForm,
)
from placements.models import Referral, Vacancy, VacancySkill
from placements.services import (
    VacancyInput,
    referral_decide,
    vacancy_close,
    vacancy_create,
    vacancy_take_down,
    vacancy_update,
    vacancy_verify,
)
from placements.tables import ReferralTable, VacancyTable
from trainees.models import Enrollment, JobSeekerSkill
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin, export_table, requested_format
from vokasi.roles import COMPANY, OFFICE, OFFICE_AND_COMPANY, RoleRequiredMixin, is_employer


class VacancyListView(RoleRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    roles = OFFICE_AND_COMPANY
    export_name = _lazy("vacancies")
    table_class = VacancyTable
    filterset_class = VacancyPageFilter
    template_name = "placements/vacancy_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Vacancy.objects.visible_to(self.request.user)
            .select_related("company", "occupation")
            .order_by("-opens_on", "-id")
        )


def _referrals(user, vacancy):
    return (
        Referral.objects.visible_to(user)
        .filter(vacancy=vacancy)
        .select_related("job_seeker")
        .prefetch_related(
            Prefetch(
                "job_seeker__skill_rows",
                queryset=JobSeekerSkill.objects.select_related("skill").order_by("skill__name"),
            ),
            Prefetch(
                "job_seeker__enrollments",
                queryset=Enrollment.objects.select_related("cohort__programme", "result")
                .prefetch_related("assessments")
                .order_by("cohort__start_date", "id"),
            ),
        )
        .order_by("referred_at", "id")
    )


class VacancyDetailView(RoleRequiredMixin, DetailView):
    """The vacancy and the candidates referred to it, with the decision buttons."""

    roles = OFFICE_AND_COMPANY
    template_name = "placements/vacancy_detail.html"
    context_object_name = "vacancy"

    def get_queryset(self):
        return (
            Vacancy.objects.visible_to(self.request.user)
            .select_related("company", "occupation", "region", "education_min")
            .prefetch_related(
                Prefetch("skill_rows", queryset=VacancySkill.objects.select_related("skill"))
            )
        )

    def referrals(self) -> list[Referral]:
        from placements.api.referrals import CandidateSerializer

        referrals = list(_referrals(self.request.user, self.object))
        for referral in referrals:
            referral.candidate = CandidateSerializer(referral.job_seeker).data
        return referrals

    def render_to_response(self, context, **kwargs):
        fmt = requested_format(self.request)
        if fmt:  # the referred candidates, as the page lists them
            return export_table(
                self.request,
                ReferralTable(ReferralTable.rows(context["referrals"])),
                fmt=fmt,
                name=_lazy("referrals"),
                parts=[self.object.pk],
                personal_data="vacancy: referrals",
                object_id=self.object.pk,
            )
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referrals = self.referrals()
        context["referrals"] = referrals
        context["can_decide"] = is_employer(self.request.user) and self.object.is_matchable
        context["decision_form"] = DecisionForm()
        in_register = (
            Vacancy.objects.in_register_of(self.request.user).filter(pk=self.object.pk).exists()
        )
        context["can_verify"] = in_register and self.object.awaits_verification
        context["can_take_down"] = in_register and self.object.is_matchable
        return context


class VacancyFormView(RoleRequiredMixin, FormView):
    roles = COMPANY
    form_class = VacancyForm
    template_name = "placements/vacancy_form.html"
    vacancy: Vacancy | None = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs and request.user.is_authenticated:
            self.vacancy = get_object_or_404(
                Vacancy.objects.visible_to(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.vacancy is None:
            return {
                "kind": Vacancy.Kind.JOB,
                "employment_type": Vacancy.EmploymentType.PKWT,
                "opens_on": timezone.localdate(),
            }
        data = VacancyInput.of(self.vacancy)
        return {
            **{k: getattr(data, k) for k in VacancyInput.__dataclass_fields__},
            "required_skills": list(data.required_skills),
            "preferred_skills": list(data.preferred_skills),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "vacancy": self.vacancy}

    def form_invalid(self, form):
        # Bad input answers 400 with the form and its messages; nothing is written.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            if self.vacancy is None:
                vacancy, created = vacancy_create(
                    company=self.request.user.company,
                    by=self.request.user,
                    data=VacancyInput(**form.service_data()),
                )
                if not created:
                    messages.info(self.request, _("This vacancy was already recorded."))
            else:
                vacancy = vacancy_update(
                    vacancy=self.vacancy, by=self.request.user, changes=form.service_data()
                )
        except ValidationError as error:
            add_to_form(form, error)
            return self.form_invalid(form)
        except Conflict as conflict:
            form.add_error("external_ref", str(conflict.message))
            return self.form_invalid(form)
        messages.success(self.request, _("The vacancy is saved."))
        return redirect("placements:vacancy-detail", pk=vacancy.pk)


class VacancyCloseView(RoleRequiredMixin, DetailView):
    roles = COMPANY
    http_method_names = ["post"]

    def post(self, request, pk: int):
        vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=pk)
        try:
            vacancy_close(vacancy=vacancy, by=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The vacancy is closed."))
        return redirect("placements:vacancy-detail", pk=vacancy.pk)


class ReferralDecideView(RoleRequiredMixin, DetailView):
    roles = COMPANY
    http_method_names = ["post"]

    def post(self, request, pk: int):
        referral = get_object_or_404(Referral.objects.visible_to(request.user), pk=pk)
        form = DecisionForm(request.POST)
        url = reverse("placements:vacancy-detail", args=[referral.vacancy_id]) + f"#r{pk}"
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(request, f"{form.fields[field].label or field}: {' '.join(errors)}")
            return redirect(url)
        try:
            referral_decide(referral=referral, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except Conflict as conflict:
            messages.error(request, str(conflict.message))
        else:
            messages.success(request, _("The decision is recorded."))
        return redirect(url)


class VacancyAwaitingVerificationView(RoleRequiredMixin, SingleTableView):
    """The office's queue: submitted vacancies of the companies on its register."""

    roles = OFFICE
    table_class = VacancyTable
    template_name = "placements/vacancies_awaiting_verification.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Vacancy.objects.in_register_of(self.request.user)
            .awaiting_verification()
            .select_related("company", "occupation")
            .order_by("created_at", "id")
        )


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for text in errors:
            messages.error(request, f"{label}: {text}" if label else text)


class VacancyVerifyView(RoleRequiredMixin, DetailView):
    """Publish or reject a submitted vacancy (officers of the company's office, admins)."""

    roles = OFFICE
    http_method_names = ["post"]

    def post(self, request, pk: int):
        vacancy = get_object_or_404(Vacancy.objects.in_register_of(request.user), pk=pk)
        form = VacancyVerifyForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect("placements:vacancy-detail", pk=vacancy.pk)
        try:
            vacancy = vacancy_verify(vacancy=vacancy, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except Conflict as conflict:
            messages.error(request, str(conflict.message))
        else:
            if vacancy.is_matchable:
                messages.success(request, _("The vacancy is published."))
            else:
                messages.success(request, _("The vacancy is rejected; the company sees why."))
        return redirect("placements:vacancy-detail", pk=vacancy.pk)


class VacancyTakeDownView(RoleRequiredMixin, DetailView):
    """Take a published vacancy down, with the reason (officers of the company's office)."""

    roles = OFFICE
    http_method_names = ["post"]

    def post(self, request, pk: int):
        vacancy = get_object_or_404(Vacancy.objects.in_register_of(request.user), pk=pk)
        form = VacancyTakeDownForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect("placements:vacancy-detail", pk=vacancy.pk)
        try:
            vacancy_take_down(vacancy=vacancy, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except Conflict as conflict:
            messages.error(request, str(conflict.message))
        else:
            messages.success(request, _("The vacancy is taken down."))
        return redirect("placements:vacancy-detail", pk=vacancy.pk)
