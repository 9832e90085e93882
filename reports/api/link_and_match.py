"""GET /api/v1/reports/link-and-match/: demand against supply, as JSON, CSV or XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from reports import columns
from reports import link_and_match as lm
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response, with_totals
from reports.forms import LinkMatchForm
from reports.views.link_and_match import link_match_params


class LinkAndMatchView(ReportView):
    @extend_schema(
        operation_id="reports_link_and_match",
        summary="Link and match: demand against supply for a period and a grouping",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(lm.GROUPINGS), default="vocation"),
            OpenApiParameter("vocation", OpenApiTypes.STR, description="vocation code"),
            OpenApiParameter("sector", OpenApiTypes.STR, description="KBLI category letter"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "By skill",
                value={
                    "from": "2026-01-01",
                    "to": "2026-03-31",
                    "by": "skill",
                    "rows": [
                        {
                            "key": "LAS-SMAW",
                            "name": "Pengelasan SMAW posisi 1G/2G",
                            "demand": 8,
                            "supply_certified": 1,
                            "supply_trained": 1,
                            "supply_declared": 1,
                            "supply": 3,
                            "pipeline": 2,
                            "placed": 1,
                            "gap": 5,
                            "ratio": 0.38,
                            "demand_per_seeker": 2.67,
                            "label": "shortage",
                        }
                    ],
                    "totals": {"demand": 8, "supply": 3, "gap": 5},
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        params = link_match_params(self.form(LinkMatchForm, request, scope))
        if later := self.later(request):
            return later
        frame = lm.link_and_match(params, scope)
        total = lm.totals(frame)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                lm.labelled(with_totals(frame, total, "name", _("Total"))),
                columns.link_and_match(),
                fmt=fmt,
                title=_("Link and match"),
                filename=f"link-and-match-{params.by}-{params.date_from}-{params.date_to}",
                api=True,
            )
        return Response(
            {
                "from": params.date_from,
                "to": params.date_to,
                "by": params.by,
                "office": scope.office.pk if scope.office else None,
                "thresholds": dict(
                    zip(("shortage_below", "surplus_above"), lm.thresholds(), strict=True)
                ),
                "rows": lm.records(frame),
                "totals": total,
            }
        )
