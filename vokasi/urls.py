from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from vokasi.jobs import views as job_views
from vokasi.views import accounts, audit, shell

urlpatterns = [
    path("", shell.home, name="home"),
    path("health/", shell.health, name="health"),
    path("favicon.ico", shell.favicon, name="favicon"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/set/<uidb64>/<token>/", accounts.PasswordSetView.as_view(), name="password-set"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("audit/", audit.change_list, name="audit-changes"),
    path("jobs/<int:pk>/", job_views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/download/", job_views.job_download, name="job-download"),
    path("jobs/<int:pk>/discard/", job_views.job_discard_view, name="job-discard"),
    path("api/v1/", include("vokasi.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's script as a file, so the strict CSP holds here too.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("trainees.urls")),
    path("", include("placements.urls")),
    path("reports/", include("reports.urls")),
    path("agreements/", include("reports.views.agreements")),
    path("", include("reports.views.compliance")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "vokasi.views.errors.permission_denied"
handler404 = "vokasi.views.errors.not_found"
handler500 = "vokasi.views.errors.server_error"
