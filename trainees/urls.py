"""The trainees web pages."""

app_name = "trainees"

urlpatterns: list = []

# --- job seekers (registration at the labour office)
from django.urls import path  # noqa: E402

from trainees.views import job_seekers  # noqa: E402

urlpatterns += [
    path("job-seekers/", job_seekers.job_seeker_list, name="job-seeker-list"),
    path("job-seekers/new/", job_seekers.job_seeker_create, name="job-seeker-create"),
    path("job-seekers/check/", job_seekers.job_seeker_check, name="job-seeker-check"),
    path(
        "job-seekers/duplicates/", job_seekers.job_seeker_duplicates, name="job-seeker-duplicates"
    ),
    path("job-seekers/merge/", job_seekers.job_seeker_merge_view, name="job-seeker-merge"),
    path("job-seekers/<int:pk>/", job_seekers.job_seeker_detail, name="job-seeker-detail"),
    path("job-seekers/<int:pk>/edit/", job_seekers.job_seeker_edit, name="job-seeker-edit"),
    path("job-seekers/<int:pk>/card/", job_seekers.job_seeker_card, name="job-seeker-card"),
    path("job-seekers/<int:pk>/report/", job_seekers.job_seeker_report, name="job-seeker-report"),
    path("job-seekers/<int:pk>/end/", job_seekers.job_seeker_end_view, name="job-seeker-end"),
]
urlpatterns += [
    path("job-seekers/import/", job_seekers.job_seeker_import, name="job-seeker-import"),
    path(
        "job-seekers/import/template.csv",
        job_seekers.job_seeker_import_template,
        name="job-seeker-import-template",
    ),
]
