"""Evaluating an intervention: areas, windows, counts, the analysis library, the stored run.

``evaluation_run`` counts the incidents the running user may read in the treated, buffer
and control areas (and an optional separate control for the buffer) in the before and
after windows, hands the counts to ``samtrygg.analysis.evaluation.evaluate_intervention``
and stores parameters and result as an immutable ``EvaluationRun``. No statistics are
computed here: the library does that. Besides the library's result the run keeps the
counts per category and the counts of a third window of the same length just before the
before window ("pre"), so that the page can warn about regression to the mean (an area
chosen because of an unusual peak tends to fall back by itself) — the comparison of
pre and before is again the library's (``trends.compare_rates``).

An area can be an existing one, drawn on the map, or (for the buffer) a ring of a given
width around the treated area; drawn areas and rings become custom areas through the
areas app's services, and their incidents are assigned before counting.
"""

from __future__ import annotations

import dataclasses
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.actionplan.adapters import (
    area_window_counts,
    data_scope,
    day_span,
    viewable_incidents,
)
from samtrygg.actionplan.models import EvaluationPresentation, EvaluationRun, Intervention
from samtrygg.analysis.evaluation import AreaCounts, evaluate_intervention
from samtrygg.analysis.trends import compare_rates
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.areas import services as area_services
from samtrygg.areas.geo import SWEREF99TM, WGS84, Geometry
from samtrygg.areas.models import Area, AreaKind
from samtrygg.areas.spatial import project_geometry
from samtrygg.core.permissions import (
    Actor,
    permissions_for,
    require_capability,
)
from samtrygg.governance import services as governance_services
from samtrygg.governance.models import AgendaItem, Meeting
from samtrygg.incidents.models import Category

#: The roles an area plays in an evaluation, in display order.
ROLES = ("treated", "buffer", "control", "displacement_control")
#: Two areas overlap when they share more than this share of the smaller one.
OVERLAP_TOLERANCE = 0.01
RING_MIN_M, RING_MAX_M = 50, 5000
CONFIDENCE = 0.95


@dataclass
class AreaChoice:
    """An area for one role: an existing area, a drawn polygon (GeoJSON in EPSG:4326),
    or — for the buffer — a ring of ``ring_metres`` around the treated area."""

    area: Area | None = None
    drawn: Any = None
    name: str = ""
    ring_metres: int | None = None

    @property
    def given(self) -> bool:
        return self.area is not None or bool(self.drawn) or self.ring_metres is not None


def _as_choice(value: Area | AreaChoice | None) -> AreaChoice:
    if value is None:
        return AreaChoice()
    if isinstance(value, Area):
        return AreaChoice(area=value)
    return value


def _custom_code(intervention: Intervention, role: str) -> str:
    return f"utv-{intervention.pk}-{role.replace('_', '-')[:12]}-{secrets.token_hex(3)}"


def _assign_incidents(area: Area) -> None:
    # The areas hook re-assigns incidents in a background task after the commit; the
    # evaluation needs the links now, in this transaction.
    from samtrygg.incidents.assignment import incident_areas_reassign

    incident_areas_reassign(area_ids=[area.pk])


def _drawn_area(intervention: Intervention, role: str, choice: AreaChoice, actor: Any) -> Area:
    name = choice.name.strip() or _("%(role)s area drawn for %(title)s") % {
        "role": role_label(role),
        "title": intervention.title,
    }
    try:
        area = area_services.area_create(
            actor=actor,
            name=name[:200],
            code=_custom_code(intervention, role),
            kind=AreaKind.CUSTOM,
            geometry=choice.drawn,
        )
    except ValidationError as exc:
        messages = []
        for field_errors in getattr(exc, "message_dict", {"": exc.messages}).values():
            messages.extend(field_errors)
        raise ValidationError({"drawn_geometry": messages}) from None
    _assign_incidents(area)
    return area


def _ring_area(intervention: Intervention, treated: Area, metres: int, actor: Any) -> Area:
    if not RING_MIN_M <= metres <= RING_MAX_M:
        raise ValidationError(
            {
                "buffer_ring": _("Give a width between %(min)d and %(max)d metres.")
                % {"min": RING_MIN_M, "max": RING_MAX_M}
            }
        )
    core = shapely.from_wkb(bytes(treated.geometry_3006))
    ring = shapely.difference(core.buffer(metres, quad_segs=8), core)
    geometry = Geometry(wgs84=project_geometry(ring, SWEREF99TM, WGS84), sweref=ring)
    area = area_services.area_create(
        actor=actor,
        name=(_("%(name)s: ring of %(metres)d m") % {"name": treated.name, "metres": metres})[:200],
        code=_custom_code(intervention, "buffer"),
        kind=AreaKind.CUSTOM,
        geometry=geometry,
    )
    _assign_incidents(area)
    return area


