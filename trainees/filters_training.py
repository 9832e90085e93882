"""Filters of the programme and cohort list pages, and the cohort candidates' search."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort, FundingSource, Programme
from vokasi.models import TrainingProvider, Vocation


class ProgrammeFilter(django_filters.FilterSet):
    vocation = django_filters.ModelChoiceFilter(
        label=_("Vocation"), queryset=Vocation.objects.all()
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Training provider"), queryset=TrainingProvider.objects.all()
    )
    funding = django_filters.ChoiceFilter(label=_("Funding source"), choices=FundingSource.choices)
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")

    class Meta:
        model = Programme
        fields = ["vocation", "provider", "funding", "name"]


class CohortFilter(django_filters.FilterSet):
    vocation = django_filters.ModelChoiceFilter(
        label=_("Vocation"), field_name="programme__vocation", queryset=Vocation.objects.all()
    )
    provider = django_filters.ModelChoiceFilter(
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
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_to = django_filters.DateFilter(
        label=_("Starting until"),
        field_name="start_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
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
