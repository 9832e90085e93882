"""The trainees web pages."""

app_name = "trainees"

urlpatterns: list = []
