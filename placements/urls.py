"""The placements web pages."""

app_name = "placements"

urlpatterns: list = []
