"""The placements web pages."""

from django.urls import path

from placements.views import matching

app_name = "placements"

urlpatterns = [
    path("vacancies/<int:pk>/matches/", matching.vacancy_matches, name="vacancy-matches"),
]
