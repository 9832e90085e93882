"""GET /api/v1/reports/funnel/: the pipeline funnel, as JSON, CSV or XLSX."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from reports import columns, funnel
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response
from reports.views.funnel import FunnelForm, funnel_filters
from trainees.models import JobSeeker
from vokasi.roles import OFFICE


class FunnelView(ReportView):
    read_roles = OFFICE  # a labour-office report

    @extend_schema(
        operation_id="reports_funnel",
        summary="The pipeline funnel of the people registered in the period",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("programme", OpenApiTypes.INT),
            OpenApiParameter("vocation", OpenApiTypes.STR),
            OpenApiParameter("region", OpenApiTypes.STR, description="kecamatan code"),
            OpenApiParameter("sex", OpenApiTypes.STR, enum=["L", "P"]),
        ],
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Stages",
                value={
                    "from": "2026-01-01",
                    "to": "2026-06-30",
                    "stages": [
                        {"stage": "registered", "people": 120, "median_days": None},
                        {"stage": "trained", "people": 30, "median_days": 80.0},
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        form = self.form(FunnelForm, request, scope)
        filters = funnel_filters(form, scope)
        if later := self.later(request):
            return later
        stages, _frame = funnel.funnel(JobSeeker.objects.visible_to(request.user), filters)
        rows = funnel.api_stages(stages)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                pd.DataFrame(rows, columns=["stage", "people", "median_days"]),
                columns.funnel(),
                fmt=fmt,
                title=_("Pipeline funnel"),
                filename=f"pipeline-funnel-{filters.date_from}-{filters.date_to}",
            )
        return Response(
            {
                "from": filters.date_from,
                "to": filters.date_to,
                "office": filters.office_id,
                "retention_days": funnel.retention_days(),
                "stages": rows,
            }
        )
