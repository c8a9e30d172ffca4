from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "samtrygg.actionplan"
    label = "actionplan"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from samtrygg.actionplan import rules  # noqa: F401
