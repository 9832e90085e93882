"""The link-and-match pages: supply against demand by skill, vocation or sector, the
people and vacancies behind one row, and the recommendation drawn from it.

Each page reads the filters, asks a selector for a frame, and renders the frame as a table
(with a chart) or hands it to the exporter. Nothing here counts anything.
"""

from __future__ import annotations

import pandas as pd
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from reports import charts, columns, formatting
from reports import link_and_match as lm
from reports import recommendation as rec
from reports.exporting import export_response, page_download
from reports.forms import LinkMatchForm
from reports.scope import reader_scope
from reports.tables import (
    LinkMatchTable,
    PeopleDrillTable,
    RecommendationTable,
    VacancyDrillTable,
    query_without,
)
from vokasi.audit import record_access
from vokasi.exports import requested_format
from vokasi.jobs.exports import export_later
from vokasi.roles import TRAINING, role_required


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
    if download := page_download(
        request,
        frame,
        total,
        columns.link_and_match(),
        title=_("Link and match"),
        filename=f"link-and-match-{params.by}-{params.date_from}-{params.date_to}",
        label=lm.labelled,
    ):
        return download
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
    fmt = requested_format(request)
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
            filename=_("vacancies") + f"-{by}-{key}-{params.date_from}-{params.date_to}",
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
    form.fields["by"].choices = [(k, v) for k, v in lm.GROUPINGS.items() if k in rec.LEVELS]
    context = {"form": form, "scope": scope}
    if not form.is_valid():
        return render(request, "reports/recommendation.html", context, status=400)
    params = link_match_params(form)
    frame = rec.recommendation(params, scope)
    total = rec.totals(frame)
    if download := page_download(
        request,
        frame,
        total,
        columns.recommendation(),
        title=_("Training recommendation"),
        filename=_("training-recommendation") + f"-{params.by}-{params.date_from}-{params.date_to}",
    ):
        return download
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
