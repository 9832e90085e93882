"""Forms of the registration counter. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.models import JobSeeker, Sex
from trainees.nik import normalise_nik
from vokasi.models import EducationLevel, Occupation, Region, Skill


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class JobSeekerForm(forms.Form):
    """Everything the AK/I card records about a person."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "data-duplicate-check": "nik"}
        ),
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-duplicate-check": "name"}),
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=80)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=DateInput(attrs={"data-duplicate-check": "birth_date"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    marital_status = forms.ChoiceField(
        label=_("Marital status"),
        choices=[("", "—"), *JobSeeker.MaritalStatus.choices],
        required=False,
    )
    religion = forms.CharField(label=_("Religion (optional)"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=250)
    region = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("code"),
        to_field_name="code",
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    education = forms.ModelChoiceField(
        label=_("Education"), queryset=EducationLevel.objects.order_by("rank")
    )
    major = forms.CharField(label=_("Major"), max_length=120, required=False)
    courses = forms.CharField(
        label=_("Non-formal courses"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills the person declares"),
        queryset=Skill.objects.select_related("vocation").order_by("vocation__name", "code"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation sought"),
        queryset=Occupation.objects.order_by("code"),
        required=False,
    )
    experience = forms.CharField(
        label=_("Work experience"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=60, initial=0, required=False
    )
    disability = forms.CharField(label=_("Disability"), max_length=120, required=False)
    consent_share_contact = forms.BooleanField(
        label=_("The person agrees that employers may see their phone and email"),
        required=False,
    )

    def clean_nik(self) -> str:
        # Officers copy NIKs with spaces or dots from photocopies; the digits are what count.
        return normalise_nik(self.cleaned_data["nik"])

    def service_data(self) -> tuple[dict, list[str]]:
        """The cleaned input as the registration service takes it: (data, skill codes)."""
        data = dict(self.cleaned_data)
        skills = [skill.code for skill in data.pop("skills", [])]
        for key in ("region", "education", "occupation"):
            data[key] = data[key].pk if data.get(key) else None
        return data, skills

    @classmethod
    def initial_for(cls, person: JobSeeker) -> dict:
        initial = {name: getattr(person, name, None) for name in cls.base_fields}
        initial.update(
            region=person.region_id,
            education=person.education_id,
            occupation=person.occupation_id,
            skills=list(
                person.skill_rows.filter(Q(source=1) | Q(declared=True)).values_list(
                    "skill_id", flat=True
                )
            ),
        )
        return initial


class EndRegistrationForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(c, label) for c, label in JobSeeker.EndReason.choices if c != "expired"],
    )
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=timezone.localdate)


class ReportBackForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Reported on"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), max_length=250, required=False)
