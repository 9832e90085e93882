"""GET /api/v1/reports/recommendation/: the training recommendation, as JSON, CSV or
XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from reports import columns
from reports import recommendation as rec
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response, with_totals
from reports.forms import LinkMatchForm
from reports.views.link_and_match import link_match_params


class RecommendationView(ReportView):
    @extend_schema(
        operation_id="reports_recommendation",
        summary="Training recommendation: unmet demand and the cohorts to open",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(rec.LEVELS), default="skill"),
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
                    "class_size": 16,
                    "rows": [
                        {
                            "key": "ABT-FORKLIFT",
                            "name": "Operator forklift",
                            "demand": 40,
                            "supply": 0,
                            "pipeline": 0,
                            "unmet": 40,
                            "cohorts_to_open": 3,
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        data = request.query_params.copy()
        data.setdefault("by", "skill")
        if data["by"] not in rec.LEVELS:
            raise ValidationError({"by": [_("Choose skill or vocation.")]})
        params = link_match_params(self.form(LinkMatchForm, request, scope, data))
        if later := self.later(request):
            return later
        frame = rec.recommendation(params, scope)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                with_totals(frame, rec.totals(frame), "name", _("Total")),
                columns.recommendation(),
                fmt=fmt,
                title=_("Training recommendation"),
                filename=f"training-recommendation-{params.by}-{params.date_from}-{params.date_to}",
            )
        return Response(
            {
                "from": params.date_from,
                "to": params.date_to,
                "by": params.by,
                "class_size": rec.class_size(),
                "office": scope.office.pk if scope.office else None,
                "rows": rec.api_records(frame),
                "totals": rec.totals(frame),
            }
        )
