"""The project's django-tables2 building blocks: a table and a date column that do their
per-column work once per table instead of once per cell.

django-tables2 spends most of a list page's time on work that is the same in every cell of
a column: it reads a render method's signature with ``inspect.signature`` for every cell,
to learn which of ``value``, ``record``, ``table``... to pass (upstream issues #1044/#1045),
and its ``DateColumn`` compiles and renders a template (``{{ value|date:... }}``) for every
cell; it computes a column's cell attributes (th/td classes) again for every cell and
finds a column by name by walking the others. ``Table`` learns each column's arguments
once per process, fixes the attributes once per render when no cell computes its own, and
finds a column through its dict; ``DateColumn`` formats with the ``date`` filter's own
function. Both answer exactly what django-tables2 answers (the same HTML, the same export
values): a project table subclasses ``vokasi.tables.Table`` and uses its ``DateColumn``.
"""

from __future__ import annotations

import datetime
import inspect
import types
import weakref
from collections.abc import Callable

import django_tables2 as tables
from django.utils import dateformat, timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django_tables2.columns.base import BoundColumn, BoundColumns
from django_tables2.utils import signature

# What django-tables2 reads instead of the signature of a cell function (``**kwargs``).
_TAKES_EVERYTHING = inspect.Signature([inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])


# The arguments each cell function names, by function: they are in the code, which does not
# change while the process runs. Weak keys, so a table class made at run time can go.
_ARGUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _arguments(fn: Callable) -> tuple[tuple[str, ...], str | None]:
    """django-tables2's ``signature(fn)`` (the argument names, the ``**`` name), read once
    per function: a table's methods are bound to a new table for every request."""
    if isinstance(fn, types.MethodType):
        key, bound = fn.__func__, True
    elif isinstance(fn, types.FunctionType):
        key, bound = fn, False
    else:  # another callable: read it each time, as django-tables2 does
        return signature(fn)
    known = _ARGUMENTS.setdefault(key, {})
    if bound not in known:
        known[bound] = signature(fn)
    return known[bound]


def with_known_arguments(fn: Callable) -> Callable:
    """``fn`` (a column's or table's ``render_*``/``value_*``) as a function that django-tables2
    calls without inspecting it again.

    django-tables2 calls a cell function with the arguments it names, found by
    ``inspect.signature`` on every call (``utils.call_with_appropriate``), which costs more
    than most render methods. The names are read here once; the returned function declares
    ``**kwargs`` in a ready ``__signature__`` (which ``inspect.signature`` answers at once),
    receives every argument and passes on those ``fn`` names, with the same rule: ``fn`` is
    not called (the answer is None) if it names an argument that is not offered.
    """
    names, takes_any = _arguments(fn)
    if takes_any:
        return fn

    def call(**offered):
        try:
            arguments = {name: offered[name] for name in names}
        except KeyError:
            return None
        return fn(**arguments)

    call.__signature__ = _TAKES_EVERYTHING
    call.__wrapped_cell_function__ = fn  # for debugging: the function called
    return call


def _computed(attrs) -> bool:
    """Whether any of the ``attrs`` (nested dicts) is computed per cell (a callable)."""
    return any(
        callable(value) or (isinstance(value, dict) and _computed(value))
        for value in attrs.values()
    )


class _Column(BoundColumn):
    """A bound column whose cell attributes can be fixed for a render (``Table.before_render``).

    django-tables2 computes a column's ``attrs`` (th, td and tf, their classes with the
    ordering state) again for every cell that prints them; when none of them is computed
    from the cell (no callables), they are the same for every cell of the render.
    """

    fixed_attrs = None

    @property
    def attrs(self):
        if self.fixed_attrs is not None:
            return self.fixed_attrs
        return super().attrs


class _Columns(BoundColumns):
    """The table's columns, found by name through their dict (django-tables2 walks the
    sequence for every cell), with the same answer and the same KeyError."""

    def __getitem__(self, index):
        if isinstance(index, str):
            column = self.columns.get(index)
            if (
                column is not None
                and index in self._table.sequence
                and index not in (self._table.exclude or ())
            ):
                return column
        return super().__getitem__(index)


class Table(tables.Table):
    """django-tables2's table with the per-column work done once per table: each column's
    render and value functions inspected once (see ``with_known_arguments``), its cell
    attributes computed once per render when they do not depend on the cell, a column
    found by name without walking the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns.__class__ = _Columns
        for bound_column in self.columns.iterall():
            bound_column.__class__ = _Column
            bound_column.render = with_known_arguments(bound_column.render)
            bound_column.value = with_known_arguments(bound_column.value)

    def before_render(self, request):
        super().before_render(request)
        # The order and the attributes are settled now: fix each column's for this render.
        cell_attrs = {key: self.attrs.get(key, {}) for key in ("th", "td", "tf", "cell")}
        static_table = not _computed(cell_attrs)
        for bound_column in self.columns.iterall():
            bound_column.fixed_attrs = None
            if static_table and not _computed(bound_column.column.attrs):
                bound_column.fixed_attrs = bound_column.attrs


class DateColumn(tables.DateColumn):
    """django-tables2's ``DateColumn`` without a template per cell.

    django-tables2 renders ``{{ value|date:format|default:default }}`` through a template it
    compiles again for every cell; this formats with the function the ``date`` filter calls
    (``django.utils.formats.date_format``), in local time as the filter does, and escapes
    like the template, so a cell and its export value are exactly the same.
    """

    def __init__(self, format: str | None = None, short: bool = True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        if format is None:
            format = "SHORT_DATE_FORMAT" if short else "DATE_FORMAT"
        self.date_format = format

    def render(self, value, bound_column):
        text = ""
        if value not in (None, ""):
            if isinstance(value, datetime.datetime):
                value = timezone.template_localtime(value)
            try:
                text = date_format(value, self.date_format)
            except AttributeError:  # the filter's fallbacks, for what is not a date
                try:
                    text = dateformat.format(value, self.date_format)
                except AttributeError:
                    text = ""
        return conditional_escape(text or bound_column.default)
