"""``GET /api/v1/reports/compliance/?from=&to=&by=company|sector|kecamatan`` (API.md v1.1):
the reporting ledger of the companies on the caller's register (officers: their office's;
admins: all, or ``office``), as JSON, CSV or XLSX through the one column spec."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import compliance
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.forms import ComplianceForm
from reports.views.compliance import compliance_export, compliance_params, compliance_rows
from vokasi.api.permissions import RolePermission
from vokasi.roles import COMPANY, OFFICE


class ComplianceView(ReportView):
    read_roles = OFFICE  # the office's own register: officers and admins

    @extend_schema(
        operation_id="reports_compliance",
        summary="The reporting duty: who of the register reports vacancies, fills and hires",
        parameters=[
            *RANGE_PARAMETERS,
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(compliance.BY), default="company"),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=list(compliance.STATUSES),
                description="by=company: only companies of this status (an addition)",
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "By company",
                value={
                    "from": "2026-01-01",
                    "to": "2026-06-30",
                    "by": "company",
                    "rows": [
                        {
                            "key": 100123,
                            "name": "PT Baja Selat Sunda",
                            "companies": 1,
                            "companies_reporting": 1,
                            "vacancies": 4,
                            "openings": 12,
                            "fills_reported": 3,
                            "hires": 10,
                            "hires_local": 6,
                            "hires_referred": 2,
                            "hires_trained": 3,
                            "overdue": 1,
                            "status": "overdue",
                            "last_report": "2026-06-12",
                            "reporting_rate": 1.0,
                            "local_share": 0.6,
                            "referred_share": 0.2,
                            "trained_share": 0.3,
                        }
                    ],
                    "totals": {"companies": 1, "reporting_rate": 1.0},
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        filters, register, status = compliance_params(
            self.form(ComplianceForm, request, scope), scope
        )
        if later := self.later(request):
            return later
        rows = compliance_rows(filters, register, status)
        fmt = self.fmt(request)
        if fmt:
            return compliance_export(rows, filters, fmt)
        return Response(
            {
                "from": filters.date_from,
                "to": filters.date_to,
                "by": filters.by,
                "rows": [
                    {k: v for k, v in row.items() if k != "register_status"}
                    for row in compliance.records(rows)
                ],
                "totals": compliance.totals(rows),
            }
        )


class CompanyReportingView(APIView):
    """``GET /api/v1/company/reporting/`` (employer): the caller's company's reporting
    status, its last 12 months, its overdue vacancies and its written warnings."""

    permission_classes = [RolePermission]
    read_roles = COMPANY

    @extend_schema(
        operation_id="company_reporting",
        summary="The company's own reporting ledger (Perpres 57/2023)",
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Overdue",
                value={
                    "status": "overdue",
                    "months": [
                        {
                            "month": "2026-06",
                            "vacancies": 2,
                            "openings": 5,
                            "fills_reported": 1,
                            "hires": 3,
                        }
                    ],
                    "overdue": [{"vacancy": 100231, "closes_on": "2026-04-30"}],
                    "warnings": [
                        {"number": "560/123/Disnaker", "date": "2026-06-10", "reason": "..."}
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        company = request.user.company
        months = compliance.company_ledger(company)
        return Response(
            {
                "status": compliance.company_status(company),
                "months": [
                    {
                        "month": month.code,
                        "vacancies": month.vacancies,
                        "openings": month.openings,
                        "fills_reported": month.fills_reported,
                        "hires": month.hires,
                        # Additions: the same counts as the office's ledger.
                        "hires_local": month.hires_local,
                        "overdue": month.overdue,
                    }
                    for month in months
                ],
                "overdue": [
                    {"vacancy": vacancy.pk, "closes_on": vacancy.closes_on}
                    for vacancy in compliance.overdue_vacancies(company)
                ],
                "warnings": [
                    {
                        "number": warning.number,
                        "date": warning.date,
                        "reason": warning.reason,
                        # Additions.
                        "answered_on": warning.answered_on,
                    }
                    for warning in compliance.company_warnings(company)
                ],
            }
        )
