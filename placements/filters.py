from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, Vacancy
from vokasi.forms import ListedChoiceFilter
from vokasi.models import Company, Region, Sector


class VacancyPageFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(label=_("job title"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Vacancy.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Vacancy.Kind.choices)

    class Meta:
        model = Vacancy
        fields = ["title", "status", "kind"]


class CompanyRegisterPageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or NIB"), method="words")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Company.Status.choices)
    sector = ListedChoiceFilter(
        label=_("KBLI sector"), queryset=Sector.objects.order_by("code"), method="in_sector"
    )
    region = ListedChoiceFilter(
        label=_("kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("code"),
    )

    class Meta:
        model = Company
        fields = ["q", "status", "sector", "region"]

    def in_sector(self, queryset, name, value):
        return queryset.in_sector(value.pk)

    def words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(nib__startswith=word))
        return queryset


class ApprenticeshipPageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=Apprenticeship.Status.choices)

    class Meta:
        model = Apprenticeship
        fields = ["status"]
