from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "samtrygg.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from samtrygg.notifications import registry, rules, signals  # noqa: F401

        # Every app lists its notification kinds, reminders and subscription topics in
        # ``<app>/notifications.py``; they are registered here, once all models exist.
        registry.autodiscover()
