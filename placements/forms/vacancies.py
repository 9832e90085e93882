"""Forms of the vacancy pages: a vacancy, a company's decision on a referral. The rules live
in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from placements.models import Referral, Vacancy
from placements.services.apprenticeships import DURATION_MESSAGE
from placements.services.vacancies import (
    DECISION_REASON_MAX,
    OPENINGS_MAX,
    OPENINGS_MIN,
    REASON_MAX,
    VerifyDecision,
)
from vokasi.bounds import EXPERIENCE_MONTHS_MAX, VACANCY_AGE_MAX, VACANCY_AGE_MIN, WAGE_MAX
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
    experience_months = forms.IntegerField(
        label=_("minimum experience (months)"),
        min_value=0,
        max_value=EXPERIENCE_MONTHS_MAX,
        required=False,
        help_text=_("0 or empty: no experience needed."),
    )
    # Perpres 57/2023 Pasal 5: a limit of age or sex only where the job needs it.
    age_min = forms.IntegerField(
        label=_("minimum age"),
        min_value=VACANCY_AGE_MIN,
        max_value=VACANCY_AGE_MAX,
        required=False,
        help_text=_("Only where the job needs an age limit; say why below."),
    )
    age_max = forms.IntegerField(
        label=_("maximum age"),
        min_value=VACANCY_AGE_MIN,
        max_value=VACANCY_AGE_MAX,
        required=False,
    )
    age_reason = forms.CharField(
        label=_("why the job needs an age limit"), max_length=REASON_MAX, required=False
    )
    sex = forms.ChoiceField(
        label=_("sex"), choices=Vacancy.Sex.choices, initial=Vacancy.Sex.ANY, required=False
    )
    sex_reason = forms.CharField(
        label=_("why the job needs one sex"),
        max_length=REASON_MAX,
        required=False,
        help_text=_("Required when the vacancy is for one sex only."),
    )
    how_to_apply = forms.CharField(
        label=_("how to apply to the company"),
        max_length=REASON_MAX,
        required=False,
        help_text=_(
            "Your own channel (an address, a site, an email), shown beside applying through "
            "the labour office."
        ),
    )

    def clean(self):
        data = super().clean()
        has_limit = data.get("age_min") is not None or data.get("age_max") is not None
        if has_limit and not (data.get("age_reason") or "").strip():
            self.add_error("age_reason", _("An age limit needs the reason the job requires it."))
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["experience_months"] = data.get("experience_months") or 0
        data["sex"] = data.get("sex") or Vacancy.Sex.ANY
        data["required_skills"] = tuple(data["required_skills"])
        data["preferred_skills"] = tuple(data["preferred_skills"])
        return data


class VacancyVerifyForm(forms.Form):
    """The office's decision on a submitted vacancy (``vacancy_verify``)."""

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[(VerifyDecision.PUBLISH, _("publish")), (VerifyDecision.REJECT, _("reject"))],
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=DECISION_REASON_MAX,
        required=False,
        help_text=_("Required to reject; the company reads it."),
    )


class VacancyTakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        max_length=DECISION_REASON_MAX,
        help_text=_("The company reads it."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(v, label) for v, label in Referral.Status.choices if v != "referred"]
    )
    start_date = forms.DateField(label=_("start date"), required=False, widget=DateInput())
    wage = forms.IntegerField(
        label=_("monthly wage (Rp)"), min_value=0, max_value=WAGE_MAX, required=False
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)
