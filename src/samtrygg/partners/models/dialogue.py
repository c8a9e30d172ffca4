"""The dialogue forum (Värna): meetings with themes, contributions, recommendations to
Trygghetsrådet and the council's response."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel


class DialogueMeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", pgettext_lazy("dialogue", "Held")
    CANCELLED = "cancelled", _("Cancelled")


class DialogueMeeting(TimeStampedModel):
    """A meeting of a dialogue forum (a council of kind ``dialogue_forum``)."""

    forum = models.ForeignKey(
        "governance.Council",
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        related_name="dialogue_meetings",
    )
    #: The forum's meeting in the council calendar (agenda, minutes, public date), when
    #: the dialogue meeting is one: the calendar stays governance's, the dialogue is here.
    council_meeting = models.OneToOneField(
        "governance.Meeting",
        verbose_name=_("meeting in the calendar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogue",
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DialogueMeetingStatus.choices,
        default=DialogueMeetingStatus.PLANNED,
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What was said, without personal data.")
    )
    participants = models.ManyToManyField(
        "partners.Partner",
        verbose_name=_("participating partners"),
        blank=True,
        related_name="dialogue_meetings",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%Y-%m-%d})"


class DialogueTheme(models.Model):
    meeting = models.ForeignKey(
        DialogueMeeting,
        verbose_name=pgettext_lazy("dialogue", "meeting"),
        on_delete=models.CASCADE,
        related_name="themes",
    )
    title = models.CharField(_("theme"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class ContributionKind(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    PROPOSAL = "proposal", _("Proposal")


class ContributionSource(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CITIZEN_DIALOGUE = "citizen_dialogue", _("Citizen dialogue")


class Contribution(TimeStampedModel):
    """An inspel: what a partner (or a citizen dialogue) observed or proposes."""

    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ContributionSource.choices,
        default=ContributionSource.PARTNER,
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    meeting = models.ForeignKey(
        DialogueMeeting,
        verbose_name=pgettext_lazy("dialogue", "meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    theme = models.ForeignKey(
        DialogueTheme,
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    focus_area = models.ForeignKey(
        "governance.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    given_on = models.DateField(_("date"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.title


class ResponseKind(models.TextChoices):
    PENDING = "pending", _("Awaiting the council's response")
    ACCEPTED = "accepted", _("Accepted")
    NOTED = "noted", _("Noted")
    DECLINED = "declined", _("Declined")


class Recommendation(TimeStampedModel):
    """The forum's recommendation to a deciding council, and what the council made of it.

    Accepted, it became a decision of the council (``decision``) or an item on the agenda
    of one of its meetings (``agenda_item``); declined, ``reason`` says why. The partners
    whose contributions it builds on, and the meeting's participants, see the response.
    """

    meeting = models.ForeignKey(
        DialogueMeeting,
        verbose_name=_("agreed at"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    to_council = models.ForeignKey(
        "governance.Council",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="recommendations_received",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    contributions = models.ManyToManyField(
        Contribution, verbose_name=_("builds on"), blank=True, related_name="recommendations"
    )
    response = models.CharField(
        _("response"), max_length=16, choices=ResponseKind.choices, default=ResponseKind.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("response recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )

    class Meta:
        ordering = ["-meeting__held_on", "-pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.title


auditlog.register(DialogueMeeting, m2m_fields={"participants"})
auditlog.register(DialogueTheme)
auditlog.register(Contribution)
auditlog.register(Recommendation, m2m_fields={"contributions"})
