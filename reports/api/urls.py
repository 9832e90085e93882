"""The reports endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.api import (
    agreements,
    compliance,
    costs,
    funnel,
    ipk,
    link_and_match,
    outcomes,
    recommendation,
)

router = SimpleRouter()
router.register("agreements", agreements.AgreementViewSet, basename="agreement")

urlpatterns = [
    path(
        "reports/link-and-match/",
        link_and_match.LinkAndMatchView.as_view(),
        name="report-link-and-match",
    ),
    path("reports/outcomes/", outcomes.OutcomesView.as_view(), name="report-outcomes"),
    path("reports/costs/", costs.CostsView.as_view(), name="report-costs"),
    path("reports/ipk/", ipk.IpkView.as_view(), name="report-ipk"),
    path(
        "reports/recommendation/",
        recommendation.RecommendationView.as_view(),
        name="report-recommendation",
    ),
    path("reports/funnel/", funnel.FunnelView.as_view(), name="report-funnel"),
    path(
        "company/reporting/",
        compliance.CompanyReportingView.as_view(),
        name="company-reporting",
    ),
    path(
        "reports/compliance/",
        compliance.ComplianceView.as_view(),
        name="report-compliance",
    ),
    path(
        "reports/agreements/",
        agreements.AgreementsReportView.as_view(),
        name="report-agreements",
    ),
    *router.urls,
]
