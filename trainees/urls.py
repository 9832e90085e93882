"""The trainees web pages."""

from django.urls import path

from trainees.views import training

app_name = "trainees"

urlpatterns: list = [
    path("programmes/", training.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/new/", training.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", training.programme_detail, name="programme-detail"),
    path("cohorts/", training.CohortListView.as_view(), name="cohort-list"),
    path("cohorts/new/", training.cohort_create, name="cohort-create"),
    path("cohorts/<int:pk>/", training.cohort_detail, name="cohort-detail"),
    path("cohorts/<int:pk>/status/", training.cohort_status, name="cohort-status"),
    path("cohorts/<int:pk>/candidates/", training.cohort_candidates, name="cohort-candidates"),
    path("cohorts/<int:pk>/enroll/", training.cohort_enroll, name="cohort-enroll"),
    path("cohorts/<int:pk>/results/", training.cohort_results, name="cohort-results"),
    path(
        "cohorts/<int:pk>/results/template.xlsx",
        training.cohort_results_template,
        name="cohort-results-template",
    ),
    path(
        "cohorts/<int:pk>/enrollments/<int:enrollment_pk>/withdraw/",
        training.cohort_withdraw,
        name="cohort-withdraw",
    ),
]
