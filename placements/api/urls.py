"""The placements endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from placements.api import matching

router = SimpleRouter()

urlpatterns = [
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
