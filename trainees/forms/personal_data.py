"""The form confirming that a person's data is anonymised; the rules are the service's
(``trainees.services.personal_data``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=200,
        help_text=gettext_lazy("E.g. the person's written request and its date."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand this cannot be undone."), required=True
    )
