"""The trainees endpoints under /api/v1/ (see ../shared/API.md)."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = router.urls

# --- job seekers (registration at the labour office)
from trainees.api.job_seekers import JobSeekerViewSet  # noqa: E402

router.register("job-seekers", JobSeekerViewSet, basename="job-seeker")
urlpatterns = router.urls
