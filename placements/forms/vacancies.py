"""Forms of the vacancy pages: a vacancy, a company's decision on a referral. The rules live
in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from placements.models import Referral, Vacancy
from placements.services.apprenticeships import DURATION_MESSAGE
from placements.services.vacancies import OPENINGS_MAX, OPENINGS_MIN
from vokasi.bounds import WAGE_MAX
from vokasi.forms import DateInput
from vokasi.models import EducationLevel, Occupation, Region, Skill


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
