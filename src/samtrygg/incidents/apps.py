from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "samtrygg.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from samtrygg.areas.hooks import register_area_changed
        from samtrygg.incidents import health, retention, rules  # noqa: F401
        from samtrygg.incidents.tasks import on_areas_changed

        # Imported for what they register: rules the capabilities, health the police
        # feed's /healthz check, retention the deletion of old import files.
        register_area_changed(on_areas_changed)
