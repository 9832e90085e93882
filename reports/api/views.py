"""GET /api/v1/reports/...: the same frames as the pages, as JSON, CSV or XLSX (API.md)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import columns, ipk
from reports import link_and_match as lm
from reports import outcomes as oc
from reports.exporting import export_response, ipk_export_response, with_totals
from reports.forms import LinkMatchForm, OutcomeForm
from reports.periods import period_from_params
from reports.scope import scope_for
from reports.views import link_match_params, outcome_params


class FileRenderer(BaseRenderer):
    """Lets ``?format=csv|xlsx`` through content negotiation; the view builds the file."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CSVRenderer(FileRenderer):
    media_type = "text/csv"
    format = "csv"


class XLSXRenderer(FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


RANGE_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 11 months ago)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: end of this month)"),
    OpenApiParameter(
        "office", OpenApiTypes.INT, description="Admin and trainer: narrow to one labour office"
    ),
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"]),
]


class ReportView(APIView):
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]

    def handle_exception(self, exc):
        # A refusal or an error is JSON whatever ?format= asked for: the file renderers
        # pass a body through unchanged and cannot render a message.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def scope(self, request: Request):
        return scope_for(request.user, request.query_params.get("office"))

    def fmt(self, request: Request) -> str | None:
        fmt = request.query_params.get("format")
        return fmt if fmt in ("csv", "xlsx") else None

    def form(self, form_class, request: Request, scope):
        form = form_class(request.query_params, scope=scope)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise ValidationError(
                {field: [error["message"] for error in found] for field, found in errors.items()}
            )
        return form


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


class IpkView(ReportView):
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
        if not scope.can_read_ipk:
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            period = period_from_params(request.query_params)
        except ValueError as error:
            raise ValidationError({str(error) or "year": [_("Enter a valid period.")]}) from error
        tables = ipk.ipk_tables(period, scope)
        fmt = self.fmt(request)
        if fmt:
            return ipk_export_response(tables, period, fmt, office=scope.office, api=True)
        body = ipk.as_json(period, tables)
        body["office"] = scope.office.pk if scope.office else None
        return Response(body)
