"""The placements endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from placements.api import (
    apprenticeships,
    companies,
    hires,
    matching,
    placements,
    public,
    referrals,
    vacancies,
    warnings,
)

router = SimpleRouter()
router.register("vacancies", vacancies.VacancyViewSet, basename="vacancy")
router.register("placements", placements.PlacementViewSet, basename="placement")
router.register("apprenticeships", apprenticeships.ApprenticeshipViewSet, basename="apprenticeship")
router.register("referrals", referrals.OfficeReferralViewSet, basename="referral")
router.register("companies", companies.CompanyRegisterViewSet, basename="company-register")
router.register("hires", hires.HireViewSet, basename="hire")

urlpatterns = [
    path("public/vacancies/", public.PublicVacancyListView.as_view(), name="public-vacancy-list"),
    path(
        "public/vacancies/<int:pk>/",
        public.PublicVacancyDetailView.as_view(),
        name="public-vacancy-detail",
    ),
    path("company/", companies.CompanyView.as_view(), name="company"),
    path(
        "companies/<int:pk>/warnings/",
        warnings.CompanyWarningsView.as_view(),
        name="company-warnings",
    ),
    path(
        "referrals/<str:pk>/decision/",
        referrals.ReferralDecisionView.as_view(),
        name="referral-decision",
    ),
    path(
        "apprenticeships/<int:pk>/approve/",
        apprenticeships.ApprovalViewSet.as_view({"post": "approve"}),
        name="apprenticeship-approve",
    ),
    path(
        "vacancies/<int:pk>/matches/",
        matching.VacancyMatchesView.as_view(),
        name="vacancy-matches",
    ),
    path(
        "job-seekers/<int:pk>/vacancies/",
        matching.JobSeekerVacanciesView.as_view(),
        name="job-seeker-vacancies",
    ),
    *router.urls,
]
