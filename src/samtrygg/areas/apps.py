from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "samtrygg.areas"
    label = "areas"
    verbose_name = _("Areas and places")

    def ready(self) -> None:
        from samtrygg.areas import rules  # noqa: F401
