from __future__ import annotations

import django_filters
from django import forms

from placements.models import Apprenticeship, Placement, Vacancy


class IdFilter(django_filters.Filter):
    """A database id: a whole number the database can hold (else 400, never 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class VacancyFilter(django_filters.FilterSet):
    occupation = django_filters.CharFilter(field_name="occupation_id", help_text="KBJI code")
    skill = django_filters.CharFilter(
        field_name="skill_rows__skill_id",
        distinct=True,
        help_text="Vacancies asking for this skill code (required or preferred).",
    )
    opened_since = django_filters.DateFilter(
        field_name="opens_on", lookup_expr="gte", help_text="Opened on or after this date."
    )
    external_ref = django_filters.CharFilter()
    company = IdFilter(field_name="company_id")

    class Meta:
        model = Vacancy
        fields = ["status", "kind", "employment_type"]


class PlacementFilter(django_filters.FilterSet):
    started_since = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    vacancy = IdFilter(field_name="vacancy_id")

    class Meta:
        model = Placement
        fields = ["source", "contract_type"]


class ApprenticeshipFilter(django_filters.FilterSet):
    vacancy = IdFilter(field_name="vacancy_id")

    class Meta:
        model = Apprenticeship
        fields = ["status"]
