"""The forms of the matching pages: the candidates ticked to refer on a vacancy's match
page; the vacancy to refer one person to, from their page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import Vacancy
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


class VacancyChoiceForm(forms.Form):
    """The vacancy to refer a person to: any the officer may see; the service decides
    whether it is open."""

    vacancy = forms.ModelChoiceField(label=_("vacancy"), queryset=Vacancy.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = Vacancy.objects.visible_to(user)
