"""The API's filter backend."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend


class ListFilterBackend(DjangoFilterBackend):
    """django-filter's backend, for lists only.

    A detail URL names its object: DRF would still run the list's filter set on the
    lookup (a form built and validated per request, a quarter of the time of reading one
    vacancy), and a list's query string on a detail URL would turn it into a 404 or 400.
    The schema documents the filters on the lists only, as it did."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):
            return queryset
        return super().filter_queryset(request, queryset, view)
