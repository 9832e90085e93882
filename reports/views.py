"""The report pages. Each one: read the filters, ask a selector for a frame, render the frame
as a table (with a chart) or hand it to the exporter. Nothing here counts anything."""

from __future__ import annotations

import pandas as pd
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from reports import charts, columns, formatting, headers, ipk
from reports import link_and_match as lm
from reports import outcomes as oc
from reports import recommendation as rec
from reports.exporting import export_response, ipk_export_response, with_totals
from reports.forms import IpkForm, LinkMatchForm, OutcomeForm
from reports.periods import period_from_params
from reports.scope import Scope, scope_for
from reports.tables import (
    LinkMatchTable,
    OutcomeTable,
    PeopleDrillTable,
    RecommendationTable,
    VacancyDrillTable,
    query_without,
)
from vokasi.audit import record_access
from vokasi.jobs.exports import export_later
from vokasi.roles import OFFICE, TRAINING, role_required

EXPORT_FORMATS = ("csv", "xlsx")
LEVELS = ("skill", "vocation")


def reader_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, request.GET.get("office"))


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in EXPORT_FORMATS else None


@role_required(TRAINING)
def index(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    return render(request, "reports/index.html", {"scope": scope})


def link_match_params(form: LinkMatchForm) -> lm.Params:
    data = form.cleaned_data
    return lm.Params(
        date_from=data["from"],
        date_to=data["to"],
        by=data["by"],
        vocation=data["vocation"].code if data.get("vocation") else None,
        sector=data["sector"].code if data.get("sector") else None,
        provider=data["provider"].pk if data.get("provider") else None,
    )


@role_required(TRAINING)
def link_and_match(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    form = LinkMatchForm(request.GET, scope=scope)
    context = {"form": form, "scope": scope, "groupings": lm.GROUPINGS}
    if not form.is_valid():
        return render(request, "reports/link_and_match.html", context, status=400)
    params = link_match_params(form)
    frame = lm.link_and_match(params, scope)
    total = lm.totals(frame)
    fmt = export_format(request)
    if fmt and (later := export_later(request, rows=len(frame))):
        return later
    if fmt:
        return export_response(
            lm.labelled(with_totals(frame, total, "name", _("Total"))),
            columns.link_and_match(),
            fmt=fmt,
            title=_("Link and match"),
            filename=f"link-and-match-{params.by}-{params.date_from}-{params.date_to}",
        )
    table = LinkMatchTable(
        lm.records(frame),
        totals=total,
        by=params.by,
        params_query=query_without(request, "sort", "page", "format"),
    )
    RequestConfig(request, paginate=False).configure(table)
    top = frame.sort_values("demand", ascending=False).head(15)
    chart = charts.Chart(
        title=_("Demand and supply by %(by)s") % {"by": lm.GROUPINGS[params.by]},
        categories=[name or key for key, name in zip(top["key"], top["name"], strict=True)],
        series=[
            charts.Series(_("Demand (openings)"), top["demand"].tolist()),
            charts.Series(_("Supply: total"), top["supply"].tolist()),
            charts.Series(_("In training (pipeline)"), top["pipeline"].tolist()),
        ],
        testid="chart-demand-supply",
    )
    context.update(
        params=params,
        table=table,
        totals=total,
        chart=chart,
        thresholds=lm.thresholds(),
        grouping_label=lm.GROUPINGS[params.by],
    )
    return render(request, "reports/link_and_match.html", context)


@role_required(TRAINING)
def link_and_match_detail(request: HttpRequest, by: str, key: str) -> HttpResponse:
    """The vacancies (and, for officers, the people) behind one row."""
    if by not in lm.GROUPINGS:
        raise Http404
    scope = reader_scope(request)
    data = request.GET.copy()
    data["by"] = by
    form = LinkMatchForm(data, scope=scope)
    if not form.is_valid():
        raise Http404
    params = link_match_params(form)
    frame = lm.link_and_match(params, scope)
    match = frame[frame["key"] == key]
    row = lm.records(match)[0] if len(match) else None
    behind = lm.row_vacancies(params, scope, key)
    fmt = export_format(request)
    if fmt and (later := export_later(request, rows=behind.count())):
        return later
    if fmt:
        spec = columns.vacancies()
        frame = pd.DataFrame.from_records(
            list(behind.values_list(*[column[0] for column in spec])),
            columns=[column[0] for column in spec],
        )
        return export_response(
            frame,
            spec,
            fmt=fmt,
            title=_("Vacancies"),
            filename=f"{_('vacancies')}-{by}-{key}-{params.date_from}-{params.date_to}",
        )
    vacancies = VacancyDrillTable(behind, prefix="v-", orderable=False)
    RequestConfig(request, paginate={"per_page": 50}).configure(vacancies)
    people = None
    if scope.can_see_people:
        people = PeopleDrillTable(lm.row_people(params, scope, key), prefix="p-", orderable=False)
        RequestConfig(request, paginate={"per_page": 50}).configure(people)
        record_access(
            request,
            "view",
            f"link and match: people {by}",
            object_id=key,
            people=len(people.page.object_list),
        )
    return render(
        request,
        "reports/link_and_match_detail.html",
        {
            "scope": scope,
            "params": params,
            "key": key,
            "row": row,
            "vacancies": vacancies,
            "people": people,
            "grouping_label": lm.GROUPINGS[by],
            "back_query": query_without(request, "v-page", "p-page"),
            "formatting": formatting,
        },
    )


@role_required(TRAINING)
def recommendation(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    data = request.GET.copy()
    if data.get("by") not in ("skill", "vocation"):
        data["by"] = "skill"
    form = LinkMatchForm(data, scope=scope)
    form.fields["by"].choices = [(k, v) for k, v in lm.GROUPINGS.items() if k in LEVELS]
    context = {"form": form, "scope": scope}
    if not form.is_valid():
        return render(request, "reports/recommendation.html", context, status=400)
    params = link_match_params(form)
    frame = rec.recommendation(params, scope)
    total = rec.totals(frame)
    fmt = export_format(request)
    if fmt and (later := export_later(request, rows=len(frame))):
        return later
    if fmt:
        return export_response(
            with_totals(frame, total, "name", _("Total")),
            columns.recommendation(),
            fmt=fmt,
            title=_("Training recommendation"),
            filename=f"{_('training-recommendation')}-{params.by}-{params.date_from}-{params.date_to}",
        )
    table = RecommendationTable(rec.records(frame), totals=total)
    RequestConfig(request, paginate=False).configure(table)
    top = frame.head(15)
    chart = charts.Chart(
        title=_("Unmet demand after counting the pipeline"),
        categories=[f"{n}" for n in top["name"]],
        series=[
            charts.Series(_("Unmet demand"), top["unmet"].tolist()),
            charts.Series(_("In training (pipeline)"), top["pipeline"].tolist()),
        ],
        testid="chart-unmet",
    )
    context.update(
        params=params,
        table=table,
        totals=total,
        chart=chart,
        class_size=rec.class_size(),
    )
    return render(request, "reports/recommendation.html", context)


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
    fmt = export_format(request)
    if fmt and (later := export_later(request, rows=len(frame))):
        return later
    if fmt:
        return export_response(
            with_totals(frame, total, "name", _("Total")),
            columns.outcomes(),
            fmt=fmt,
            title=_("Training outcomes"),
            filename=f"{_('training-outcomes')}-{params.by}-{params.date_from}-{params.date_to}",
        )
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
    from reports import views_costs

    context.update(
        views_costs.cost_section(params, scope, views_costs.cost_by(request.GET) or "source")
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
    fmt = export_format(request)
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
