from django.apps import AppConfig
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _

from samtrygg.core.warmup import register_warmup


class SituationConfig(AppConfig):
    name = "samtrygg.situation"
    label = "situation"
    verbose_name = _("Situational picture")

    def ready(self) -> None:
        from samtrygg.situation import rules  # noqa: F401

        register_warmup("dashboard templates", _load_dashboard_templates)


def _load_dashboard_templates() -> None:
    for name in ("situation/dashboard.html", "situation/_picture.html", "situation/_figures.html"):
        get_template(name)
