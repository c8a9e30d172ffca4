"""Signing a report in review: one signature for the municipality, one for the police."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Membership, OrganisationKind
from samtrygg.core.permissions import require_capability
from samtrygg.core.roles import Role
from samtrygg.situation.models import (
    ReportAction,
    ReportStatus,
    Signature,
    SignatureSide,
    SituationReport,
)
from samtrygg.situation.services.common import (
    SigningRefused,
    event_record,
    recorded_attempt,
    valid_signatures,
)

MUNICIPAL_KINDS = (OrganisationKind.MUNICIPAL_OFFICE, OrganisationKind.MUNICIPAL_UNIT)
SIDE_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    SignatureSide.MUNICIPALITY: ((Role.COORDINATOR, Role.ANALYST), tuple(MUNICIPAL_KINDS)),
    SignatureSide.POLICE: ((Role.POLICE, Role.ANALYST), (OrganisationKind.POLICE,)),
}


def signing_capacity(user: Any, side: str) -> Membership | None:
    """The membership in which ``user`` may sign for ``side``, if any."""
    if side not in SIDE_RULES:
        return None
    roles, kinds = SIDE_RULES[side]
    return (
        Membership.objects.filter(
            user_id=user.pk,
            role__in=roles,
            organisation__kind__in=kinds,
            organisation__is_active=True,
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
        .first()
    )


def report_sign(*, actor: Any, report: SituationReport, side: str) -> Signature:
    def work() -> Signature:
        require_capability(actor, "situation.review")
        locked = SituationReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.REVIEW:
            raise SigningRefused(_("Only a report in review can be signed."))
        if side not in SignatureSide.values:
            raise SigningRefused(_("Unknown side."))
        membership = signing_capacity(actor, side)
        if membership is None:
            # Not a question of the report's state: this user may not sign for that side.
            if side == SignatureSide.POLICE:
                raise PermissionDenied(
                    _(
                        "Only a police officer or analyst of a police organisation may sign for "
                        "the police."
                    )
                )
            raise PermissionDenied(
                _(
                    "Only a coordinator or analyst of a municipal office or unit may sign for the "
                    "municipality."
                )
            )
        current = valid_signatures(locked)
        for signature in current:
            if signature.user_id == actor.pk:
                raise SigningRefused(
                    _(
                        "You have already signed this report; the other signature must come "
                        "from someone else."
                    )
                )
            if signature.side == side:
                message = (
                    _("%(name)s has already signed for the police.")
                    if side == SignatureSide.POLICE
                    else _("%(name)s has already signed for the municipality.")
                )
                raise SigningRefused(message % {"name": signature.user})
        signature = Signature.objects.create(
            report=locked,
            side=side,
            user=actor,
            organisation=membership.organisation,
            role=membership.role,
            content_hash=locked.content_hash,
        )
        event_record(
            locked,
            user=actor,
            action=ReportAction.SIGN,
            message=f"{signature.get_side_display()}: {membership.organisation}",
        )
        return signature

    return recorded_attempt(report, actor, ReportAction.SIGN, work)
