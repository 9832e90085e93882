"""The reporting duty's ledger pages outside the reports section: the register's companies
by status and one company's ledger (the compliance report itself is ``reports:compliance``)."""

from django.urls import path

from reports import views_compliance

app_name = "compliance"

urlpatterns = [
    path(
        "compliance/companies/",
        views_compliance.compliance_companies,
        name="companies",
    ),
    path("companies/<int:pk>/ledger/", views_compliance.company_ledger, name="company-ledger"),
]
