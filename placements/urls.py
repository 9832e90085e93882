"""The placements web pages."""

from django.urls import path

from placements.views import apikeys, followups, matching, placements, vacancies

app_name = "placements"

urlpatterns = [
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
