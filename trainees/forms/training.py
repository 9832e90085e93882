"""Forms for the training pages. They shape input; the services decide the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort, FundingSource, JobSeeker, Programme
from vokasi.bounds import AGE_MAX
from vokasi.forms import DateInput
from vokasi.models import EducationLevel, Skill, TrainingProvider, Vocation
from vokasi.roles import is_admin


class ProgrammeForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Training provider"), queryset=TrainingProvider.objects.all(), required=False
    )
    vocation = forms.ModelChoiceField(label=_("Vocation"), queryset=Vocation.objects.all())
    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=160)
    skills = forms.ModelMultipleChoiceField(
        label=_("Competency units"),
        queryset=Skill.objects.select_related("vocation").order_by("vocation__name", "code"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    jp_hours = forms.IntegerField(label=_("Duration (JP)"), min_value=1, max_value=2000)
    education_min = forms.ModelChoiceField(
        label=_("Minimum education"), queryset=EducationLevel.objects.all(), required=False
    )
    age_min = forms.IntegerField(
        label=_("Minimum age"), min_value=0, max_value=AGE_MAX, required=False
    )
    age_max = forms.IntegerField(
        label=_("Maximum age"), min_value=0, max_value=AGE_MAX, required=False
    )
    funding = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_admin(user):
            del self.fields["provider"]


class CohortForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    name = forms.CharField(label=_("Name"), max_length=120)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=160)
    quota = forms.IntegerField(label=_("Quota"), min_value=1, max_value=40)
    instructor = forms.CharField(label=_("Instructor"), max_length=120, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Cohort.Status.PLANNED, Cohort.Status.PLANNED.label),
            (Cohort.Status.OPEN, Cohort.Status.OPEN.label),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.visible_to(user).filter(is_active=True).select_related("provider")
        )
        self.fields["quota"].initial = settings.VOKASI["DEFAULT_COHORT_QUOTA"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class EnrollForm(forms.Form):
    """The candidate list's enroll button: one person the user may put into a cohort.

    ``queryset`` is whom the user may enroll (``enrollable_job_seekers``), so a tampered
    id (not a number, a decimal, someone out of scope) is an invalid choice, never a 500.
    ``q`` is the candidate search to return to.
    """

    job_seeker = forms.ModelChoiceField(
        queryset=JobSeeker.objects.none(),
        error_messages={
            "required": _("Choose a candidate to enroll."),
            "invalid_choice": _("That person cannot be enrolled here; choose one from the list."),
        },
    )
    q = forms.CharField(required=False, max_length=100)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_seeker"].queryset = queryset


class ResultsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Results file (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
