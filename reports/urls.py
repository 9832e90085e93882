"""The reports web pages."""

app_name = "reports"

urlpatterns: list = []
