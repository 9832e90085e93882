"""The API's filter backend."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend


class ListFilterBackend(DjangoFilterBackend):
    """django-filter's backend, for lists only.

    A detail URL names its object: DRF would still run the list's filter set on the
    lookup (a form built and validated per request, a quarter of the time of reading one
    vacancy), and a list's query string on a detail URL would turn it into a 404 or 400.
    The schema documents the filters on the lists only, as it did.

    A view's ``filterset_fields`` become a filter set class once per process: django-filter
    builds that class (a metaclass run, a filter per field from the model) on every
    request, a third of the time of a short list such as a page of skills. The class
    depends only on the model and the field names, both fixed in the code.
    """

    _auto_classes: dict = {}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset_class(self, view, queryset=None):
        fields = getattr(view, "filterset_fields", None)
        if getattr(view, "filterset_class", None) or not fields or queryset is None:
            return super().get_filterset_class(view, queryset)
        key = (queryset.model, _frozen(fields))
        if key not in self._auto_classes:
            self._auto_classes[key] = super().get_filterset_class(view, queryset)
        return self._auto_classes[key]


def _frozen(fields) -> tuple:
    """``filterset_fields`` (a list of names, or names to lookups) as a dictionary key."""
    if isinstance(fields, dict):
        return tuple((name, tuple(lookups)) for name, lookups in fields.items())
    return tuple(fields)