def role_label(role: str) -> str:
    return {
        "treated": _("Treated"),
        "buffer": _("Buffer"),
        "control": _("Control"),
        "displacement_control": _("Control for the buffer"),
    }[role]


def _check_overlaps(areas: dict[str, Area]) -> None:
    shapes = {role: shapely.from_wkb(bytes(a.geometry_3006)) for role, a in areas.items()}
    errors: dict[str, Any] = {}
    roles = list(areas)
    for i, first in enumerate(roles):
        for second in roles[i + 1 :]:
            if areas[first].pk == areas[second].pk:
                errors[second] = _("The %(a)s and %(b)s areas must be different areas.") % {
                    "a": role_label(first).lower(),
                    "b": role_label(second).lower(),
                }
                continue
            if {first, second} == {"control", "displacement_control"}:
                continue  # two controls may overlap
            a, b = shapes[first], shapes[second]
            common = shapely.intersection(a, b).area
            if common > OVERLAP_TOLERANCE * min(a.area, b.area):
                errors[second] = _(
                    "The %(a)s and %(b)s areas overlap (%(share)d %% of the smaller one). "
                    "Incidents there would count twice; choose areas that do not overlap, "
                    "or a ring around the treated area as the buffer."
                ) % {
                    "a": role_label(first).lower(),
                    "b": role_label(second).lower(),
                    "share": round(100 * common / min(a.area, b.area)),
                }
    if errors:
        raise ValidationError(errors)


def _check_windows(
    before_start: date, before_end: date, after_start: date, after_end: date, today: date
) -> None:
    errors: dict[str, Any] = {}
    if before_end < before_start:
        errors["before_end"] = _("The before window ends before it starts.")
    if after_end < after_start:
        errors["after_end"] = _("The after window ends before it starts.")
    if not errors and after_start <= before_end:
        errors["after_start"] = _("The after window must start after the before window ends.")
    if after_end >= today:
        errors["after_end"] = _(
            "The after window must have ended (yesterday at the latest): counts of days "
            "still to come would be incomplete."
        )
    if errors:
        raise ValidationError(errors)


