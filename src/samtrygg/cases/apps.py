from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "samtrygg.cases"
    label = "cases"
    verbose_name = _("Case coordination")

    def ready(self) -> None:
        from samtrygg.cases import rules, signals  # noqa: F401
