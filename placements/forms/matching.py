"""The form of a vacancy's match page: the candidates ticked to refer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.models import JobSeeker


class ReferForm(forms.Form):
    """The candidates ticked on a vacancy's match page: job seekers the officer may see."""

    job_seeker = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Job seekers"),
        error_messages={
            "required": _("Tick at least one candidate to refer."),
            "invalid_choice": _("%(value)s is not a job seeker you can refer."),
            "invalid_pk_value": _("%(pk)s is not a job seeker you can refer."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_seeker"].queryset = JobSeeker.objects.visible_to(user)
