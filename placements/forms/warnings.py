"""Forms of the written warnings (peringatan tertulis) to companies that do not report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vokasi.forms import DateInput


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
