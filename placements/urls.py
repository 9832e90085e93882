"""The placements web pages."""

from django.urls import path

from placements.views import followups, matching

app_name = "placements"

urlpatterns = [
    path("vacancies/<int:pk>/matches/", matching.vacancy_matches, name="vacancy-matches"),
    path("follow-ups/due/", followups.follow_ups_due_list, name="follow-ups-due"),
]
