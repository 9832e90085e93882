"""django-tables2 tables for the report pages. Rows are plain dicts from a selector's frame;
``totals`` (a dict) fills the footer. A report's columns, their headers and kinds, come
from its one spec in ``reports.columns`` (``report_table``), which the exports follow too;
this module adds only how a cell looks (links, badges)."""

from __future__ import annotations

from collections.abc import Callable

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reports import columns, formatting
from vokasi.exports import COUNT, MONEY, NUMBER, RATE
from vokasi.formatting import badge
from vokasi.tables import DateColumn, Table

LABELS = {
    "shortage": (_("shortage"), "bad"),
    "balanced": (_("balanced"), "ok"),
    "surplus": (_("surplus"), "warn"),
    "no_demand": (_("no demand"), ""),
}


class ReportTable(Table):
    #: The report's column spec (``reports.columns``), set by ``report_table``.
    spec: Callable[[], list[columns.Column]] | None = None

    def __init__(self, data, *, totals: dict | None = None, **kwargs):
        self.totals = totals or {}
        super().__init__(data, **kwargs)
        if self.spec is not None:
            # Headers in the request's language, naming the settings' numbers.
            for column in type(self).spec():
                if column.on_page:
                    self.columns[column.name].column.verbose_name = column.shown_as


def _footer(name: str, fmt=formatting.integer):
    def footer(table):
        value = table.totals.get(name)
        return fmt(value) if name in table.totals else ""

    return footer


class NumberColumn(tables.Column):
    """A right-aligned count shown as 1.234.567, summed in the footer."""

    fmt = staticmethod(formatting.integer)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"td": {"class": "num"}, "th": {"class": "num"}, "tf": {"class": "num"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, value):
        return self.fmt(value)

    def value(self, value):
        return value


class DecimalColumn(NumberColumn):
    fmt = staticmethod(formatting.decimal)


class PercentColumn(NumberColumn):
    fmt = staticmethod(formatting.percent)


class RupiahColumn(NumberColumn):
    fmt = staticmethod(formatting.rupiah)


def number(verbose_name, name, cls=NumberColumn, **kwargs):
    return cls(verbose_name=verbose_name, footer=_footer(name, cls.fmt), **kwargs)


#: How the page shows a column of each kind (text: a plain column).
PAGE_COLUMNS = {
    COUNT: NumberColumn,
    NUMBER: DecimalColumn,
    RATE: PercentColumn,
    MONEY: RupiahColumn,
}


def report_table(
    base: type[ReportTable], spec: Callable[[], list[columns.Column]], **options: dict
) -> type[ReportTable]:
    """``base`` (its Meta and ``render_*`` methods) with the page columns of ``spec``, in
    its order; ``options`` gives a column more keyword arguments (a footer, orderable)."""
    attrs: dict = {"spec": staticmethod(spec), "Meta": base.Meta, "__module__": base.__module__}
    for column in spec():
        if column.on_page:
            cls = PAGE_COLUMNS.get(column.kind)
            extra = options.get(column.name, {})
            attrs[column.name] = (
                number(column.shown_as, column.name, cls, **extra)
                if cls
                else tables.Column(verbose_name=column.shown_as, **extra)
            )
    return type(base)(base.__name__.lstrip("_"), (base,), attrs)


TOTAL_LABEL = {"footer": _("Total")}


def label_badge(value) -> str:
    text, css = LABELS.get(value, (value, ""))
    return badge(css, text)


class _LinkMatchTable(ReportTable):
    class Meta:
        order_by = "-gap"
        attrs = {"class": "table", "data-testid": "report-table"}

    def __init__(self, data, *, params_query: str = "", by: str = "skill", **kwargs):
        self.params_query = params_query
        self.by = by
        super().__init__(data, **kwargs)

    def render_name(self, value, record):
        url = reverse("reports:link-and-match-detail", args=[self.by, record["key"]])
        return format_html(
            '<a href="{}?{}">{}</a> <small class="muted">{}</small>',
            url,
            self.params_query,
            value or record["key"],
            record["key"],
        )

    def render_label(self, value):
        return label_badge(value)


LinkMatchTable = report_table(_LinkMatchTable, columns.link_and_match_spec, name=TOTAL_LABEL)


class _RecommendationTable(ReportTable):
    class Meta:
        order_by = "-unmet"
        attrs = {"class": "table", "data-testid": "report-table"}

    def render_name(self, value, record):
        return format_html('{} <small class="muted">{}</small>', value, record["key"])


RecommendationTable = report_table(
    _RecommendationTable,
    columns.recommendation_spec,
    name=TOTAL_LABEL,
    programmes={"orderable": False},
)


class VacancyDrillTable(Table):
    title = tables.Column(verbose_name=_("Job title"))
    company = tables.Column(verbose_name=_("Company"))
    occupation = tables.Column(verbose_name=_("Occupation"))
    region = tables.Column(verbose_name=_("Workplace"))
    openings = NumberColumn(verbose_name=_("Openings"))
    filled = NumberColumn(verbose_name=_("Filled"))
    opens_on = DateColumn(verbose_name=_("Opens on"), format="d-m-Y")
    closes_on = DateColumn(verbose_name=_("Closes on"), format="d-m-Y")

    class Meta:
        attrs = {"class": "table", "data-testid": "drill-vacancies"}


SOURCE_NAMES = {
    3: _("certified"),
    2: _("trained (completed a programme)"),
    1: _("declared"),
    None: _("declared"),
}


class PeopleDrillTable(Table):
    name = tables.Column(verbose_name=_("Name"))
    registration_number = tables.Column(verbose_name=_("AK/I number"))
    sex = tables.Column(verbose_name=_("Sex"))
    education = tables.Column(verbose_name=_("Education"))
    region = tables.Column(verbose_name=_("Kecamatan"))
    registered_on = DateColumn(verbose_name=_("Registered on"), format="d-m-Y")
    best_source = tables.Column(verbose_name=_("Best source"), empty_values=())

    class Meta:
        attrs = {"class": "table", "data-testid": "drill-people"}

    def render_region(self, value):
        return value.name

    def render_best_source(self, value):
        return SOURCE_NAMES.get(value, "")


def query_without(request, *names: str) -> str:
    """The current query string minus ``names`` (page, sort, format)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


class _OutcomeTable(ReportTable):
    class Meta:
        order_by = "-enrolled"
        attrs = {"class": "table", "data-testid": "report-table"}


OutcomeTable = report_table(_OutcomeTable, columns.outcomes_spec, name=TOTAL_LABEL)


class _CostTable(ReportTable):
    """The cost-per-outcome section (``reports.costs.cost_table``): one row per funding
    source, sponsor, programme or provider; not sortable (it sits under the outcomes)."""

    class Meta:
        orderable = False
        attrs = {"class": "table", "data-testid": "cost-table"}
        row_attrs = {"data-testid": lambda record: f"cost-row-{record['key']}"}
        empty_text = _("No funding recorded for the cohorts of this period.")

    def render_spent(self, value, record):
        over = record.get("over_budget") or 0
        if not over:
            return formatting.rupiah(value)
        return format_html(
            '{} <span class="badge warn" title="{}">{}</span>',
            formatting.rupiah(value),
            _("lines spent above their budget"),
            ngettext("%(n)s over budget", "%(n)s over budget", over) % {"n": over},
        )


CostTable = report_table(_CostTable, columns.costs_spec, name=TOTAL_LABEL)
