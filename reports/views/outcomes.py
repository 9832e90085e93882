"""The outcomes page: completion, certification and placement per programme, with the
cost-per-outcome section below it.

Each page reads the filters, asks a selector for a frame, and renders the frame as a table
(with a chart) or hands it to the exporter. Nothing here counts anything.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from reports import charts, columns, formatting, headers
from reports import outcomes as oc
from reports.exporting import page_download
from reports.forms import OutcomeForm
from reports.scope import Scope, reader_scope
from reports.tables import (
    OutcomeTable,
)
from vokasi.roles import TRAINING, role_required


def outcome_params(form: OutcomeForm, scope: Scope) -> oc.Params:
    data = form.cleaned_data
    provider = data.get("provider")
    return oc.Params(
        date_from=data["from"],
        date_to=data["to"],
        by=data["by"],
        provider=provider.pk if provider else None,
        funding=data.get("funding") or None,
        vocation=data["vocation"].code if data.get("vocation") else None,
    )


@role_required(TRAINING)
def outcomes(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    form = OutcomeForm(request.GET, scope=scope)
    context = {"form": form, "scope": scope}
    if not form.is_valid():
        return render(request, "reports/outcomes.html", context, status=400)
    params = outcome_params(form, scope)
    frame = oc.outcomes(params, scope)
    total = oc.totals(frame, params, scope)
    if download := page_download(
        request,
        frame,
        total,
        columns.outcomes(),
        title=_("Training outcomes"),
        filename=_("training-outcomes") + f"-{params.by}-{params.date_from}-{params.date_to}",
    ):
        return download
    table = OutcomeTable(oc.records(frame), totals=total)
    RequestConfig(request, paginate=False).configure(table)
    stages = oc.funnel(frame)
    funnel = charts.Chart(
        title=_("From enrollment to work"),
        categories=[label for label, _value in stages],
        series=[charts.Series(_("Trainees"), [value for _label, value in stages])],
        testid="chart-funnel",
    )
    top = frame.head(12)
    rates = charts.Chart(
        title=_("Outcome rates"),
        categories=[str(n) for n in top["name"]],
        series=[
            charts.Series(_("Completion"), top["completion_rate"].tolist()),
            charts.Series(_("K among assessed"), top["certification_rate"].tolist()),
            charts.Series(
                headers.placed(oc.horizons()[1], short=True), top["placement_rate_180d"].tolist()
            ),
        ],
        fmt=formatting.percent,
        max_value=1.0,
        testid="chart-rates",
    )
    near, far, retention = oc.horizons()
    # Cost per outcome (reports/costs.py), below the outcome table.
    from reports.views import costs as cost_views

    context.update(
        cost_views.cost_section(params, scope, cost_views.cost_by(request.GET) or "source")
    )
    context.update(
        params=params,
        table=table,
        funnel=funnel,
        rates=rates,
        near=near,
        far=far,
        retention=retention,
    )
    return render(request, "reports/outcomes.html", context)
