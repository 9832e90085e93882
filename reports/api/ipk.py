"""GET /api/v1/reports/ipk/: the IPK tables III/1-III/8, as JSON, CSV or XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from reports import ipk
from reports.api.base import ReportView
from reports.exporting import ipk_export_response
from reports.periods import period_from_params
from vokasi.roles import OFFICE


class IpkView(ReportView):
    read_roles = OFFICE  # a labour-office report

    @extend_schema(
        operation_id="reports_ipk",
        summary="IPK tables III/1-III/8 for a month, quarter, semester or year",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="default: last month's"),
            OpenApiParameter("month", OpenApiTypes.INT),
            OpenApiParameter("quarter", OpenApiTypes.INT),
            OpenApiParameter("semester", OpenApiTypes.INT),
            OpenApiParameter("office", OpenApiTypes.INT, description="admin: one office"),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"]),
        ],
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "One row of III/1",
                value={
                    "period": {
                        "code": "2026-03",
                        "kind": "month",
                        "from": "2026-03-01",
                        "to": "2026-03-31",
                        "label": "Maret 2026",
                    },
                    "tables": {
                        "III/1": {
                            "rows": [
                                {
                                    "key": "20-29",
                                    "name": "20–29",
                                    "L": {
                                        "sisa_lalu": 10,
                                        "terdaftar": 4,
                                        "ditempatkan": 2,
                                        "dihapuskan": 1,
                                        "sisa_akhir": 11,
                                    },
                                    "P": {
                                        "sisa_lalu": 8,
                                        "terdaftar": 3,
                                        "ditempatkan": 1,
                                        "dihapuskan": 0,
                                        "sisa_akhir": 10,
                                    },
                                    "total": {
                                        "sisa_lalu": 18,
                                        "terdaftar": 7,
                                        "ditempatkan": 3,
                                        "dihapuskan": 1,
                                        "sisa_akhir": 21,
                                    },
                                }
                            ]
                        }
                    },
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        try:
            period = period_from_params(request.query_params)
        except ValueError as error:
            raise ValidationError({str(error) or "year": [_("Enter a valid period.")]}) from error
        if later := self.later(request):
            return later
        tables = ipk.ipk_tables(period, scope)
        fmt = self.fmt(request)
        if fmt:
            return ipk_export_response(tables, period, fmt, office=scope.office, api=True)
        body = ipk.as_json(period, tables)
        body["office"] = scope.office.pk if scope.office else None
        return Response(body)
