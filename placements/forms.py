"""Forms of the company pages; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Referral, Vacancy
from placements.services.apprenticeships import DURATION_MESSAGE
from placements.services.placements import (
    COMPANY_NAME_MAX,
    FOLLOW_UP_WAGE_MAX,
    PLACEMENT_WAGE_MAX,
)
from placements.services.vacancies import OPENINGS_MAX, OPENINGS_MIN
from trainees.models import JobSeeker
from vokasi.bounds import WAGE_MAX
from vokasi.models import Company, EducationLevel, Occupation, Region, Skill


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("job title"), max_length=160)
    kind = forms.ChoiceField(label=_("kind"), choices=Vacancy.Kind.choices)
    external_ref = forms.CharField(
        label=_("company reference"),
        max_length=64,
        required=False,
        help_text=_("Your own reference, e.g. the number in your HR system."),
    )
    description = forms.CharField(label=_("description"), widget=forms.Textarea, required=False)
    occupation = forms.ModelChoiceField(
        label=_("occupation (KBJI)"), queryset=Occupation.objects.filter(code__regex=r"^\d{4}$")
    )
    required_skills = forms.ModelMultipleChoiceField(
        label=_("required skills"), queryset=Skill.objects.all(), required=False
    )
    preferred_skills = forms.ModelMultipleChoiceField(
        label=_("preferred skills"), queryset=Skill.objects.all(), required=False
    )
    openings = forms.IntegerField(
        label=_("number of workers needed"), min_value=OPENINGS_MIN, max_value=OPENINGS_MAX
    )
    education_min = forms.ModelChoiceField(
        label=_("minimum education"), queryset=EducationLevel.objects.all(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("workplace kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT),
    )
    employment_type = forms.ChoiceField(
        label=_("employment type"), choices=Vacancy.EmploymentType.choices
    )
    wage_min = forms.IntegerField(
        label=_("minimum monthly wage (Rp)"), min_value=0, max_value=WAGE_MAX, required=False
    )
    wage_max = forms.IntegerField(
        label=_("maximum monthly wage (Rp)"), min_value=0, max_value=WAGE_MAX, required=False
    )
    duration_months = forms.IntegerField(
        label=_("duration (months)"),
        min_value=1,
        max_value=settings.VOKASI["APPRENTICESHIP_MAX_MONTHS"],
        required=False,
        help_text=_("Apprenticeships only."),
        error_messages={"min_value": DURATION_MESSAGE, "max_value": DURATION_MESSAGE},
    )
    opens_on = forms.DateField(label=_("opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("closes on"), widget=DateInput())

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["required_skills"] = tuple(data["required_skills"])
        data["preferred_skills"] = tuple(data["preferred_skills"])
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(v, label) for v, label in Referral.Status.choices if v != "referred"]
    )
    start_date = forms.DateField(label=_("start date"), required=False, widget=DateInput())
    wage = forms.IntegerField(
        label=_("monthly wage (Rp)"), min_value=0, max_value=WAGE_MAX, required=False
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class PlacementRecordForm(forms.Form):
    """A job a person found themself, as the office records it (``placement_record``)."""

    company = forms.ModelChoiceField(
        label=_("company"),
        queryset=Company.objects.none(),
        required=False,
        help_text=_("A company in the register."),
    )
    company_name = forms.CharField(
        label=_("or the company's name, when it is not registered"),
        max_length=COMPANY_NAME_MAX,
        required=False,
    )
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    occupation = forms.ModelChoiceField(
        label=_("occupation (KBJI)"),
        queryset=Occupation.objects.filter(code__regex=r"^\d{4}$").order_by("code"),
    )
    contract_type = forms.ChoiceField(
        label=_("contract type"), choices=[("", "—"), *Placement.ContractType.choices]
    )
    wage = forms.IntegerField(
        label=_("monthly wage (Rp)"),
        min_value=0,
        max_value=PLACEMENT_WAGE_MAX,
        help_text=_("Whole Rupiah, without dots: 5200000."),
    )
    channel = forms.ChoiceField(
        label=_("channel"), choices=Placement.Channel.choices, initial=Placement.Channel.AKL
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.visible_to(user).order_by("name")


class FollowUpForm(forms.Form):
    """Is the person still employed? (``placement_follow_up``)"""

    checked_on = forms.DateField(
        label=_("checked on"), widget=DateInput(), initial=timezone.localdate
    )
    employed = forms.TypedChoiceField(
        label=_("still employed"),
        choices=[("yes", _("yes, still employed")), ("no", _("no longer employed"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    wage = forms.IntegerField(
        label=_("monthly wage now (Rp)"),
        min_value=0,
        max_value=FOLLOW_UP_WAGE_MAX,
        required=False,
        help_text=_("Only when still employed. Whole Rupiah, without dots."),
    )


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("name"),
        max_length=80,
        help_text=_("What the key is for, e.g. the name of your HR system."),
    )
    days = forms.IntegerField(
        label=_("valid for (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Empty: until revoked."),
    )


class ReferForm(forms.Form):
    """The candidates ticked on a vacancy's match page: job seekers the officer may see."""

    job_seeker = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Job seekers"),
        error_messages={
            "required": _("Tick at least one candidate to refer."),
            "invalid_choice": _("%(value)s is not a job seeker you can refer."),
            "invalid_pk_value": _("%(pk)s is not a job seeker you can refer."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_seeker"].queryset = JobSeeker.objects.visible_to(user)


class WarningForm(forms.Form):
    """A written warning (peringatan tertulis) to a company on the office's register."""

    number = forms.CharField(label=_("letter number"), max_length=60)
    date = forms.DateField(label=_("date of the letter"), widget=DateInput())
    reason = forms.CharField(
        label=_("reason for the warning"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    document = forms.FileField(
        label=_("letter (PDF)"), required=False, help_text=_("The signed letter as a PDF.")
    )


class WarningAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("the company's answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    answered_on = forms.DateField(label=_("answered on"), widget=DateInput())
