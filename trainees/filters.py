"""Filters of the job-seeker, programme and cohort list pages, and the cohort candidates'
search.

Every job-seeker filter turns into an indexed condition (the search: fragments of the name,
NIK or AK/I number through trigram indexes on PostgreSQL, ``job_seeker_search``; birth-date
ranges for age groups; an EXISTS for a skill).
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort, FundingSource, JobSeeker, JobSeekerSkill, Programme, Sex
from trainees.selectors.job_seekers import DUE_SOON_DAYS, job_seeker_search
from vokasi.age_groups import AGE_GROUPS
from vokasi.dates import birth_range
from vokasi.forms import DateInput, ListedChoiceFilter
from vokasi.models import EducationLevel, Region, Skill, TrainingProvider, Vocation


class ProgrammeFilter(django_filters.FilterSet):
    vocation = ListedChoiceFilter(label=_("Vocation"), queryset=Vocation.objects.all())
    provider = ListedChoiceFilter(
        label=_("Training provider"), queryset=TrainingProvider.objects.all()
    )
    funding = django_filters.ChoiceFilter(label=_("Funding source"), choices=FundingSource.choices)
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")

    class Meta:
        model = Programme
        fields = ["vocation", "provider", "funding", "name"]


class CohortFilter(django_filters.FilterSet):
    vocation = ListedChoiceFilter(
        label=_("Vocation"), field_name="programme__vocation", queryset=Vocation.objects.all()
    )
    provider = ListedChoiceFilter(
        label=_("Training provider"),
        field_name="programme__provider",
        queryset=TrainingProvider.objects.all(),
    )
    funding = django_filters.ChoiceFilter(
        label=_("Funding source"), field_name="programme__funding", choices=FundingSource.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Cohort.Status.choices)
    starts_from = django_filters.DateFilter(
        label=_("Starting from"),
        field_name="start_date",
        lookup_expr="gte",
        widget=DateInput(),
    )
    starts_to = django_filters.DateFilter(
        label=_("Starting until"),
        field_name="start_date",
        lookup_expr="lte",
        widget=DateInput(),
    )

    class Meta:
        model = Cohort
        fields = ["vocation", "provider", "funding", "status", "starts_from", "starts_to"]


class CandidateSearchForm(forms.Form):
    """The search box of a cohort's candidates: name, NIK or AK/I number."""

    q = forms.CharField(
        label=_("NIK, AK/I number or name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def search(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


class JobSeekerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("NIK, AK/I number or name"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JobSeeker.Status.choices)
    region = ListedChoiceFilter(
        label=_("Kecamatan"), queryset=Region.objects.filter(level=Region.Level.DISTRICT)
    )
    education = ListedChoiceFilter(
        label=_("Education"), queryset=EducationLevel.objects.order_by("rank")
    )
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    age = django_filters.ChoiceFilter(
        label=_("Age group"),
        choices=[(group.key, group.key) for group in AGE_GROUPS],
        method="filter_age",
    )
    skill = ListedChoiceFilter(
        label=_("Skill"),
        queryset=Skill.objects.order_by("code"),
        method="filter_skill",
    )
    report = django_filters.ChoiceFilter(
        label=_("Report back"),
        choices=[("overdue", _("overdue")), ("due", _("due within 30 days"))],
        method="filter_report",
    )

    class Meta:
        model = JobSeeker
        fields: list[str] = []

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        if office is not None:
            # An officer's kecamatan are those of their own city.
            self.filters["region"].queryset = Region.objects.filter(
                level=Region.Level.DISTRICT, parent_id=office.region_id
            )

    def search(self, queryset, name, value):
        return job_seeker_search(queryset, value)

    def filter_age(self, queryset, name, value):
        for group in AGE_GROUPS:
            if group.key == value:
                earliest, latest = birth_range(timezone.localdate(), group.lowest, group.highest)
                queryset = queryset.filter(birth_date__lte=latest)
                if earliest:
                    queryset = queryset.filter(birth_date__gte=earliest)
        return queryset

    def filter_skill(self, queryset, name, value):
        return queryset.filter(
            Exists(JobSeekerSkill.objects.filter(job_seeker=OuterRef("pk"), skill=value))
        )

    def filter_report(self, queryset, name, value):
        today = timezone.localdate()
        active = Q(status=JobSeeker.Status.ACTIVE)
        if value == "overdue":
            return queryset.filter(active, next_report_due__lt=today)
        return queryset.filter(
            active,
            next_report_due__gte=today,
            next_report_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
