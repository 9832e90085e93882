"""Forms of the registration counter. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.models import JobSeeker, Sex
from trainees.nik import normalise_nik
from trainees.services.registration import rules
from vokasi.forms import DateInput
from vokasi.models import EducationLevel, Occupation, Region, Skill


class CodeChoiceField(forms.ModelChoiceField):
    """A reference code (kecamatan, education, occupation). An unknown one (a tampered
    or outdated page) is named with the registration rules' own message, as the API and
    the import name it."""

    def __init__(self, *args, unknown, **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown = unknown

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise ValidationError(self.unknown(str(value).strip()), code="invalid_choice") from None


class SkillCodesField(forms.ModelMultipleChoiceField):
    """Skill codes; unknown ones are named together, as the registration rules do."""

    def _check_values(self, value):
        known = set(
            self.queryset.filter(code__in=[str(v) for v in value]).values_list("code", flat=True)
        )
        unknown = {str(v) for v in value} - known
        if unknown:
            raise ValidationError(rules.unknown_skills(unknown), code="invalid_choice")
        return super()._check_values(value)


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
    region = CodeChoiceField(
        label=_("Kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("code"),
        to_field_name="code",
        unknown=rules.unknown_region,
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    education = CodeChoiceField(
        label=_("Education"),
        queryset=EducationLevel.objects.order_by("rank"),
        unknown=rules.unknown_education,
    )
    major = forms.CharField(label=_("Major"), max_length=120, required=False)
    courses = forms.CharField(
        label=_("Non-formal courses"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    skills = SkillCodesField(
        label=_("Skills the person declares"),
        queryset=Skill.objects.select_related("vocation").order_by("vocation__name", "code"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    occupation = CodeChoiceField(
        label=_("Occupation sought"),
        queryset=Occupation.objects.order_by("code"),
        required=False,
        unknown=rules.unknown_occupation,
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
    """Why a registration ends: always chosen, never a default (a default of *placed*
    once ended registrations as placed with no placement behind them). *Placed* is
    offered so the officer can say so, but it is recorded with the job (the placement
    page), never here; expiry is the daily task's."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(c, label) for c, label in JobSeeker.EndReason.choices if c != "expired"],
        widget=forms.RadioSelect,
    )
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=timezone.localdate)


class ReportBackForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Reported on"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class MergeForm(forms.Form):
    """Two registrations of one person, both of the officer's own office: the record to
    keep and the one merged into it. The ids come from hidden fields a browser could
    have changed, so they are checked like any other input."""

    _unknown = {"invalid_choice": _("That registration is not one of your office's.")}
    keep = forms.ModelChoiceField(
        queryset=JobSeeker.objects.none(), label=_("Keep"), error_messages=_unknown
    )
    duplicate = forms.ModelChoiceField(
        queryset=JobSeeker.objects.none(), label=_("Duplicate"), error_messages=_unknown
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = JobSeeker.objects.visible_to(user)
        self.fields["keep"].queryset = visible
        self.fields["duplicate"].queryset = visible

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("duplicate"):
            raise forms.ValidationError(_("A registration cannot be merged into itself."))
        return data


class CardsForm(forms.Form):
    """The people whose AK/I cards are printed together: the officer's own office's."""

    MAX = 500

    id = forms.ModelMultipleChoiceField(
        queryset=JobSeeker.objects.none(),
        error_messages={
            "required": _("Choose the people whose cards to print."),
            "invalid_choice": _("%(value)s is not a registration of your office."),
            "invalid_pk_value": _("%(pk)s is not a registration of your office."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id"].queryset = JobSeeker.objects.visible_to(user)

    def clean_id(self):
        people = self.cleaned_data["id"]
        if people.count() > self.MAX:
            raise forms.ValidationError(_("At most %(n)d cards at a time.") % {"n": self.MAX})
        return people
