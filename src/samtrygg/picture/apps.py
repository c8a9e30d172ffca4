from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samtrygg.core.warmup import register_warmup


class PictureConfig(AppConfig):
    """The computed situational picture: no models, no pages. An app only so that its
    translations are found and it sits in ``INSTALLED_APPS`` in dependency order."""

    name = "samtrygg.picture"
    label = "picture"
    verbose_name = _("Computed picture")

    def ready(self) -> None:
        # By name: numba and scipy are imported when a server warms up, not by every command.
        register_warmup("picture kernels", "samtrygg.picture.warmup.warm_kernels", in_worker=True)
