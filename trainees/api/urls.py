"""The trainees endpoints under /api/v1/ (see ../shared/API.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from trainees.api import cohorts, enrollments, programmes, results, scholarships
from trainees.api.job_seekers import JobSeekerViewSet

router = SimpleRouter()
router.register("job-seekers", JobSeekerViewSet, basename="job-seeker")
router.register("programmes", programmes.ProgrammeViewSet, basename="programme")
router.register("cohorts", cohorts.CohortViewSet, basename="cohort")
router.register("enrollments", enrollments.EnrollmentViewSet, basename="enrollment")

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
    path(
        "agreements/<int:pk>/scholarships/<int:scholarship_id>/",
        scholarships.AgreementScholarshipView.as_view(),
        name="agreement-scholarship",
    ),
]
