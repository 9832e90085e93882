from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VokasiConfig(AppConfig):
    name = "vokasi"
    verbose_name = _("Vokasi: reference data and organisations")
