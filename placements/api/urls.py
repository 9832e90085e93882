"""The placements endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from placements.api import views

router = SimpleRouter()
router.register("vacancies", views.VacancyViewSet, basename="vacancy")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("apprenticeships", views.ApprenticeshipViewSet, basename="apprenticeship")

urlpatterns = [
    path("company/", views.CompanyView.as_view(), name="company"),
    path(
        "referrals/<str:pk>/decision/",
        views.ReferralDecisionView.as_view(),
        name="referral-decision",
    ),
    *router.urls,
]
