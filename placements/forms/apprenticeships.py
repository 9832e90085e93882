"""Forms of the apprenticeship pages: the office's approval, the company's end."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, Placement
from vokasi.forms import DateInput


class ApprovalForm(forms.Form):
    agreement_no = forms.CharField(
        label=_("agreement number"),
        max_length=60,
        required=False,
        help_text=_("The number of the signed agreement, if it has one."),
    )


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[
            ("", "—"),
            (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.COMPLETED.label),
            (Apprenticeship.Status.DROPPED, Apprenticeship.Status.DROPPED.label),
        ],
    )
    hired = forms.TypedChoiceField(
        label=_("hired afterwards"),
        choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
    )
    finished_on = forms.DateField(label=_("finished on"), widget=DateInput())
    wage = forms.IntegerField(
        label=_("monthly wage (Rp)"),
        min_value=0,
        max_value=2_000_000_000,
        required=False,
        help_text=_("When hired; empty: the vacancy's minimum wage."),
    )
    contract_type = forms.ChoiceField(
        label=_("contract type"),
        choices=Placement.ContractType.choices,
        initial=Placement.ContractType.PKWT,
        required=False,
        help_text=_("When hired."),
    )

    def clean_contract_type(self) -> str:
        # As in the API: a fixed-term contract unless another is named.
        return self.cleaned_data["contract_type"] or Placement.ContractType.PKWT
