"""The company's hire report forms: one hire typed in, or a file of many."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Vacancy
from placements.services.hires import OUTSIDE, HireInput
from vokasi.bounds import DB_SMALLINT_MAX, WAGE_MAX
from vokasi.forms import DateInput
from vokasi.jobs.models import Job
from vokasi.models import EducationLevel, Occupation, Region


class HireForm(forms.Form):
    """One hire, as the API takes it; the vacancy one of the company's own."""

    vacancy = forms.ModelChoiceField(
        label=_("vacancy"),
        queryset=Vacancy.objects.none(),
        required=False,
        help_text=_("Optional: the vacancy this person was hired on."),
    )
    external_ref = forms.CharField(
        label=_("company reference"),
        max_length=64,
        required=False,
        help_text=_("Your own reference, e.g. the employee number; a repeat never duplicates."),
    )
    name = forms.CharField(label=_("name"), max_length=120)
    sex = forms.ChoiceField(
        label=_("sex"), choices=[("", "—"), ("L", _("male (L)")), ("P", _("female (P)"))]
    )
    birth_year = forms.IntegerField(
        label=_("year of birth"), min_value=1, max_value=DB_SMALLINT_MAX
    )
    education = forms.ModelChoiceField(label=_("education"), queryset=EducationLevel.objects.all())
    domicile = forms.ChoiceField(label=_("domicile (kecamatan)"))
    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        required=False,
        help_text=_("Optional. A registered job seeker's registration ends as placed."),
    )
    occupation = forms.ModelChoiceField(
        label=_("occupation (KBJI)"),
        queryset=Occupation.objects.filter(code__regex=r"^\d{4}$").order_by("code"),
    )
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    employment_type = forms.ChoiceField(
        label=_("contract type"), choices=[("", "—"), *Placement.ContractType.choices]
    )
    wage = forms.IntegerField(
        label=_("monthly wage (Rp)"),
        min_value=0,
        max_value=WAGE_MAX,
        help_text=_("Whole Rupiah, without dots: 5200000."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = (
            Vacancy.objects.visible_to(user)
            .filter(status__in=[Vacancy.Status.OPEN, Vacancy.Status.FILLED])
            .order_by("-opens_on", "-id")
        )
        districts = Region.objects.filter(level=Region.Level.DISTRICT).order_by("code")
        self.fields["domicile"].choices = [
            ("", "—"),
            (OUTSIDE, _("outside the city")),
            *[(r.code, f"{r.code} {r.name}") for r in districts],
        ]

    def hire_input(self) -> HireInput:
        data = dict(self.cleaned_data)
        code = data.pop("domicile")
        domicile = None if code == OUTSIDE else Region.objects.get(code=code)
        return HireInput(domicile=domicile, **data)


class HireUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of hires (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class CheckedHiresForm(forms.Form):
    """A big file of hires a worker has checked: one of the caller's own checks of the
    caller's company that passed and found hires to save (what the page offers to save)."""

    job = forms.ModelChoiceField(queryset=Job.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = Job.objects.visible_to(user).filter(
            owner=user, kind="hires_import"
        )
