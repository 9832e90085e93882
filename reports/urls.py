"""The reports web pages (the agreements' own pages are mounted at ``/agreements/`` from
``reports/views/agreements.py``)."""

from django.urls import path

from reports.views import (
    agreements,
    compliance,
    costs,
    funnel,
    index,
    ipk,
    link_and_match,
    outcomes,
)

app_name = "reports"

urlpatterns = [
    path("", index.index, name="index"),
    path("link-and-match/", link_and_match.link_and_match, name="link-and-match"),
    path(
        "link-and-match/<str:by>/<str:key>/",
        link_and_match.link_and_match_detail,
        name="link-and-match-detail",
    ),
    path("recommendation/", link_and_match.recommendation, name="recommendation"),
    path("outcomes/", outcomes.outcomes, name="outcomes"),
    path("costs/", costs.cost_report, name="costs"),
    path("ipk/", ipk.ipk_view, name="ipk"),
    path("funnel/", funnel.pipeline_funnel, name="funnel"),
    path("agreements/", agreements.agreements_report, name="agreements"),
    path("compliance/", compliance.compliance_report, name="compliance"),
]
