"""``GET /api/v1/reports/costs/?from=&to=&by=source|sponsor|programme|provider`` (an
addition): the cost-per-outcome table of ``reports/costs.py``, also as CSV and XLSX, for
the same readers as the outcomes report."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from reports import columns, costs
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response, with_totals
from reports.forms import OutcomeForm
from reports.views.outcomes import outcome_params


class CostsView(ReportView):
    @extend_schema(
        operation_id="reports_costs",
        summary="Cost per participant, completer, certified person and placement",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(costs.BY), default="source"),
            OpenApiParameter("provider", OpenApiTypes.INT),
            OpenApiParameter("vocation", OpenApiTypes.STR),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        data = request.query_params.copy()
        by = data.get("by") or "source"
        if by not in costs.BY:
            raise ValidationError({"by": [_("Choose source, sponsor, programme or provider.")]})
        data["by"] = "programme"
        params = outcome_params(self.form(OutcomeForm, request, scope, data=data), scope)
        frame = costs.cost_table(params, scope, by=by)
        total = costs.cost_totals(frame)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                with_totals(frame, total, "name", _("Total")),
                columns.costs(),
                fmt=fmt,
                title=_("Cost per outcome"),
                filename=f"cost-per-outcome-{by}-{params.date_from}-{params.date_to}",
                api=True,
            )
        return Response(
            {
                "from": params.date_from,
                "to": params.date_to,
                "by": by,
                "rows": costs.records(frame),
                "totals": total,
            }
        )
