"""Contributions cited in a lägesbild's "other relevant information" section.

The partners and citizen dialogues the coordinator or analyst chooses are appended to the
section as a cited source, in the municipality's language, through the lägesbild's own
section service (which checks that the actor may edit the report)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from samtrygg.core.permissions import Actor, permissions_for
from samtrygg.partners.models import Contribution
from samtrygg.situation.models import ReportSection, SectionKind, SituationReport
from samtrygg.situation.services import report_section_update


def _line(c: Contribution) -> str:
    source = c.partner.name if c.partner else _("citizen dialogue")
    where = ", ".join(
        part
        for part in (
            str(c.get_kind_display()).lower(),
            source,
            c.meeting.title if c.meeting else "",
            c.given_on.isoformat(),
            c.area.name if c.area else "",
        )
        if part
    )
    return f"– {c.title} ({where}): {c.text}"


def citation_text(contributions: Sequence[Contribution]) -> str:
    """The cited block, in the municipality's language."""
    with override(settings.LANGUAGE_CODE):
        first = min(c.given_on for c in contributions).isoformat()
        last = max(c.given_on for c in contributions).isoformat()
        head = _(
            "Contributions from partners and citizen dialogues (source: the dialogue forum "
            "in Samtrygg, %(n)d contributions given %(first)s–%(last)s):"
        ) % {"n": len(contributions), "first": first, "last": last}
        return "\n".join([head, *(_line(c) for c in contributions)])


@transaction.atomic
def contributions_cite_in_report(
    *, actor: Actor, report: SituationReport, contributions: Sequence[Contribution]
) -> ReportSection:
    """Append the contributions to the report's "other relevant information" section."""
    if not contributions:
        raise ValidationError({"contributions": [_("Choose at least one contribution.")]})
    visible = permissions_for(actor).filter_viewable(
        Contribution.objects.filter(pk__in=[c.pk for c in contributions])
    )
    if visible.count() != len({c.pk for c in contributions}):
        raise PermissionDenied("partners.contribution")
    chosen = list(visible.select_related("partner", "meeting", "area").order_by("given_on", "pk"))
    current = (
        ReportSection.objects.filter(report=report, kind=SectionKind.OTHER)
        .values_list("body", flat=True)
        .first()
        or ""
    )
    body = "\n\n".join(part for part in (current.rstrip(), citation_text(chosen)) if part)
    return report_section_update(actor=actor, report=report, kind=SectionKind.OTHER, body=body)
