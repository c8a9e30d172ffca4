from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "samtrygg.cases"
    label = "cases"
    verbose_name = _("Case coordination")

    def ready(self) -> None:
        # The resolver's rules and the post-migrate hook register themselves on import.
        import_module("samtrygg.cases.rules")
        import_module("samtrygg.cases.signals")
        import_module("samtrygg.cases.indicators")
        import_module("samtrygg.cases.situation_source")
