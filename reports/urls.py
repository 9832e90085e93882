"""The reports web pages."""

from django.urls import path

from reports import views, views_agreements, views_compliance, views_costs, views_funnel

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("link-and-match/", views.link_and_match, name="link-and-match"),
    path(
        "link-and-match/<str:by>/<str:key>/",
        views.link_and_match_detail,
        name="link-and-match-detail",
    ),
    path("recommendation/", views.recommendation, name="recommendation"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("costs/", views_costs.cost_report, name="costs"),
    path("ipk/", views.ipk_view, name="ipk"),
    path("funnel/", views_funnel.pipeline_funnel, name="funnel"),
    path("agreements/", views_agreements.agreements_report, name="agreements"),
    path("compliance/", views_compliance.compliance_report, name="compliance"),
]
