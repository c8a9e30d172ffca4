"""Writes of the dialogue forum: meetings with themes and participants, contributions
(inspel), recommendations to a deciding council and the council's response."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.areas.models import Area
from samtrygg.core.permissions import (
    Actor,
    permissions_for,
    require_capability,
    require_change,
    require_signed_in,
)
from samtrygg.governance.models import AgendaItem, Council, CouncilKind, Decision, FocusArea
from samtrygg.governance.models import Meeting as CouncilMeeting
from samtrygg.governance.services import agenda_item_create
from samtrygg.partners import notifications
from samtrygg.partners.models import (
    Contribution,
    ContributionKind,
    ContributionSource,
    DialogueMeeting,
    DialogueMeetingStatus,
    DialogueTheme,
    Partner,
    Recommendation,
    ResponseKind,
)
from samtrygg.partners.rules import can_manage, own_partner_ids

_TITLE_MAX = 200


@dataclass
class MeetingInput:
    title: str
    held_on: date
    status: str = DialogueMeetingStatus.PLANNED
    place: str = ""
    summary: str = ""
    participants: list[Partner] = field(default_factory=list)
    #: The meeting's themes in order, one title each.
    themes: list[str] = field(default_factory=list)
    #: The forum's meeting in the council calendar, if the dialogue meeting is one.
    council_meeting: CouncilMeeting | None = None


def _apply_meeting(meeting: DialogueMeeting, data: MeetingInput) -> None:
    meeting.title = data.title.strip()
    meeting.held_on = data.held_on
    meeting.status = data.status
    meeting.place = data.place.strip()
    meeting.summary = data.summary.strip()
    meeting.council_meeting = data.council_meeting
    errors: dict[str, list[str]] = {}
    if meeting.forum.kind != CouncilKind.DIALOGUE_FORUM:
        errors["forum"] = [_("Dialogue meetings belong to a dialogue forum.")]
    if data.council_meeting is not None and data.council_meeting.council_id != meeting.forum.pk:
        errors["council_meeting"] = [_("The calendar meeting is not the forum's.")]
    if meeting.status == DialogueMeetingStatus.HELD and meeting.held_on > timezone.localdate():
        errors["status"] = [_("A meeting in the future cannot have been held.")]
    themes = [t.strip() for t in data.themes if t.strip()]
    if any(len(t) > _TITLE_MAX for t in themes):
        errors["themes"] = [_("A theme is at most 200 characters.")]
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["participants"])


def _set_themes(meeting: DialogueMeeting, titles: Sequence[str]) -> None:
    """Keep themes whose title stays (contributions keep their theme), add new ones, drop
    the rest, in the given order."""
    wanted = [t.strip() for t in titles if t.strip()]
    existing = {t.title: t for t in meeting.themes.all()}
    for order, title in enumerate(wanted, start=1):
        theme = existing.pop(title, None) or DialogueTheme(meeting=meeting, title=title)
        theme.order = order
        theme.save()
    for theme in existing.values():
        theme.delete()


@transaction.atomic
def dialogue_meeting_create(*, actor: Actor, forum: Council, data: MeetingInput) -> DialogueMeeting:
    require_capability(actor, "partners.manage")
    meeting = DialogueMeeting(forum=forum)
    _apply_meeting(meeting, data)
    meeting.save()
    meeting.participants.set(data.participants)
    _set_themes(meeting, data.themes)
    return meeting


@transaction.atomic
def dialogue_meeting_update(
    *, actor: Actor, meeting: DialogueMeeting, data: MeetingInput
) -> DialogueMeeting:
    require_change(actor, meeting)
    _apply_meeting(meeting, data)
    meeting.save()
    meeting.participants.set(data.participants)
    _set_themes(meeting, data.themes)
    return meeting


@dataclass
class ContributionInput:
    kind: str
    title: str
    text: str
    given_on: date
    source: str = ContributionSource.PARTNER
    partner: Partner | None = None
    meeting: DialogueMeeting | None = None
    theme: DialogueTheme | None = None
    area: Area | None = None
    focus_area: FocusArea | None = None


def _check_contribution_actor(actor: Actor, data: ContributionInput) -> None:
    """The coordinator writes any contribution; a partner's login only its own partner's,
    at a meeting the partner took part in (or outside meetings)."""
    perms = permissions_for(actor)
    if can_manage(perms):
        return
    own = own_partner_ids(perms)
    if data.partner is None or data.partner.pk not in own:
        raise PermissionDenied("partners.contribute")
    if data.meeting is not None and not data.meeting.participants.filter(pk__in=own).exists():
        raise PermissionDenied("partners.contribute")


def _apply_contribution(contribution: Contribution, data: ContributionInput) -> None:
    errors: dict[str, list[str]] = {}
    contribution.source = data.source
    contribution.partner = data.partner
    contribution.meeting = data.meeting
    contribution.theme = data.theme
    contribution.kind = data.kind
    contribution.title = data.title.strip()
    contribution.text = data.text.strip()
    contribution.area = data.area
    contribution.focus_area = data.focus_area
    contribution.given_on = data.given_on
    if data.source == ContributionSource.PARTNER and data.partner is None:
        errors["partner"] = [_("Say which partner gave the contribution.")]
    if data.source == ContributionSource.CITIZEN_DIALOGUE and data.partner is not None:
        errors["partner"] = [_("A contribution from a citizen dialogue has no partner.")]
    if data.theme is not None and (
        data.meeting is None or data.theme.meeting_id != data.meeting.pk
    ):
        errors["theme"] = [_("The theme is not one of the meeting's.")]
    if data.given_on > timezone.localdate():
        errors["given_on"] = [_("The date cannot be in the future.")]
    if data.kind not in ContributionKind.values:
        errors["kind"] = [_("Choose observation or proposal.")]
    if errors:
        raise ValidationError(errors)
    contribution.full_clean(exclude=["submitted_by"])


@transaction.atomic
def contribution_create(*, actor: Actor, data: ContributionInput) -> Contribution:
    require_signed_in(actor)
    _check_contribution_actor(actor, data)
    contribution = Contribution(submitted_by=actor)
    _apply_contribution(contribution, data)
    contribution.save()
    return contribution


@transaction.atomic
def contribution_update(
    *, actor: Actor, contribution: Contribution, data: ContributionInput
) -> Contribution:
    require_change(actor, contribution)
    _check_contribution_actor(actor, data)
    if contribution.recommendations.exists() and not can_manage(permissions_for(actor)):
        raise ValidationError(
            _("A recommendation builds on this contribution; ask the coordinator to change it.")
        )
    _apply_contribution(contribution, data)
    contribution.save()
    return contribution


def _apply_recommendation(
    recommendation: Recommendation, title: str, text: str, to_council: Council
) -> None:
    recommendation.title = title.strip()
    recommendation.text = text.strip()
    recommendation.to_council = to_council
    if to_council.kind != CouncilKind.DECISION_COUNCIL:
        raise ValidationError({"to_council": [_("Recommendations go to a deciding council.")]})
    recommendation.full_clean(
        exclude=["responded_by", "decision", "agenda_item", "reason", "responded_on"]
    )


@transaction.atomic
def recommendation_create(
    *,
    actor: Actor,
    meeting: DialogueMeeting,
    to_council: Council,
    title: str,
    text: str,
    contributions: Sequence[Contribution] = (),
) -> Recommendation:
    """Record what the forum recommends to the council (the coordinator, as its secretary)."""
    require_change(actor, meeting)
    recommendation = Recommendation(meeting=meeting)
    _apply_recommendation(recommendation, title, text, to_council)
    recommendation.save()
    recommendation.contributions.set(contributions)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor: Actor,
    recommendation: Recommendation,
    to_council: Council,
    title: str,
    text: str,
    contributions: Sequence[Contribution] = (),
) -> Recommendation:
    require_change(actor, recommendation)
    if recommendation.response != ResponseKind.PENDING:
        raise ValidationError(_("The council has responded; the recommendation stays as sent."))
    _apply_recommendation(recommendation, title, text, to_council)
    recommendation.save()
    recommendation.contributions.set(contributions)
    return recommendation


def _accepted_as(
    actor: Actor,
    recommendation: Recommendation,
    decision: Decision | None,
    agenda_meeting: CouncilMeeting | None,
) -> tuple[Decision | None, AgendaItem | None]:
    council_id = recommendation.to_council_id
    if decision is not None:
        if decision.meeting.council_id != council_id:
            raise ValidationError({"decision": [_("The decision is not the council's.")]})
        return decision, decision.agenda_item
    if agenda_meeting is not None:
        if agenda_meeting.council_id != council_id:
            raise ValidationError({"agenda_meeting": [_("The meeting is not the council's.")]})
        item = agenda_item_create(
            actor=actor,
            meeting=agenda_meeting,
            title=recommendation.title,
            presenter=recommendation.meeting.forum.name,
            description=recommendation.text,
        )
        return None, item
    raise ValidationError(
        {"decision": [_("An accepted recommendation becomes a decision or an item on the agenda.")]}
    )


@transaction.atomic
def recommendation_respond(
    *,
    actor: Actor,
    recommendation: Recommendation,
    response: str,
    reason: str = "",
    responded_on: date | None = None,
    decision: Decision | None = None,
    agenda_meeting: CouncilMeeting | None = None,
) -> Recommendation:
    """Record the council's response and tell the partners it concerns.

    Accepted: it became ``decision`` (of the council), or an item on the agenda of
    ``agenda_meeting`` (a meeting of the council, whose agenda gets the item). Noted: the
    council took note. Declined: ``reason`` says why (shown to the partners).
    """
    require_change(actor, recommendation)
    day = responded_on or timezone.localdate()
    reason = reason.strip()
    if response not in (ResponseKind.ACCEPTED, ResponseKind.NOTED, ResponseKind.DECLINED):
        raise ValidationError({"response": [_("Choose accepted, noted or declined.")]})
    if response == ResponseKind.DECLINED and not reason:
        raise ValidationError({"reason": [_("Say why the council declined.")]})
    if day > timezone.localdate() or day < recommendation.meeting.held_on:
        raise ValidationError(
            {
                "responded_on": [
                    _("The response comes after the forum's meeting, not in the future.")
                ]
            }
        )
    linked_decision, item = (None, None)
    if response == ResponseKind.ACCEPTED:
        linked_decision, item = _accepted_as(actor, recommendation, decision, agenda_meeting)
    recommendation.response = response
    recommendation.reason = reason
    recommendation.responded_on = day
    recommendation.responded_by = actor
    recommendation.decision = linked_decision
    recommendation.agenda_item = item
    recommendation.save()
    notifications.recommendation_answered(recommendation)
    return recommendation
