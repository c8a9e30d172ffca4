"""Safety walks (trygghetsvandringar) and their findings (docs/partners.md, "Safety walks").

A walk follows Boverket's and Brå's method in three steps: a preparation meeting, the walk,
and a follow-up meeting where the owners say what they will do; a later walk repeats it and
re-checks what was fixed. A finding is one concrete fault in the physical environment,
given to the owner who can fix it and followed until it is fixed, declined with a
published reason, or transferred to another owner.
"""

from __future__ import annotations

import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.core.models import TimeStampedModel


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    DAYTIME = "daytime", _("Daytime")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class Weather(models.TextChoices):
    CLEAR = "clear", _("Clear")
    CLOUDY = "cloudy", _("Cloudy")
    RAIN = "rain", _("Rain")
    SNOW = "snow", _("Snow")
    FOG = "fog", _("Fog")


class Light(models.TextChoices):
    DAYLIGHT = "daylight", _("Daylight")
    DUSK = "dusk", _("Dusk")
    DARK = "dark", _("Dark")


class ParticipantGroup(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    YOUNG_PEOPLE = "young_people", _("Young people")
    OLDER_PEOPLE = "older_people", _("Older people")
    MUNICIPALITY = "municipality", _("Municipal staff")
    POLICE = "police", _("Police")
    HOUSING = "housing", _("Housing companies")
    BUSINESS = "business", _("Businesses")
    ASSOCIATIONS = "associations", _("Associations")
    POLITICIANS = "politicians", _("Elected representatives")
    OTHER = "other", _("Others")


class WalkStep(models.TextChoices):
    """The three steps of the method, in order; a walk is at the last one done."""

    PLANNED = "planned", pgettext_lazy("walk step", "Planned")
    PREPARED = "prepared", pgettext_lazy("walk step", "Preparation meeting held")
    WALKED = "walked", pgettext_lazy("walk step", "Walked")
    FOLLOWED_UP = "followed_up", pgettext_lazy("walk step", "Follow-up meeting held")


class SafetyWalk(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="safety_walks"
    )
    #: The route as GeoJSON LineString coordinates, ``[[lon, lat], …]`` (EPSG:4326).
    route = models.JSONField(_("route"), default=list, blank=True)
    walk_date = models.DateField(_("date of the walk"))
    time_of_day = models.CharField(_("time of day"), max_length=16, choices=TimeOfDay.choices)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    weather = models.CharField(_("weather"), max_length=16, choices=Weather.choices, blank=True)
    light = models.CharField(_("light"), max_length=16, choices=Light.choices, blank=True)
    organisers = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("organisers"), related_name="safety_walks"
    )
    partners = models.ManyToManyField(
        "partners.Partner",
        verbose_name=_("participating partners"),
        related_name="safety_walks",
        blank=True,
    )
    step = models.CharField(
        _("step"), max_length=16, choices=WalkStep.choices, default=WalkStep.PLANNED
    )
    preparation_on = models.DateField(_("preparation meeting"), null=True, blank=True)
    preparation_notes = models.TextField(_("notes from the preparation meeting"), blank=True)
    follow_up_on = models.DateField(_("follow-up meeting"), null=True, blank=True)
    follow_up_notes = models.TextField(_("notes from the follow-up meeting"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("repeats the walk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
    )
    protocol_published_at = models.DateTimeField(_("protocol published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-walk_date", "-pk"]
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")

    def __str__(self) -> str:
        return self.title

    @property
    def participant_total(self) -> int:
        return sum(p.count for p in self.participants.all())


class ParticipantCount(models.Model):
    """How many took part from one group (counts only: no names are kept)."""

    walk = models.ForeignKey(
        SafetyWalk,
        verbose_name=_("safety walk"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    group = models.CharField(_("group"), max_length=20, choices=ParticipantGroup.choices)
    count = models.PositiveSmallIntegerField(pgettext_lazy("count", "number"))

    class Meta:
        ordering = ["group"]
        verbose_name = _("participants")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["walk", "group"], name="walks_participants_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"


def new_link_secret() -> str:
    return secrets.token_urlsafe(16)


class FindingOwner(TimeStampedModel):
    """Who is responsible for fixing findings: a unit of the city or a company with logins
    (an ``organisation``), or a private owner known by name and e-mail only. Owners without
    logins act through a signed, expiring e-mail link; ``link_secret`` is part of what the
    link signs, so replacing it revokes every link sent."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="finding_owner",
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Where findings and reminders are sent.")
    )
    private = models.BooleanField(
        _("private owner"),
        default=False,
        help_text=_("A private person or their property: not named in the public protocol."),
    )
    link_secret = models.CharField(max_length=40, default=new_link_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("finding owner")
        verbose_name_plural = _("finding owners")

    def __str__(self) -> str:
        return self.name


class FindingCategory(models.TextChoices):
    LIGHTING = "lighting", _("Lighting")
    VEGETATION = "vegetation", _("Vegetation")
    LITTERING = "littering", _("Littering and graffiti")
    DAMAGE = "damage", _("Damaged property")
    TRAFFIC = "traffic", _("Traffic")
    DESIGN = "design", _("Design of the place")
    BEHAVIOUR = "behaviour", _("People and behaviour")
    OTHER = "other", _("Other")


class FindingStatus(models.TextChoices):
    REPORTED = "reported", pgettext_lazy("finding status", "Reported")
    ACCEPTED = "accepted", pgettext_lazy("finding status", "Accepted")
    IN_PROGRESS = "in_progress", pgettext_lazy("finding status", "In progress")
    FIXED = "fixed", pgettext_lazy("finding status", "Fixed")
    DECLINED = "declined", pgettext_lazy("finding status", "Declined")
    TRANSFERRED = "transferred", pgettext_lazy("finding status", "Transferred")


#: Statuses an owner still has to act on.
OPEN_STATUSES = (
    FindingStatus.REPORTED,
    FindingStatus.TRANSFERRED,
    FindingStatus.ACCEPTED,
    FindingStatus.IN_PROGRESS,
)


class Recheck(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed fixed")
    REOPENED = "reopened", _("Reopened")


class Finding(TimeStampedModel):
    walk = models.ForeignKey(
        SafetyWalk,
        verbose_name=_("safety walk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    #: A finding can also come from an incident report about a fault in the environment.
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="findings"
    )
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    address = models.CharField(_("address or place"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=FindingCategory.choices)
    cause = models.TextField(_("physical cause"))
    proposal = models.TextField(_("proposal"), blank=True)
    owner = models.ForeignKey(
        FindingOwner,
        verbose_name=_("responsible owner"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FindingStatus.choices,
        default=FindingStatus.REPORTED,
        db_index=True,
    )
    declined_reason = models.TextField(_("reason for declining"), blank=True)
    reported_on = models.DateField(_("reported"))
    fixed_on = models.DateField(_("fixed"), null=True, blank=True)
    recheck = models.CharField(_("re-check"), max_length=16, choices=Recheck.choices, blank=True)
    rechecked_at_walk = models.ForeignKey(
        SafetyWalk,
        verbose_name=_("re-checked at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rechecked_findings",
    )
    intervention = models.ForeignKey(
        "actionplan.Intervention",
        verbose_name=_("intervention of the action plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(declined_reason=""),
                name="walks_finding_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=(Q(lon__isnull=True) & Q(lat__isnull=True))
                | (Q(lon__isnull=False) & Q(lat__isnull=False)),
                name="walks_finding_point_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class FindingEvent(models.Model):
    """One step of a finding's history: a status change, a new owner or due date, a
    re-check. ``note`` is published with the protocol; who acted is not."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("when"))
    from_status = models.CharField(max_length=16, choices=FindingStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=FindingStatus.choices)
    from_owner = models.ForeignKey(
        FindingOwner, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_owner = models.ForeignKey(
        FindingOwner, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Done through the owner's e-mail link rather than a log-in.
    by_link = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("finding event")
        verbose_name_plural = _("finding events")

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.from_status} → {self.to_status}"


class FindingPhoto(models.Model):
    """A photo, resized and re-encoded without its metadata (no GPS position, no camera)
    before it is stored. Shown publicly only when the coordinator has approved it."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.BinaryField(_("image"))
    width = models.PositiveIntegerField(_("width (pixels)"))
    height = models.PositiveIntegerField(_("height (pixels)"))
    public = models.BooleanField(_("approved for the public protocol"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"photo {self.pk}"


auditlog.register(SafetyWalk, m2m_fields={"organisers", "partners"})
auditlog.register(ParticipantCount)
auditlog.register(FindingOwner, exclude_fields=["link_secret"])
auditlog.register(Finding)
auditlog.register(FindingPhoto, exclude_fields=["image"])
