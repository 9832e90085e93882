from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The shared cache lives in a database table (settings.CACHES): every ``migrate``
    creates it when missing, so a new server, ``make run`` and each test database have it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class VokasiConfig(AppConfig):
    name = "vokasi"
    verbose_name = _("Vokasi: reference data and organisations")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="vokasi.cache_table")
        # Every app's contributions.py (vokasi.contributions), imported once, now.
        from vokasi.contributions import discover

        discover()
