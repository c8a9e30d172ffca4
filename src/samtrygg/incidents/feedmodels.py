"""The police events feed's models: the locations pulled, each request (for the rate
limit) and each event as received (``feedstore``, ``policefeed``). Imported through
``incidents.models``."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import Classification, TimeStampedModel


class FeedSource(TimeStampedModel):
    """A location whose police events are pulled periodically."""

    location = models.CharField(
        _("location"),
        max_length=100,
        unique=True,
        help_text=_("Municipality name as the police write it, e.g. Västerås."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("source organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The police organisation the incidents are attributed to."),
    )
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.OPEN,
    )
    url = models.URLField(
        _("feed address"),
        blank=True,
        help_text=_("Leave empty for the police's address (the POLICE_FEED_URL setting)."),
    )
    interval_minutes = models.PositiveSmallIntegerField(
        _("interval (minutes)"), default=60, validators=[MinValueValidator(5)]
    )
    is_active = models.BooleanField(_("pull periodically"), default=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_status = models.CharField(_("last result"), max_length=300, blank=True)
    next_run_at = models.DateTimeField(_("next pull"), null=True, blank=True)
    #: The id of the one scheduled pull that may continue the chain (see tasks.py).
    scheduled_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["location"]
        verbose_name = _("police feed source")
        verbose_name_plural = _("police feed sources")

    def __str__(self) -> str:
        return self.location


class FeedRequest(models.Model):
    """One request to the police feed: the rate limiter counts these."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    url = models.CharField(_("address"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    new_count = models.PositiveIntegerField(_("new incidents"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("police feed request")
        verbose_name_plural = _("police feed requests")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.url}"


class FeedItem(TimeStampedModel):
    """One police event exactly as received, with what was parsed from it."""

    police_id = models.BigIntegerField(_("police id"), unique=True)
    raw = models.JSONField(_("raw data as received"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("occurred"), null=True, blank=True)
    police_type = models.CharField(_("type"), max_length=100, db_index=True)
    location_name = models.CharField(_("location"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    is_summary = models.BooleanField(_("summary"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-published_at", "-police_id"]
        verbose_name = _("police feed item")
        verbose_name_plural = _("police feed items")

    def __str__(self) -> str:
        return str(self.raw.get("name", self.police_id))
