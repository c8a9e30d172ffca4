"""Notifications, e-mail preferences, the e-mail outbox and subscriptions.

* ``Notification``: one message to one user (in-app, with a link), created once per
  idempotency key. Its e-mail goes out at once or in the daily digest, as the user chose
  for its kind (``KindPreference``; default: digest).
* ``EmailDelivery``: the outbox. One row per e-mail, unique by its idempotency key, sent by
  the task worker with retries; a row is claimed before it is sent, so a second worker
  (or a restarted one) never sends it again.
* ``PublicSubscriber`` and ``Subscription``: users and public visitors (by e-mail, double
  opt-in) who follow an area, a council or a category of public information, and receive a
  digest of ``PublicChange`` rows. A public subscriber's address is used only for sending.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The length limit of a subscriber's token in addresses (``token_urlsafe(32)`` is 43).
TOKEN_MAX = 64


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Channel(models.TextChoices):
    DIGEST = "digest", _("In the daily e-mail digest")
    IMMEDIATE = "immediate", _("By e-mail at once")
    IN_APP = "in_app", _("Only here, no e-mail")


class EmailMode(models.TextChoices):
    """What became of a notification's e-mail when it was created."""

    DIGEST = "digest", _("Daily digest")
    IMMEDIATE = "immediate", _("At once")
    NONE = "none", _("No e-mail")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    #: A path on this site (``/governance/decisions/12/``); e-mails make it absolute.
    url = models.CharField(_("link"), max_length=500, blank=True)
    #: Idempotency key: the same event never notifies the same user twice.
    key = models.CharField(_("key"), max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_mode = models.CharField(_("e-mail"), max_length=10, choices=EmailMode.choices)
    delivery = models.ForeignKey(
        "EmailDelivery",
        verbose_name=_("sent in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_mode", "delivery"], name="notification_digest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class KindPreference(models.Model):
    """How one user wants one kind of notification by e-mail (the default is the digest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=60)
    channel = models.CharField(_("e-mail"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.channel}"


class EmailSettings(models.Model):
    """A user's e-mail switch: off stops every e-mail (in-app notifications continue)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_email",
    )
    enabled = models.BooleanField(_("send me e-mail"), default=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail setting")
        verbose_name_plural = _("e-mail settings")

    def __str__(self) -> str:
        return f"{self.user}: {'on' if self.enabled else 'off'}"


class DeliveryKind(models.TextChoices):
    IMMEDIATE = "immediate", _("Notification")
    DIGEST = "digest", _("Daily digest")
    PUBLIC_DIGEST = "public_digest", _("Digest of public changes")
    CONFIRM = "confirm", _("Confirmation of a subscription")
    DIRECT = "direct", _("Message to an address")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("e-mail status", "Queued")
    SENDING = "sending", pgettext_lazy("e-mail status", "Sending")
    SENT = "sent", pgettext_lazy("e-mail status", "Sent")
    FAILED = "failed", pgettext_lazy("e-mail status", "Failed")
    #: The worker stopped while sending: it may or may not have gone out. Never re-sent on
    #: its own (that could send it twice); a coordinator decides on the admin page.
    UNCERTAIN = "uncertain", pgettext_lazy("e-mail status", "Uncertain")
    CANCELLED = "cancelled", pgettext_lazy("e-mail status", "Cancelled")


class EmailDelivery(models.Model):
    """One e-mail in the outbox. The address is read when it is sent (from the user, the
    public subscriber, or ``address`` for organisational addresses), never stored for a
    public subscriber."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DeliveryKind.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subscriber = models.ForeignKey(
        "PublicSubscriber",
        verbose_name=_("public subscriber"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    #: Only for organisational addresses (a finding owner's shared mailbox).
    address = models.EmailField(_("address"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    #: The one-click unsubscribe address (RFC 8058), absolute.
    unsubscribe_url = models.CharField(_("unsubscribe link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.status})"

    @property
    def message_id(self) -> str:
        """The same Message-ID for every attempt, so a mail server can drop a repeat."""
        domain = settings.SAMTRYGG_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
        return f"<samtrygg-{self.pk}@{domain or 'localhost'}>"

    @property
    def recipient_label(self) -> str:
        """Who it goes to, as the admin page may show it: never a subscriber's address."""
        if self.recipient_user_id is not None and self.recipient_user is not None:
            return self.recipient_user.username
        if self.subscriber_id is not None:
            return str(_("public subscriber no. %(n)s") % {"n": self.subscriber_id})
        if self.address:
            return self.address
        return "–"


class PublicSubscriber(models.Model):
    """A visitor who follows public changes by e-mail. Confirmed by a link (double
    opt-in); deleted on unsubscribe, when never confirmed within a week, and when the
    address was not re-confirmed for a year."""

    email = models.EmailField(_("e-mail address"), unique=True)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    #: The last time the visitor confirmed the address (first confirmation or a renewal).
    reconfirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("renewal asked"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("public subscriber")
        verbose_name_plural = _("public subscribers")

    def __str__(self) -> str:
        # Never the address: this string reaches logs and the audit trail.
        return f"public subscriber {self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Subscription(models.Model):
    """A user or a public subscriber following one topic (``topic_type`` as registered by
    an app, e.g. ``area``, ``council``, ``category``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_subscriptions",
    )
    subscriber = models.ForeignKey(
        PublicSubscriber,
        verbose_name=_("public subscriber"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    topic_type = models.CharField(_("follows"), max_length=30)
    topic_id = models.CharField(_("topic"), max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["topic_type", "topic_id"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, subscriber__isnull=True)
                | models.Q(user__isnull=True, subscriber__isnull=False),
                name="subscription_one_owner",
            ),
            models.UniqueConstraint(
                fields=["user", "topic_type", "topic_id"],
                condition=models.Q(user__isnull=False),
                name="subscription_unique_user_topic",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic_type", "topic_id"],
                condition=models.Q(subscriber__isnull=False),
                name="subscription_unique_subscriber_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic_type}:{self.topic_id}"


class PublicChange(models.Model):
    """Something that changed on the public pages (a published lägesbild, a meeting date,
    public minutes, a safety-walk protocol), tagged with what it concerns."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    category = models.CharField(_("category"), max_length=30, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500)
    area_ids = models.JSONField(_("areas"), default=list, blank=True)
    council_ids = models.JSONField(_("councils"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("public change")
        verbose_name_plural = _("public changes")

    def __str__(self) -> str:
        return self.title

    def topics(self) -> set[tuple[str, str]]:
        found = {("category", self.category)}
        found |= {("area", str(i)) for i in self.area_ids or []}
        found |= {("council", str(i)) for i in self.council_ids or []}
        return found


class DailyRun(models.Model):
    """One run of the daily job (reminders, digests, clean-up), at most one per day."""

    day = models.DateField(_("day"), unique=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")

    def __str__(self) -> str:
        return str(self.day)


class Schedule(models.Model):
    """The queued next run of a repeating task (django-tasks has no scheduler: each run
    queues the next, and only the run named here may continue the chain)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return self.name
