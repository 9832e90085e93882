"""GET /api/v1/reports/...: the same frames as the pages, as JSON, CSV or XLSX (API.md)."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import columns, funnel, ipk
from reports import link_and_match as lm
from reports import outcomes as oc
from reports import recommendation as rec
from reports.exporting import export_response, ipk_export_response, with_totals
from reports.forms import LinkMatchForm, OutcomeForm
from reports.periods import period_from_params
from reports.scope import scope_for
from reports.views.funnel import FunnelForm, funnel_filters
from reports.views.link_and_match import link_match_params
from reports.views.outcomes import outcome_params
from trainees.models import JobSeeker
from vokasi.api.permissions import RolePermission
from vokasi.jobs.exports import export_later
from vokasi.roles import OFFICE, TRAINING


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
    # Officers, trainers and admins read the reports; ``scope_for`` narrows what they see.
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]
    permission_classes = [RolePermission]
    read_roles = TRAINING

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

    def later(self, request: Request):
        """``Prefer: respond-async`` on a file: 202 and the job that writes it (checked
        after the query was validated, so a bad one still answers 400 at once)."""
        later = export_later(request, rows=0) if self.fmt(request) else None
        if later is not None:  # the job, as JSON, whatever ?format= asked for
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return later

    def form(self, form_class, request: Request, scope, data=None):
        form = form_class(request.query_params if data is None else data, scope=scope)
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
