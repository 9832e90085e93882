"""The IPK tables page (a labour-office report), on screen, printable and as a workbook.

Each page reads the filters, asks a selector for a frame, and renders the frame as a table
(with a chart) or hands it to the exporter. Nothing here counts anything.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import charts, ipk
from reports.exporting import ipk_export_response
from reports.forms import IpkForm
from reports.periods import period_from_params
from reports.scope import reader_scope
from reports.tables import (
    query_without,
)
from vokasi.exports import requested_format
from vokasi.jobs.exports import export_later
from vokasi.roles import OFFICE, role_required


@role_required(OFFICE)
def ipk_view(request: HttpRequest) -> HttpResponse:
    """The IPK tables: a labour-office report, for officers and admins."""
    scope = reader_scope(request)
    try:
        period = period_from_params(ipk_period_params(request.GET))
    except ValueError:
        period = None
    form = IpkForm(request.GET, scope=scope, period=period)
    context = {"form": form, "scope": scope}
    if period is None or not form.is_valid():
        return render(request, "reports/ipk.html", context, status=400)
    fmt = requested_format(request)
    if fmt:
        # The yearly workbook always goes to a worker; a month's is built at once.
        later = export_later(request, rows=0, always=period.kind == "year")
        if later is not None:
            return later
    tables = ipk.ipk_tables(period, scope)
    if fmt:
        return ipk_export_response(tables, period, fmt, office=scope.office)
    monthly = ipk.placements_per_month(period, scope)
    chart = charts.Chart(
        title=_("Placements per month"),
        categories=[label for label, _n in monthly],
        series=[charts.Series(_("Placements"), [n for _label, n in monthly])],
        kind="vbar",
        testid="chart-placements-month",
    )
    context.update(
        period=period,
        tables=list(tables.values()),
        chart=chart,
        print_query=query_without(request, "format") + "&print=1",
        office=scope.office,
        stock_columns=ipk.STOCK,
    )
    template = "reports/ipk_print.html" if request.GET.get("print") else "reports/ipk.html"
    return render(request, template, context)


def ipk_period_params(query) -> dict:
    """``kind`` picks which of month / quarter / semester applies (the page's form)."""
    params = {"year": query.get("year")}
    kind = query.get("kind")
    for name in ("month", "quarter", "semester"):
        if query.get(name) and (kind in (None, "", name)):
            params[name] = query.get(name)
    return params
