"""Forms of the placement pages: a self-found job the office records, a follow-up."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.models import Placement
from placements.services.placements import (
    COMPANY_NAME_MAX,
    FOLLOW_UP_WAGE_MAX,
    PLACEMENT_WAGE_MAX,
)
from vokasi.forms import DateInput
from vokasi.models import Company, Occupation


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
