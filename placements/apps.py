from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Companies and placements")

    def ready(self) -> None:
        from placements.services.personal_data import register_erasure_places
        from placements.tasks import placement_tasks
        from vokasi.home import register

        register(placement_tasks)
        register_erasure_places()
