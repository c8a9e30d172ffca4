from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalksConfig(AppConfig):
    name = "samtrygg.walks"
    label = "walks"
    verbose_name = _("Safety walks")

    def ready(self) -> None:
        # The resolver's rules, the action plan's indicator sources and the section of a
        # partner's page register on import.
        import_module("samtrygg.walks.rules")
        import_module("samtrygg.walks.indicators")
        import_module("samtrygg.walks.partner_page")
