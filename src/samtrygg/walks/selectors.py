"""Reads of safety walks and findings. Lists go through the resolver (``filter_viewable``);
the public protocol is built from published walks only and carries no personal data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.core.permissions import permissions_for
from samtrygg.incidents.models import Incident
from samtrygg.partners.models import Partner
from samtrygg.walks.models import (
    Finding,
    FindingEvent,
    FindingOwner,
    FindingPhoto,
    FindingStatus,
    SafetyWalk,
)
from samtrygg.walks.rules import may_see_partner_walks, owned_owner_ids


def walk_list(*, user: Any, area_id: int | None = None) -> QuerySet[SafetyWalk]:
    walks = permissions_for(user).filter_viewable(SafetyWalk.objects.all())
    if area_id:
        walks = walks.filter(area_id=area_id)
    return walks.select_related("area", "predecessor").annotate(
        finding_count=Count("findings", distinct=True),
        open_count=Count(
            "findings",
            filter=Q(findings__status__in=[s.value for s in _open()]),
            distinct=True,
        ),
    )


def _open() -> tuple[FindingStatus, ...]:
    return (
        FindingStatus.REPORTED,
        FindingStatus.TRANSFERRED,
        FindingStatus.ACCEPTED,
        FindingStatus.IN_PROGRESS,
    )


def finding_list(
    *,
    user: Any,
    status: str = "",
    owner_id: int | None = None,
    area_id: int | None = None,
    walk_id: int | None = None,
) -> QuerySet[Finding]:
    findings = permissions_for(user).filter_viewable(Finding.objects.all())
    return filter_findings(
        findings, status=status, owner_id=owner_id, area_id=area_id, walk_id=walk_id
    )


def filter_findings(
    findings: QuerySet[Finding],
    *,
    status: str = "",
    owner_id: int | None = None,
    area_id: int | None = None,
    walk_id: int | None = None,
) -> QuerySet[Finding]:
    if status:
        findings = findings.filter(status=status)
    if owner_id:
        findings = findings.filter(owner_id=owner_id)
    if area_id:
        findings = findings.filter(area_id=area_id)
    if walk_id:
        findings = findings.filter(walk_id=walk_id)
    return findings.select_related("owner", "area", "walk").order_by("due_date", "pk")


#: How far back the findings page offers incident reports about the environment.
INCIDENT_DAYS = 90
INCIDENT_LIMIT = 25


def environment_incidents(*, user: Any, groups: Iterable[str]) -> list[Incident]:
    """Recent incident reports about a fault in the environment that the user may read and
    that are not yet findings: the coordinator turns them into findings."""
    since = timezone.now() - timedelta(days=INCIDENT_DAYS)
    incidents = permissions_for(user).filter_viewable(Incident.objects.all())
    return list(
        incidents.filter(
            category__group__in=list(groups), occurred_from__gte=since, findings__isnull=True
        )
        .select_related("category")
        .order_by("-occurred_from")[:INCIDENT_LIMIT]
    )


def owner_findings(*owners: FindingOwner) -> QuerySet[Finding]:
    """The findings given to ``owners`` (the owner's page and its e-mail link), owner by
    owner."""
    return (
        Finding.objects.filter(owner__in=owners)
        .select_related("area", "walk", "owner")
        .prefetch_related("photos")
        .order_by("owner__name", "owner_id", "status", "due_date", "pk")
    )


def owners_of_user(*, user: Any) -> list[FindingOwner]:
    orgs = permissions_for(user).organisation_ids()
    return list(FindingOwner.objects.filter(organisation_id__in=orgs, is_active=True))


def status_counts(findings: QuerySet[Finding]) -> list[tuple[str, str, int]]:
    counts = Counter(findings.values_list("status", flat=True))
    return [(s.value, str(s.label), counts.get(s.value, 0)) for s in FindingStatus]


def finding_history(finding: Finding) -> QuerySet[FindingEvent]:
    return finding.events.select_related("from_owner", "to_owner", "actor")


# --- A partner's walks (on the partner's page) ---------------------------------------------


@dataclass(frozen=True)
class PartnerFinding:
    finding: Finding
    owner: str
    #: The user may open the finding's own page (reads walks, or acts for its owner).
    linked: bool


@dataclass(frozen=True)
class PartnerWalk:
    walk: SafetyWalk
    findings: tuple[PartnerFinding, ...]
    open_count: int


@dataclass(frozen=True)
class PartnerWalks:
    #: The walks of ``page``.
    walks: tuple[PartnerWalk, ...]
    page: Page[SafetyWalk]
    #: The user reads walks (the walk's own page is linked, owners named in full).
    reads_walks: bool


#: How many of a partner's walks a page of its page lists, newest first.
PARTNER_WALKS_PER_PAGE = 20


def partner_walks(*, user: Any, partner: Partner, page: Any = None) -> PartnerWalks | None:
    """One page (``page``, a number as the query string gives it; the first if it is not
    one) of the walks ``partner`` took part in with their findings, newest first, or
    ``None`` when the user may not see them (``rules.may_see_partner_walks``). Four queries
    whatever the number of walks and findings."""
    perms = permissions_for(user)
    if not may_see_partner_walks(perms, partner):
        return None
    reads = perms.can("walks.view")
    owned = owned_owner_ids(perms)
    taken_part = SafetyWalk.objects.filter(partners=partner)
    shown = Paginator(
        taken_part.select_related("area")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("owner", "area").order_by("pk"),
            )
        )
        .order_by("-walk_date", "-pk"),
        PARTNER_WALKS_PER_PAGE,
    ).get_page(page)
    walks = list(shown.object_list)
    rows = tuple(
        PartnerWalk(
            walk=walk,
            findings=tuple(
                PartnerFinding(
                    finding=f,
                    owner=f.owner.name if reads else public_owner_name(f.owner),
                    linked=reads or f.owner_id in owned,
                )
                for f in walk.findings.all()
            ),
            open_count=sum(1 for f in walk.findings.all() if f.is_open),
        )
        for walk in walks
    )
    return PartnerWalks(walks=rows, page=shown, reads_walks=reads)


# --- The public protocol -------------------------------------------------------------------


@dataclass(frozen=True)
class ProtocolFinding:
    number: int
    category: str
    place: str
    lon: float | None
    lat: float | None
    cause: str
    proposal: str
    owner: str
    status: str
    status_label: str
    due_date: Any
    declined_reason: str
    recheck: str
    photo_ids: tuple[int, ...]


@dataclass(frozen=True)
class Protocol:
    walk: SafetyWalk
    participants: tuple[tuple[str, int], ...]
    participant_total: int
    organisers: tuple[str, ...]
    findings: tuple[ProtocolFinding, ...]
    counts: tuple[tuple[str, int], ...]


def public_owner_name(owner: FindingOwner) -> str:
    """A private owner is a person or their business: the protocol does not name them."""
    return owner.name if not owner.private else _("Private property owner")


def published_walks() -> QuerySet[SafetyWalk]:
    return SafetyWalk.objects.filter(protocol_published_at__isnull=False)


def protocol(walk: SafetyWalk) -> Protocol:
    """What the public protocol shows (the page and the PDF alike): no names of people, no
    author of any step, no free-text notes of the owners (they may name someone) but the
    reason a finding was declined, which the method publishes; the approved photos."""
    findings = (
        walk.findings.select_related("owner", "area")
        .prefetch_related(
            Prefetch(
                "photos", queryset=FindingPhoto.objects.filter(public=True).only("pk", "finding_id")
            ),
        )
        .order_by("pk")
    )
    rows = tuple(
        ProtocolFinding(
            number=number,
            category=finding.get_category_display(),
            place=finding.address or finding.area.name,
            lon=finding.lon,
            lat=finding.lat,
            cause=finding.cause,
            proposal=finding.proposal,
            owner=public_owner_name(finding.owner),
            status=finding.status,
            status_label=finding.get_status_display(),
            due_date=finding.due_date,
            declined_reason=finding.declined_reason,
            recheck=finding.get_recheck_display() if finding.recheck else "",
            photo_ids=tuple(p.pk for p in finding.photos.all()),
        )
        for number, finding in enumerate(findings, start=1)
    )
    counts = Counter(f.status for f in rows)
    participants = tuple((p.get_group_display(), p.count) for p in walk.participants.all())
    return Protocol(
        walk=walk,
        participants=participants,
        participant_total=sum(c for _g, c in participants),
        organisers=tuple(o.name for o in walk.organisers.all()),
        findings=rows,
        counts=tuple((str(s.label), counts.get(s.value, 0)) for s in FindingStatus),
    )


def public_photo(photo_id: int) -> FindingPhoto | None:
    """A photo approved for a published protocol, else ``None``."""
    return FindingPhoto.objects.filter(
        pk=photo_id, public=True, finding__walk__protocol_published_at__isnull=False
    ).first()
