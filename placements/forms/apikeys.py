"""The form of a company's API keys page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
