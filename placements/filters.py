from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from placements.models import Vacancy


class VacancyPageFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(label=_("job title"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Vacancy.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Vacancy.Kind.choices)

    class Meta:
        model = Vacancy
        fields = ["title", "status", "kind"]
