from __future__ import annotations

import django_filters

from placements.models import Apprenticeship, Placement, Vacancy


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
    company = django_filters.NumberFilter(field_name="company_id")

    class Meta:
        model = Vacancy
        fields = ["status", "kind", "employment_type"]


class PlacementFilter(django_filters.FilterSet):
    started_since = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    vacancy = django_filters.NumberFilter(field_name="vacancy_id")

    class Meta:
        model = Placement
        fields = ["source", "contract_type"]


class ApprenticeshipFilter(django_filters.FilterSet):
    vacancy = django_filters.NumberFilter(field_name="vacancy_id")

    class Meta:
        model = Apprenticeship
        fields = ["status"]
