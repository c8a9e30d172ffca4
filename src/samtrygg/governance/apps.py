from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "samtrygg.governance"
    label = "governance"
    verbose_name = _("Councils and decisions")

    def ready(self) -> None:
        from samtrygg.governance import rules  # noqa: F401