def _finite(value: Any) -> Any:
    """JSON-safe: no NaN or infinity (PostgreSQL's jsonb refuses them), tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _area_snapshot(area: Area) -> dict[str, Any]:
    return {
        "id": area.pk,
        "code": area.code,
        "name": area.name,
        "kind": area.kind,
        "population": area.population,
        "area_km2": round(area.area_km2, 3),
    }


@transaction.atomic
def evaluation_run(
    *,
    intervention: Intervention,
    actor: Actor,
    treated: Area | AreaChoice,
    control: Area | AreaChoice,
    before_start: date,
    before_end: date,
    after_start: date,
    after_end: date,
    buffer: Area | AreaChoice | None = None,
    displacement_control: Area | AreaChoice | None = None,
    categories: Iterable[Category] = (),
    include_restricted: bool = False,
    title: str = "",
    today: date | None = None,
) -> EvaluationRun:
    """Count, evaluate with the analysis library, and store the result (immutable)."""
    require_capability(actor, "actionplan.evaluate")
    today = today or timezone.localdate()
    _check_windows(before_start, before_end, after_start, after_end, today)
    if include_restricted and not permissions_for(actor).police_data:
        raise ValidationError(
            {"include_restricted": _("Only users entitled to police data can include it.")}
        )
    choices = {
        "treated": _as_choice(treated),
        "buffer": _as_choice(buffer),
        "control": _as_choice(control),
        "displacement_control": _as_choice(displacement_control),
    }
    for role in ("treated", "control"):
        if not choices[role].given:
            raise ValidationError({role: _("Choose or draw this area.")})
    if choices["displacement_control"].given and not choices["buffer"].given:
        raise ValidationError(
            {"displacement_control": _("A control for the buffer needs a buffer area.")}
        )
    areas: dict[str, Area] = {}
    for role in ROLES:
        choice = choices[role]
        if choice.area is not None:
            areas[role] = choice.area
        elif choice.drawn:
            areas[role] = _drawn_area(intervention, role, choice, actor)
        elif choice.ring_metres is not None:
            if role != "buffer":
                raise ValidationError({role: _("Only the buffer can be a ring.")})
            areas[role] = _ring_area(intervention, areas["treated"], int(choice.ring_metres), actor)
    _check_overlaps(areas)

    category_list = sorted(categories, key=lambda c: (c.order, c.code))
    category_ids = [c.pk for c in category_list] or None
    scope = data_scope(user=actor, include_restricted=include_restricted)
    before_days = (before_end - before_start).days + 1
    after_days = (after_end - after_start).days + 1
    pre_start = before_start - timedelta(days=before_days)
    windows = {
        "pre": day_span(pre_start, before_start - timedelta(days=1)),
        "before": day_span(before_start, before_end),
        "after": day_span(after_start, after_end),
    }
    cells = area_window_counts(
        user=actor,
        area_ids=[a.pk for a in areas.values()],
        windows=windows,
        categories=category_ids,
        classifications=scope,
    )
    weights = dict(Category.objects.values_list("pk", "harm_weight"))
    codes = dict(Category.objects.values_list("pk", "code"))

    def counts(role: str) -> AreaCounts | None:
        area = areas.get(role)
        if area is None:
            return None
        return AreaCounts(
            before=cells.count(area.pk, "before"), after=cells.count(area.pk, "after")
        )

    harm: dict[str, float] = {}
    by_category: dict[str, dict[str, dict[str, int]]] = {}
    for role, area in areas.items():
        by_category[role] = {}
        for window in ("before", "after"):
            per_category = cells.categories(area.pk, window)
            harm[f"{role}_{window}"] = float(
                sum(n * float(weights.get(cid, 1.0)) for cid, n in per_category.items())
            )
            by_category[role][window] = {codes.get(c, str(c)): n for c, n in per_category.items()}
    treated_counts, control_counts = counts("treated"), counts("control")
    assert treated_counts is not None and control_counts is not None
    try:
        result = evaluate_intervention(
            treated_counts,
            control_counts,
            buffer=counts("buffer"),
            displacement_control=counts("displacement_control"),
            before_days=before_days,
            after_days=after_days,
            harm=harm,
            confidence=CONFIDENCE,
        )
    except AnalysisInputError as exc:
        raise ValidationError(str(exc)) from None
    pre = {
        role: cells.count(areas[role].pk, "pre") for role in ("treated", "control") if role in areas
    }
    pre_check = compare_rates(
        treated_counts.before, pre["treated"], before_days, before_days, confidence=CONFIDENCE
    )
    # The earlier window can only show a peak if the data reach back over all of it.
    first = (
        viewable_incidents(user=actor, categories=category_ids, classifications=scope)
        .aggregate(first=Min("occurred_from"))
        .get("first")
    )
    first_day = timezone.localtime(first).date() if first else None
    pre_covered = first_day is not None and first_day <= pre_start
    stored = _finite(dataclasses.asdict(result))
    stored["extra"] = _finite(
        {
            "pre_window": [pre_start.isoformat(), (before_start - timedelta(days=1)).isoformat()],
            "pre_counts": pre,
            "treated_before_vs_pre": dataclasses.asdict(pre_check),
            "pre_covered": pre_covered,
            "first_incident": first_day.isoformat() if first_day else None,
            "by_category": by_category,
        }
    )
    parameters = {
        "areas": {role: _area_snapshot(area) for role, area in areas.items()},
        "categories": [{"id": c.pk, "code": c.code, "name": c.name_sv} for c in category_list],
        "harm_weights": {
            codes[cid]: float(w)
            for cid, w in weights.items()
            if category_ids is None or cid in category_ids
        },
        "before_days": before_days,
        "after_days": after_days,
        "confidence": CONFIDENCE,
    }
    perms = permissions_for(actor)
    run = EvaluationRun(
        intervention=intervention,
        title=(title.strip() or _default_title(intervention, after_start, after_end))[:200],
        created_by=actor,
        before_start=before_start,
        before_end=before_end,
        after_start=after_start,
        after_end=after_end,
        parameters=parameters,
        result=stored,
        data_scope={
            "classifications": scope,
            "user": getattr(actor, "username", ""),
            "roles": sorted(perms.roles),
        },
    )
    run.save()
    return run


def _default_title(intervention: Intervention, start: date, end: date) -> str:
    return _("%(title)s: after %(start)s – %(end)s") % {
        "title": intervention.title,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


@transaction.atomic
def evaluation_attach_to_meeting(
    *, evaluation: EvaluationRun, meeting: Meeting, actor: Actor
) -> EvaluationPresentation:
    """Put the result on a meeting's agenda: an item "Evaluation: <intervention>" (made
    if missing) with a link to the result (governance's link attachment)."""
    require_capability(actor, "actionplan.manage")
    if EvaluationPresentation.objects.filter(
        evaluation=evaluation, attachment__agenda_item__meeting=meeting
    ).exists():
        raise ValidationError({"meeting": _("This result is already on that meeting's agenda.")})
    title = _("Evaluation: %(title)s") % {"title": evaluation.intervention.title}
    item = AgendaItem.objects.filter(meeting=meeting, title=title[:300]).first()
    if item is None:
        item = governance_services.agenda_item_create(
            actor=actor,
            meeting=meeting,
            title=title[:300],
            description=_(
                "The evaluation result of the intervention, with what it can and cannot show."
            ),
        )
    attachment = governance_services.attachment_add_link(
        actor=actor,
        item=item,
        title=evaluation.title[:200],
        url=evaluation.get_absolute_url(),
        added_by=actor,
    )
    return EvaluationPresentation.objects.create(
        evaluation=evaluation, attachment=attachment, added_by=actor
    )
