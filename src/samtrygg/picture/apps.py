from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PictureConfig(AppConfig):
    """The computed situational picture: no models, no pages. An app only so that its
    translations are found and it sits in ``INSTALLED_APPS`` in dependency order."""

    name = "samtrygg.picture"
    label = "picture"
    verbose_name = _("Computed picture")
