"""The reporting duty's pages (Perpres 57/2023): the compliance report, the register's
companies by reporting status (the ledger list the officer's home links to) and one
company's monthly ledger. Counted in ``reports.compliance``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from reports import charts, columns, compliance, formatting
from reports.exporting import export_response, page_download, with_totals
from reports.forms import ComplianceForm
from reports.scope import scope_for
from reports.tables import TOTAL_LABEL, ReportTable, report_table
from vokasi.models import Company
from vokasi.roles import OFFICE, role_required

STATUS_BADGES = {"reporting": "ok", "overdue": "bad", "never": "warn"}


def compliance_params(form: ComplianceForm, scope):
    """The filters, the register and the status filter of a valid form (page and API)."""
    data = form.cleaned_data
    office = data.get("office") or scope.office
    filters = compliance.Filters(data["from"], data["to"], data["by"])
    return filters, compliance.register(scope.user, office), data.get("status") or ""


def compliance_rows(filters, register, status: str = ""):
    rows = compliance.report(register, filters)
    if status and filters.by == "company":
        rows = rows[rows["status"] == status].reset_index(drop=True)
    return rows


def _status_labels(frame):
    """The company's reporting status in words, as the page shows it."""
    return frame.assign(
        status_label=[
            str(compliance.STATUSES.get(s, "")) if isinstance(s, str) else ""
            for s in frame["status"]
        ]
    )


def _export_names(filters) -> dict:
    return {
        "title": _("Reporting compliance"),
        "filename": f"reporting-compliance-{filters.by}-{filters.date_from}-{filters.date_to}",
    }


def compliance_export(rows, filters, fmt: str):
    """The API's file: the same columns and totals row as the page's download."""
    total = compliance.totals(rows)
    return export_response(
        _status_labels(with_totals(rows, total, "name", _("Total"))),
        columns.compliance(filters.by),
        fmt=fmt,
        api=True,
        **_export_names(filters),
    )


def status_badge(status: str | None) -> str:
    if not status:
        return ""
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_BADGES.get(status, ""),
        status,
        compliance.STATUSES.get(status, status),
    )


class _ComplianceTable(ReportTable):
    class Meta:
        order_by = "name"
        attrs = {"class": "table", "data-testid": "report-table"}
        row_attrs = {"data-key": lambda record: record["key"]}

    def __init__(self, data, *, by: str = "company", **kwargs):
        self.by = by
        super().__init__(data, **kwargs)

    def render_name(self, value, record):
        if self.by == "company":
            return format_html(
                '<a href="{}">{}</a>',
                reverse("compliance:company-ledger", args=[record["key"]]),
                value,
            )
        return format_html('{} <small class="muted">{}</small>', value, record["key"])

    def render_status_label(self, value, record):
        return status_badge(record.get("status"))

    def render_last_report(self, value):
        return value.strftime("%d-%m-%Y") if value else "—"


def compliance_table(rows, by: str, total: dict, request):
    spec = columns.compliance_spec
    table_class = report_table(
        _ComplianceTable,
        lambda: spec(by),
        name=TOTAL_LABEL,
        **({"status_label": {"empty_values": ()}} if by == "company" else {}),
    )
    records = compliance.records(rows)
    for record in records:
        record["status_label"] = record.get("status")
    table = table_class(records, totals=total, by=by)
    RequestConfig(request, paginate={"per_page": 100} if by == "company" else False).configure(
        table
    )
    return table


def shares_chart(rows, by: str) -> charts.Chart:
    """The shares the duty is about, per group (by company: the 12 hiring most)."""
    if by == "company":
        top = rows.sort_values("hires", ascending=False).head(12)
        top = top[top["hires"] > 0]
        series = []
    else:
        top = rows.head(12)
        series = [charts.Series(str(_("Reporting rate")), top["reporting_rate"].tolist())]
    series += [
        charts.Series(str(_("Local-hire share")), top["local_share"].tolist()),
        charts.Series(str(_("Share through Vokasi")), top["referred_share"].tolist()),
        charts.Series(str(_("Share previously trained")), top["trained_share"].tolist()),
    ]
    return charts.Chart(
        title=str(_("Reporting and hiring shares")),
        categories=[str(name) for name in top["name"]],
        series=series,
        fmt=formatting.percent,
        max_value=1.0,
        testid="chart-compliance",
    )


def _page(request: HttpRequest, template: str, *, force_company: bool = False) -> HttpResponse:
    scope = scope_for(request.user, request.GET.get("office"))
    data = request.GET.copy()
    if force_company:
        data["by"] = "company"
    form = ComplianceForm(data, scope=scope)
    context = {"form": form, "scope": scope, "grace_days": compliance.grace_days()}
    if not form.is_valid():
        return render(request, template, context, status=400)
    filters, register, status = compliance_params(form, scope)
    rows = compliance_rows(filters, register, status)
    total = compliance.totals(rows)
    download = page_download(
        request,
        rows,
        total,
        columns.compliance(filters.by),
        label=_status_labels,
        **_export_names(filters),
    )
    if download is not None:
        return download
    context.update(
        filters=filters,
        status=status,
        total=total,
        table=compliance_table(rows, filters.by, total, request),
        chart=shares_chart(rows, filters.by),
    )
    return render(request, template, context)


@role_required(OFFICE)
def compliance_report(request: HttpRequest) -> HttpResponse:
    return _page(request, "reports/compliance.html")


@role_required(OFFICE)
def compliance_companies(request: HttpRequest) -> HttpResponse:
    """The register's companies with their reporting status (``?status=overdue|never``)."""
    return _page(request, "reports/compliance_companies.html", force_company=True)


@role_required(OFFICE)
def company_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(
        Company.objects.in_register_of(request.user).select_related("sector"), pk=pk
    )
    return render(
        request,
        "reports/company_ledger.html",
        {"company": company, "ledger": ledger_context(company)},
    )


def ledger_context(company) -> dict:
    """What the company's ledger shows (its own home and the officer's page alike)."""
    status = compliance.company_status(company)
    return {
        "company": company,
        "status": status,
        "status_label": compliance.STATUSES[status],
        "months": compliance.company_ledger(company),
        "overdue": list(compliance.overdue_vacancies(company)[:50]),
        "warnings": list(compliance.company_warnings(company)),
        "grace_days": compliance.grace_days(),
    }


# The ledger pages outside the reports section (the compliance report itself is
# ``reports:compliance``), included at the site's root as the "compliance" namespace.
app_name = "compliance"

urlpatterns = [
    path("compliance/companies/", compliance_companies, name="companies"),
    path("companies/<int:pk>/ledger/", company_ledger, name="company-ledger"),
]
