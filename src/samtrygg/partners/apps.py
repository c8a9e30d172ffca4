from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "samtrygg.partners"
    label = "partners"
    verbose_name = _("Partners and dialogue")

    def ready(self) -> None:
        # The resolver's rules register themselves on import.
        import_module("samtrygg.partners.rules")
