"""The trainees endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from trainees.api import results, scholarships, training
from trainees.api.job_seekers import JobSeekerViewSet

router = SimpleRouter()
router.register("job-seekers", JobSeekerViewSet, basename="job-seeker")
router.register("programmes", training.ProgrammeViewSet, basename="programme")
router.register("cohorts", training.CohortViewSet, basename="cohort")
router.register("enrollments", training.EnrollmentViewSet, basename="enrollment")

urlpatterns = [
    *router.urls,
    path(
        "cohorts/<int:pk>/results/",
        results.CohortResultsView.as_view(),
        name="cohort-results",
    ),
    path(
        "agreements/<int:pk>/scholarships/",
        scholarships.AgreementScholarshipsView.as_view(),
        name="agreement-scholarships",
    ),
]
