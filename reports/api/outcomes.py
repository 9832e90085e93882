"""GET /api/v1/reports/outcomes/: training outcomes, as JSON, CSV or XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from reports import columns
from reports import outcomes as oc
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response, with_totals
from reports.forms import OutcomeForm
from reports.views.outcomes import outcome_params


class OutcomesView(ReportView):
    @extend_schema(
        operation_id="reports_outcomes",
        summary="Training outcomes of cohorts that ended in the period",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(oc.GROUPINGS), default="programme"),
            OpenApiParameter("provider", OpenApiTypes.INT),
            OpenApiParameter("funding", OpenApiTypes.STR, enum=["apbn", "apbd", "csr", "mandiri"]),
            OpenApiParameter("vocation", OpenApiTypes.STR),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        params = outcome_params(self.form(OutcomeForm, request, scope), scope)
        if later := self.later(request):
            return later
        frame = oc.outcomes(params, scope)
        total = oc.totals(frame, params, scope)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                with_totals(frame, total, "name", _("Total")),
                columns.outcomes(),
                fmt=fmt,
                title=_("Training outcomes"),
                filename=f"training-outcomes-{params.by}-{params.date_from}-{params.date_to}",
                api=True,
            )
        return Response(
            {
                "from": params.date_from,
                "to": params.date_to,
                "by": params.by,
                "rows": oc.records(frame),
                "totals": total,
            }
        )
