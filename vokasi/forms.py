"""Form pieces every app's pages share."""

from __future__ import annotations

import django_filters
from django import forms
from django_filters.fields import ModelChoiceField


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class ListedChoices(forms.models.ModelChoiceIterator):
    """A model choice's options read with one plain SELECT.

    Django reads a choice field's queryset through ``QuerySet.iterator()``, which on
    PostgreSQL opens a server-side cursor (DECLARE, FETCH, CLOSE: three round trips for
    each select), made for querysets too big to hold in memory. The reference tables a
    page offers to choose from (kecamatan, education levels, skills, vocations, sectors)
    are a few hundred rows at most; the options, their order and labels are the same.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        null_label = getattr(self.field, "null_label", None)  # django-filter's fields
        if null_label is not None:
            yield (self.field.null_value, null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedChoiceField(ModelChoiceField):
    """django-filter's model choice field with its options in one plain SELECT."""

    iterator = ListedChoices


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` over a short reference table (see ``ListedChoices``)."""

    field_class = ListedChoiceField
