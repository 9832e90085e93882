"""The cost-per-outcome table: a section of the outcomes page, and its own downloads.

``/reports/costs/`` takes the outcomes page's filters (period, provider, funding source,
vocation) and ``by`` = source | sponsor | programme | provider; ``?format=csv|xlsx``
downloads it. The numbers and the allocation rule are ``reports/costs.py``'s.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import columns, costs
from reports.exporting import export_response, with_totals
from reports.forms import OutcomeForm
from reports.scope import reader_scope
from reports.tables import CostTable
from reports.views.outcomes import outcome_params
from vokasi.exports import requested_format
from vokasi.roles import TRAINING, role_required


def cost_by(data: QueryDict, default: str = "source") -> str | None:
    """The cost table's grouping from ``cost_by`` (on the outcomes page) or ``by``."""
    value = data.get("cost_by") or default
    return value if value in costs.BY else None


def cost_section(params, scope, by: str) -> dict:
    frame = costs.cost_table(params, scope, by=by)
    rows = costs.records(frame)
    totals = costs.cost_totals(frame)
    return {
        "cost_rows": rows,
        "cost_totals": totals,
        "cost_table": CostTable(rows, totals=totals),
        "cost_by": by,
        "cost_groupings": [(key, str(label)) for key, label in costs.BY.items()],
    }


@role_required(TRAINING)
def cost_report(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    data = request.GET.copy()
    by = cost_by(data, data.get("by") or "source")
    data["by"] = "programme"  # the outcome form's own grouping is not used here
    form = OutcomeForm(data, scope=scope)
    context = {"form": form, "scope": scope}
    if by is None or not form.is_valid():
        context["bad_grouping"] = by is None
        return render(request, "reports/costs.html", context, status=400)
    params = outcome_params(form, scope)
    section = cost_section(params, scope, by)
    fmt = requested_format(request)
    if fmt:
        frame = costs.cost_table(params, scope, by=by)
        return export_response(
            with_totals(frame, section["cost_totals"], "name", _("Total")),
            columns.costs(),
            fmt=fmt,
            title=_("Cost per outcome"),
            filename=_("cost-per-outcome") + f"-{by}-{params.date_from}-{params.date_to}",
        )
    context.update(params=params, **section)
    return render(request, "reports/costs.html", context)
