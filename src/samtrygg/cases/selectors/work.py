"""Reads of a case's tabs: consent, disclosures, risk, plan, notes (decrypted for the team).

The caller has opened the case with ``case_open`` (which logged the read of the tab); each
reader checks the permission again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone

from samtrygg.cases.keys import cipher_for
from samtrygg.cases.models import (
    Case,
    CaseNote,
    Consent,
    Disclosure,
    FollowUpMeeting,
    LegalBasis,
    PlanAction,
    PlanGoal,
    RiskAssessment,
)
from samtrygg.cases.selectors.cases import log_case_read
from samtrygg.core.models import AccessAction
from samtrygg.core.permissions import require_view


@dataclass
class ConsentRow:
    consent: Consent
    purpose: str
    note: str
    agencies: list[str]
    valid_today: bool
    attachments: list[tuple[int, str, int]]  # (id, file name, size)


def case_consents(*, user: Any, case: Case) -> list[ConsentRow]:
    require_view(user, case)
    cipher = cipher_for(case)
    today = timezone.localdate()
    rows = []
    for consent in case.consents.prefetch_related("scopes", "attachments"):
        rows.append(
            ConsentRow(
                consent=consent,
                purpose=consent.unseal(cipher, "purpose"),
                note=consent.unseal(cipher, "note"),
                agencies=consent.agencies,
                valid_today=consent.is_valid_on(today),
                attachments=[
                    (a.pk, a.unseal(cipher, "name"), a.size) for a in consent.attachments.all()
                ],
            )
        )
    return rows


def attachment_download(
    *, user: Any, case: Case, attachment_pk: int, request: HttpRequest | None = None
) -> tuple[str, str, bytes]:
    """``(file name, content type, content)`` of an attachment, logged as a download."""
    require_view(user, case)
    attachment = case.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    cipher = cipher_for(case)
    content = cipher.decrypt_bytes(attachment.content_enc, aad=attachment.aad("content"))
    log_case_read(
        user=user,
        case=case,
        part=f"attachment:{attachment.pk}",
        request=request,
        action=AccessAction.DOWNLOAD,
    )
    return attachment.unseal(cipher, "name"), attachment.content_type, content


@dataclass
class DisclosureRow:
    disclosure: Disclosure
    content: str
    justification: str


def case_disclosures(*, user: Any, case: Case) -> list[DisclosureRow]:
    require_view(user, case)
    cipher = cipher_for(case)
    return [
        DisclosureRow(d, d.unseal(cipher, "content"), d.unseal(cipher, "justification"))
        for d in case.disclosures.select_related("basis", "recipient_organisation", "recorded_by")
    ]


def legal_bases(*, active_only: bool = True) -> list[LegalBasis]:
    qs = LegalBasis.objects.all()
    return list(qs.filter(is_active=True) if active_only else qs)


@dataclass
class RiskRow:
    assessment: RiskAssessment
    summary: str
    threat_assessment: str
    factors: list[tuple[str, str, str]]  # (factor label, level code, level label)


def case_risks(*, user: Any, case: Case) -> list[RiskRow]:
    require_view(user, case)
    cipher = cipher_for(case)
    rows = []
    for assessment in case.risk_assessments.select_related("assessor").prefetch_related("factors"):
        rows.append(
            RiskRow(
                assessment=assessment,
                summary=assessment.unseal(cipher, "summary"),
                threat_assessment=assessment.unseal(cipher, "threat_assessment"),
                factors=[
                    (f.get_factor_display(), f.level, f.get_level_display())
                    for f in assessment.factors.all()
                ],
            )
        )
    return rows


@dataclass
class GoalRow:
    goal: PlanGoal
    text: str


@dataclass
class ActionRow:
    action: PlanAction
    description: str
    overdue: bool


@dataclass
class MeetingRow:
    meeting: FollowUpMeeting
    minutes: str


@dataclass
class CasePlanView:
    started_on: dt.date | None
    goals: list[GoalRow]
    actions: list[ActionRow]
    meetings: list[MeetingRow]

    @property
    def overdue(self) -> list[ActionRow]:
        return [a for a in self.actions if a.overdue]


def case_plan(*, user: Any, case: Case) -> CasePlanView:
    require_view(user, case)
    cipher = cipher_for(case)
    today = timezone.localdate()
    return CasePlanView(
        started_on=case.plan_started_on,
        goals=[GoalRow(g, g.unseal(cipher, "text")) for g in case.goals.all()],
        actions=[
            ActionRow(
                a,
                a.unseal(cipher, "description"),
                a.done_on is None and a.due_on < today,
            )
            for a in case.actions.select_related("goal", "responsible_user")
        ],
        meetings=[MeetingRow(m, m.unseal(cipher, "minutes")) for m in case.meetings.all()],
    )


@dataclass
class NoteRow:
    note: CaseNote
    text: str


def case_notes(*, user: Any, case: Case) -> list[NoteRow]:
    require_view(user, case)
    cipher = cipher_for(case)
    return [NoteRow(n, n.unseal(cipher, "text")) for n in case.notes.select_related("author")]
