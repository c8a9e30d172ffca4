from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samtrygg.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samtrygg.core import rules  # noqa: F401  (registers core capabilities)
