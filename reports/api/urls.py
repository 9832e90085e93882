"""The reports endpoints under /api/v1/ (see ../shared/API.md)."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = router.urls
