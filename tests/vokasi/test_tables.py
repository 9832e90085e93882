"""vokasi.tables: a table and a date column that do their per-column work once, and answer
exactly what django-tables2's own answer (the same cells, the same export values)."""

from __future__ import annotations

import datetime
import inspect
from unittest import mock

import django_tables2 as tables
import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation
from django_tables2.utils import call_with_appropriate

from vokasi.tables import DateColumn, Table, with_known_arguments

ROWS = [
    {"name": "Siti <b>", "day": datetime.date(2026, 3, 9), "status": "active", "n": 3},
    {"name": "Budi & co", "day": None, "status": "placed", "n": 0},
    {"name": "Ani", "day": "", "status": "", "n": None},
    {"name": "Eko", "day": "not a date", "status": "removed", "n": 12},
    {
        "name": "Rina",
        "day": datetime.datetime(2026, 3, 9, 20, 30, tzinfo=datetime.UTC),  # 10 March in WIB
        "status": "active",
        "n": 5,
    },
]


def _table(base, date_column):
    """The same columns and methods on ``base`` with ``date_column``."""

    def render_status(self, record, value):
        return f"[{value}:{record['n']}]"

    def value_status(self, value):
        return value.upper()

    def render_n(self, value, bound_column, table):
        return f"{value} {bound_column.name} {type(table).__name__}"

    attrs = {
        "name": tables.Column(verbose_name="Nama"),
        "day": date_column(verbose_name="Tanggal", format="d-m-Y"),
        "short": date_column(accessor="day", short=True),
        "long": date_column(accessor="day", short=False, default="<none>"),
        "status": tables.Column(),
        "n": tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}}),
        # attributes computed per cell stay so
        "m": tables.Column(
            accessor="n", attrs={"td": {"data-n": lambda value: value, "class": "num"}}
        ),
        "render_status": render_status,
        "value_status": value_status,
        "render_n": render_n,
        "__module__": __name__,
    }
    return type(base)("T", (base,), attrs)


UpstreamTable = _table(tables.Table, tables.DateColumn)
ProjectTable = _table(Table, DateColumn)


def _html(table_class, language="id") -> str:
    request = RequestFactory().get("/people/", {"sort": "name"})
    table = table_class(ROWS)
    with translation.override(language):
        html = table.as_html(request)
    return html


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_project_table_renders_exactly_as_django_tables2(language):
    assert _html(ProjectTable, language) == _html(UpstreamTable, language)
    assert "09-03-2026" in _html(ProjectTable) and "10-03-2026" in _html(ProjectTable)


def test_a_project_table_exports_exactly_as_django_tables2():
    with translation.override("id"):
        ours = list(ProjectTable(ROWS).as_values())
        theirs = list(UpstreamTable(ROWS).as_values())
    assert ours == theirs
    assert ours[1][1] == "2026-03-09"  # a date column's export value is ISO


@override_settings(USE_TZ=False)
def test_a_naive_time_is_formatted_as_it_is():
    rows = [{"day": datetime.datetime(2026, 3, 9, 23, 0)}]  # noqa: DTZ001 (naive on purpose)

    class Ours(Table):
        day = DateColumn(format="d-m-Y H:i")

    class Theirs(tables.Table):
        day = tables.DateColumn(format="d-m-Y H:i")

    assert Ours(rows).as_html(RequestFactory().get("/")) == Theirs(rows).as_html(
        RequestFactory().get("/")
    )


def _inspections(table_class, rows) -> int:
    """How many times rendering reads a function's parameters from its code (the slow part
    of ``inspect.signature``; a ready ``__signature__`` is not read from code)."""
    read = []
    signature = inspect.signature

    def counting(fn, *args, **kwargs):
        if getattr(inspect.unwrap(fn), "__signature__", None) is None:
            read.append(fn)
        return signature(fn, *args, **kwargs)

    table = table_class(rows, exclude=("m",))  # its attributes are computed per cell
    with mock.patch("inspect.signature", counting):
        html = table.as_html(RequestFactory().get("/"))
    assert html.count("<tr") == len(rows) + 1
    return len(read)


def test_a_project_table_does_not_inspect_a_render_method_for_each_cell():
    rows = ROWS * 20
    assert _inspections(UpstreamTable, rows) > len(rows) * 4
    assert _inspections(ProjectTable, rows) == 0  # read once, when the table was made


def _all(value, record, column, bound_column, bound_row, table, **rest):
    return (value, record, column, bound_column, bound_row, table, rest)


@pytest.mark.parametrize(
    "fn",
    [
        lambda value: value,
        lambda record, value: (record, value),
        lambda value, missing: value,  # names what is not offered: not called
        lambda **kwargs: sorted(kwargs),
        lambda value, *args, **kwargs: (value, args, sorted(kwargs)),
        lambda: "nothing",
        _all,
    ],
)
def test_known_arguments_call_a_function_as_django_tables2_does(fn):
    offered = {
        "value": 1,
        "record": {"a": 1},
        "column": "c",
        "bound_column": "bc",
        "bound_row": "br",
        "table": "t",
    }
    assert call_with_appropriate(with_known_arguments(fn), dict(offered)) == (
        call_with_appropriate(fn, dict(offered))
    )


def test_a_date_column_formats_in_local_time():
    moment = datetime.datetime(2026, 3, 9, 20, 30, tzinfo=datetime.UTC)
    column = DateColumn(format="d-m-Y")
    bound = mock.Mock(default="—")
    assert column.render(moment, bound) == timezone.localtime(moment).strftime("%d-%m-%Y")
    assert column.render(None, bound) == "—"


def test_columns_are_found_by_name_as_in_django_tables2():
    ours, theirs = ProjectTable(ROWS, exclude=("m",)), UpstreamTable(ROWS, exclude=("m",))
    assert ours.columns["status"].name == theirs.columns["status"].name == "status"
    assert ours.columns[1].name == theirs.columns[1].name
    for table in (ours, theirs):
        with pytest.raises(KeyError):
            table.columns["m"]
        with pytest.raises(KeyError):
            table.columns["nothing"]


def test_a_table_rendered_again_in_another_order_shows_the_new_order():
    table = ProjectTable(ROWS)
    first = table.as_html(RequestFactory().get("/", {"sort": "name"}))
    table.order_by = "-name"
    again = table.as_html(RequestFactory().get("/"))
    upstream = UpstreamTable(ROWS)
    upstream.order_by = "-name"
    assert again == upstream.as_html(RequestFactory().get("/")) != first
