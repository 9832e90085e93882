"""The placements web pages."""

from django.urls import path

from placements.views import (
    agreements,
    apikeys,
    apprenticeships,
    candidates,
    followups,
    matching,
    placements,
    public,
    vacancies,
)

app_name = "placements"

urlpatterns = [
    # The public vacancy board: no login (Perpres 57/2023 Pasal 9).
    path("lowongan/", public.board, name="public-board"),
    path("lowongan/<int:pk>/", public.board_vacancy, name="public-vacancy"),
    path("agreements/new/", agreements.agreement_form, name="agreement-create"),
    path("agreements/<int:pk>/edit/", agreements.agreement_form, name="agreement-update"),
    path(
        "agreements/<int:pk>/evaluations/",
        agreements.agreement_evaluate,
        name="agreement-evaluate",
    ),
    path("agreements/<int:pk>/targets/", agreements.agreement_target, name="agreement-target"),
    path("agreements/<int:pk>/links/", agreements.agreement_link, name="agreement-link"),
    path(
        "agreements/<int:pk>/internships/new/",
        agreements.internship_new,
        name="internship-create",
    ),
    path("agreements/<int:pk>/document/", agreements.agreement_document, name="agreement-document"),
    path("vacancies/", vacancies.VacancyListView.as_view(), name="vacancy-list"),
    path("vacancies/new/", vacancies.VacancyFormView.as_view(), name="vacancy-create"),
    path("vacancies/<int:pk>/", vacancies.VacancyDetailView.as_view(), name="vacancy-detail"),
    path("vacancies/<int:pk>/edit/", vacancies.VacancyFormView.as_view(), name="vacancy-update"),
    path("vacancies/<int:pk>/close/", vacancies.VacancyCloseView.as_view(), name="vacancy-close"),
    path("vacancies/<int:pk>/matches/", matching.vacancy_matches, name="vacancy-matches"),
    path(
        "referrals/<int:pk>/decide/",
        vacancies.ReferralDecideView.as_view(),
        name="referral-decide",
    ),
    path(
        "candidates/",
        candidates.candidates_awaiting_decision,
        name="candidates-awaiting-decision",
    ),
    path("job-seekers/<int:pk>/refer/", matching.job_seeker_refer, name="job-seeker-refer"),
    path(
        "apprenticeships/",
        apprenticeships.ApprenticeshipListView.as_view(),
        name="apprenticeship-list",
    ),
    path(
        "apprenticeships/<int:pk>/",
        apprenticeships.ApprenticeshipDetailView.as_view(),
        name="apprenticeship-detail",
    ),
    path(
        "apprenticeships/<int:pk>/approve/",
        apprenticeships.ApprenticeshipApproveView.as_view(),
        name="apprenticeship-approve",
    ),
    path(
        "apprenticeships/<int:pk>/finish/",
        apprenticeships.ApprenticeshipFinishView.as_view(),
        name="apprenticeship-finish",
    ),
    path("placements/", placements.PlacementListView.as_view(), name="placement-list"),
    path("placements/<int:pk>/", placements.PlacementDetailView.as_view(), name="placement-detail"),
    path(
        "placements/<int:pk>/follow-up/",
        placements.FollowUpRecordView.as_view(),
        name="placement-follow-up",
    ),
    path(
        "job-seekers/<int:pk>/placement/",
        placements.PlacementRecordView.as_view(),
        name="placement-record",
    ),
    path("follow-ups/due/", followups.follow_ups_due_list, name="follow-ups-due"),
    path("api-keys/", apikeys.ApiKeyListView.as_view(), name="apikey-list"),
    path("api-keys/<int:pk>/revoke/", apikeys.ApiKeyRevokeView.as_view(), name="apikey-revoke"),
]
