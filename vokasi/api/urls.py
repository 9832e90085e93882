"""Everything under /api/v1/: reference data here, each app's endpoints from its api/urls.py."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from vokasi.api import reference
from vokasi.jobs.api import JobDownloadView, JobView

router = SimpleRouter()
router.register("skills", reference.SkillViewSet, basename="skill")
router.register("occupations", reference.OccupationViewSet, basename="occupation")
router.register("sectors", reference.SectorViewSet, basename="sector")
router.register("regions", reference.RegionViewSet, basename="region")
router.register("education-levels", reference.EducationLevelViewSet, basename="education-level")
router.register("offices", reference.OfficeViewSet, basename="office")
router.register("providers", reference.ProviderViewSet, basename="provider")

urlpatterns = [
    *router.urls,
    path("jobs/<int:pk>/", JobView.as_view(), name="job-api"),
    path("jobs/<int:pk>/download/", JobDownloadView.as_view(), name="job-download-api"),
    path("", include("trainees.api.urls")),
    path("", include("placements.api.urls")),
    path("", include("reports.api.urls")),
]
