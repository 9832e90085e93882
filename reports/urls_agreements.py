"""The agreements' own pages: the list and one agreement with its realisation. The pages
that write are placements' (``placements/views/agreements.py``)."""

from django.urls import path

from reports import views_agreements

app_name = "agreements"

urlpatterns = [
    path("", views_agreements.agreement_list, name="list"),
    path("<int:pk>/", views_agreements.agreement_detail, name="detail"),
]
