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
    depends only on the model and the field names, both fixed in the code. Such a class
    filters by each field's value only when the query names it, so a query naming none of
    them (``/api/v1/skills/``) is answered without building and validating its form.
    """

    _auto_classes: dict = {}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):
            return queryset
        if self._names_no_field(request, queryset, view):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def _names_no_field(self, request, queryset, view) -> bool:
        """Whether the view filters by its ``filterset_fields`` and the query names none
        of them (nor a widget's suffixed name such as ``field_0``)."""
        if getattr(view, "filterset_class", None) or not getattr(view, "filterset_fields", None):
            return False
        names = self.get_filterset_class(view, queryset).base_filters
        return not any(
            key in names or any(key.startswith(f"{name}_") for name in names)
            for key in request.query_params
        )

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
