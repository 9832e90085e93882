"""The trainees web pages: job seekers (Disnaker) and training (providers)."""

from django.urls import path

from trainees.views import (
    cards,
    duplicates,
    funding,
    job_seeker_import,
    job_seekers,
    personal_data,
    scholarships,
    training,
)

app_name = "trainees"

urlpatterns = [
    # Job seekers: registration at the labour office.
    path("job-seekers/", job_seekers.job_seeker_list, name="job-seeker-list"),
    path("job-seekers/new/", job_seekers.job_seeker_create, name="job-seeker-create"),
    path("job-seekers/check/", job_seekers.job_seeker_check, name="job-seeker-check"),
    path("job-seekers/duplicates/", duplicates.job_seeker_duplicates, name="job-seeker-duplicates"),
    path("job-seekers/merge/", duplicates.job_seeker_merge_view, name="job-seeker-merge"),
    path("job-seekers/import/", job_seeker_import.job_seeker_import, name="job-seeker-import"),
    path(
        "job-seekers/import/template.csv",
        job_seeker_import.job_seeker_import_template,
        name="job-seeker-import-template",
    ),
    path("job-seekers/cards/", cards.job_seeker_cards, name="job-seeker-cards"),
    path("job-seekers/<int:pk>/", job_seekers.job_seeker_detail, name="job-seeker-detail"),
    path("job-seekers/<int:pk>/edit/", job_seekers.job_seeker_edit, name="job-seeker-edit"),
    path("job-seekers/<int:pk>/card/", cards.job_seeker_card, name="job-seeker-card"),
    path("job-seekers/<int:pk>/report/", job_seekers.job_seeker_report, name="job-seeker-report"),
    path("job-seekers/<int:pk>/end/", job_seekers.job_seeker_end_view, name="job-seeker-end"),
    path(
        "job-seekers/<int:pk>/personal-data.xlsx",
        personal_data.job_seeker_personal_data,
        name="job-seeker-personal-data",
    ),
    path(
        "job-seekers/<int:pk>/consent/",
        personal_data.job_seeker_consent,
        name="job-seeker-consent",
    ),
    path(
        "job-seekers/<int:pk>/anonymise/",
        personal_data.job_seeker_anonymise_view,
        name="job-seeker-anonymise",
    ),
    # Training: programmes, cohorts, enrollment, results.
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
    # Who pays (funding lines, CSR commitments) and what became of the graduates.
    path("cohorts/<int:pk>/funding/", funding.cohort_funding, name="cohort-funding"),
    path("cohorts/<int:pk>/tracer/", funding.cohort_tracer, name="cohort-tracer"),
    path(
        "cohorts/<int:pk>/tracer/upload/",
        funding.cohort_tracer_upload,
        name="cohort-tracer-upload",
    ),
    path("csr/", funding.commitment_list, name="commitment-list"),
    path("csr/new/", funding.commitment_create, name="commitment-create"),
    path("csr/<int:pk>/", funding.commitment_detail, name="commitment-detail"),
    # Scholarships awarded under an agreement (listed on the agreement's page).
    path(
        "agreements/<int:pk>/scholarships/new/",
        scholarships.scholarship_new,
        name="scholarship-create",
    ),
    path(
        "agreements/<int:pk>/scholarships/<int:scholarship_pk>/status/",
        scholarships.scholarship_status,
        name="scholarship-status",
    ),
    path(
        "cohorts/<int:pk>/enrollments/<int:enrollment_pk>/withdraw/",
        training.cohort_withdraw,
        name="cohort-withdraw",
    ),
]
