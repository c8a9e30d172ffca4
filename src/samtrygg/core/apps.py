from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samtrygg.core.warmup import load_url_configuration, register_warmup


class CoreConfig(AppConfig):
    name = "samtrygg.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samtrygg.core import rules  # noqa: F401  (registers core capabilities)

        register_warmup("views", load_url_configuration)
