from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "samtrygg.situation"
    label = "situation"
    verbose_name = _("Situational picture")

    def ready(self) -> None:
        from samtrygg.situation import rules  # noqa: F401
