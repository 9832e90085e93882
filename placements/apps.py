from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Companies and placements")

    def ready(self) -> None:
        from placements.tasks import employer_tasks
        from vokasi import home

        home.register(employer_tasks)
