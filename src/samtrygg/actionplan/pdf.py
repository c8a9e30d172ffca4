"""The annual follow-up of the action plan as a PDF (typst, ``templates/actionplan/followup.typ``).

Numbers come from the selectors (indicators computed in the reader's data scope, the
stored evaluation results); the layout lives in the template.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone, translation

from samtrygg.actionplan.charts import indicator_png
from samtrygg.actionplan.explain import num, read
from samtrygg.actionplan.models import ActionPlan, Agreement, CitizenPromise, EvaluationRun
from samtrygg.actionplan.presenters import plan_overview
from samtrygg.core.permissions import permissions_for
from samtrygg.documents.rendering import render_pdf

STATUS_TEXT = {
    "met": "Målet är nått",
    "improving": "Går åt rätt håll",
    "unchanged": "Oförändrat",
    "worsening": "Går åt fel håll",
    "single": "Ett värde hittills",
    "no_target": "Inget målvärde",
    "no_data": "Inga värden ännu",
}


def _d(day: date | None) -> str:
    return day.isoformat() if day else "–"


def followup_data(
    *, plan: ActionPlan, year: int, user: Any, today: date
) -> tuple[dict[str, Any], dict[str, bytes]]:
    overview = plan_overview(plan, user=user, today=today)
    assets: dict[str, bytes] = {}
    focus = []
    for block in overview.blocks:
        goals = []
        for goal_block in block.goals:
            indicators = []
            for view in goal_block.indicators:
                ind = view.indicator
                latest = view.status.latest
                image = f"indicator-{ind.pk}.png"
                assets[image] = indicator_png(view)
                indicators.append(
                    {
                        "name": ind.name,
                        "kind": ind.get_kind_display(),
                        "measure": ind.get_measure_display(),
                        "latest": num(latest.value, 1) if latest else "–",
                        "latest_year": str(latest.year) if latest else "",
                        "baseline": num(view.status.baseline, 1),
                        "baseline_year": str(view.status.baseline_year or ""),
                        "target": num(ind.target_value, 1) if ind.target_value is not None else "–",
                        "target_year": str(ind.target_year or ""),
                        "status": STATUS_TEXT.get(view.status.code, view.status.code),
                        "direction": ind.get_direction_display(),
                        "image": image,
                    }
                )
            goals.append(
                {
                    "statement": goal_block.goal.statement,
                    "target": goal_block.goal.target,
                    "council": goal_block.goal.council.name,
                    "indicators": indicators,
                }
            )
        focus.append(
            {
                "name": block.focus_area.name,
                "goals": goals,
                "interventions": [
                    {
                        "title": i.title,
                        "owner": i.owner.name,
                        "method": i.method.name if i.method else "–",
                        "status": i.get_status_display(),
                        "period": f"{_d(i.start_date)} – {_d(i.end_date)}",
                    }
                    for i in block.interventions
                ],
            }
        )
    year_end = date(year, 12, 31)
    runs = (
        permissions_for(user)
        .filter_viewable(
            EvaluationRun.objects.filter(intervention__plan=plan, after_end__lte=year_end)
        )
        .select_related("intervention")
    )
    evaluations = []
    seen: set[int] = set()
    for run in runs.order_by("intervention__title", "-created_at"):
        if run.intervention_id in seen:
            continue
        seen.add(run.intervention_id)
        reading = read(run)
        did = run.result["did"]
        wdq = run.result.get("wdq") or {}
        evaluations.append(
            {
                "intervention": run.intervention.title,
                "title": run.title,
                "windows": f"{_d(run.before_start)} – {_d(run.before_end)} / "
                f"{_d(run.after_start)} – {_d(run.after_end)}",
                "treated": f"{run.result['treated']['before']} → {run.result['treated']['after']}",
                "control": f"{run.result['control']['before']} → {run.result['control']['after']}",
                "ratio": num(did.get("ratio"), 2),
                "ci": f"{num(did.get('ratio_ci_low'), 2)}–{num(did.get('ratio_ci_high'), 2)}",
                "wdq": num(wdq.get("wdq"), 2),
                "verdict": {
                    "decrease": "Minskning jämfört med kontrollområdet",
                    "increase": "Ökning jämfört med kontrollområdet",
                    "inconclusive": "Inget säkert resultat",
                }[reading.verdict],
                "headline": reading.headline,
                "cautions": [
                    c.title
                    for c in reading.cautions
                    if c.code in ("too_few", "regression_to_mean", "unequal_windows")
                ],
            }
        )
    year_start = date(year, 1, 1)
    commitments = []
    for agreement in Agreement.objects.filter(
        Q(period_end__isnull=True) | Q(period_end__gte=year_start), period_start__lte=year_end
    ).prefetch_related("commitments__owner"):
        for c in agreement.commitments.all():
            commitments.append(
                {
                    "agreement": agreement.title,
                    "title": c.title,
                    "owner": c.owner.name,
                    "due": _d(c.due_date),
                    "status": c.get_status_display()
                    + (" (försenat)" if c.is_overdue(today) else ""),
                }
            )
    promises = []
    for p in (
        CitizenPromise.objects.filter(period_start__lte=year_end, period_end__gte=year_start)
        .select_related("area")
        .prefetch_related("activities")
    ):
        activities = list(p.activities.all())
        done = sum(1 for a in activities if a.status == "done")
        promises.append(
            {
                "title": p.title,
                "area": p.area.name if p.area else "–",
                "period": f"{_d(p.period_start)} – {_d(p.period_end)}",
                "status": p.get_status_display(),
                "activities": f"{done} / {len(activities)}",
            }
        )
    version = overview.version
    data = {
        "title": plan.title,
        "municipality": settings.SAMTRYGG_MUNICIPALITY,
        "year": str(year),
        "period": f"{_d(plan.period_start)} – {_d(plan.period_end)}",
        "version": (
            f"{version.number}, antagen {_d(version.adoption_date)} av {version.adopted_by.name}"
            if version
            else "Inte antagen"
        ),
        "based_on": version.based_on.label if version and version.based_on else "–",
        "generated": formats.date_format(today, "Y-m-d"),
        "status_counts": [
            {"status": label, "count": overview.status_counts.get(value, 0)}
            for value, label in _status_labels()
        ],
        "focus": focus,
        "evaluations": evaluations,
        "commitments": commitments,
        "promises": promises,
        "generated_at": timezone.localtime().isoformat(timespec="minutes"),
    }
    return data, assets


def _status_labels() -> list[tuple[str, str]]:
    from samtrygg.actionplan.models import InterventionStatus

    return [(s.value, str(s.label)) for s in InterventionStatus]


def followup_pdf(*, plan: ActionPlan, year: int, user: Any, today: date) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        data, assets = followup_data(plan=plan, year=year, user=user, today=today)
        return render_pdf(template="actionplan/followup.typ", data=data, assets=assets)
