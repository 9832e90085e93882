from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraineesConfig(AppConfig):
    name = "trainees"
    verbose_name = _("Disnaker and training")

    def ready(self):
        from trainees import job_seeker_tasks, training_tasks  # noqa: F401  (home-page tasks)
