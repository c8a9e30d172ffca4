"""The law-compliance tracker (SFS 2023:196): what the law asks for and when it is due.

The law asks every municipality for a lägesbild of crime in its area, an action plan
decided from it, and a coordination function that is the contact point for others and
informs residents. How often the lägesbild is renewed is a local decision: the interval
is the ``SAMTRYGG_SITUATION_INTERVAL_MONTHS`` setting (default 24 months), counted from
the first publication of the current lägesbild (a corrected version does not restart it).
Only pictures covering at least about a year count as the lägesbild of the law; the
weekly, monthly and quarterly pictures of the EST work do not.

Everything is computed for a given ``today`` (tests pass the dates they need).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.actionplan.adapters import local_midnight
from samtrygg.actionplan.models import (
    OPEN_COMMITMENT_STATUSES,
    ActionPlan,
    ActionPlanVersion,
    Agreement,
    CitizenPromise,
    Commitment,
    CoordinationFunction,
    Intervention,
    InterventionStatus,
    PromiseStatus,
)
from samtrygg.actionplan.selectors.plans import latest_version, plan_current
from samtrygg.governance.models import Goal, GoalStatus
from samtrygg.situation.models import SituationVersion

#: Warn this many days before a date falls due.
DUE_SOON_DAYS = 90
#: Review dates shown this far ahead.
HORIZON_DAYS = 365


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_months() -> int:
    return int(getattr(settings, "SAMTRYGG_SITUATION_INTERVAL_MONTHS", 24))


@dataclass(frozen=True)
class Warning:
    level: str  # "error" (missing or overdue), "warning" (soon or inconsistent), "info"
    code: str
    message: str


@dataclass(frozen=True)
class ReviewDate:
    day: date
    label: str
    url: str
    overdue: bool


@dataclass
class ComplianceStatus:
    today: date
    interval_months: int
    situation: SituationVersion | None = None
    situation_first_published: date | None = None
    situation_latest_published: date | None = None
    situation_next_due: date | None = None
    plan: ActionPlan | None = None
    plan_version: ActionPlanVersion | None = None
    plan_based_on_current: bool = False
    coordination: CoordinationFunction | None = None
    upcoming: list[ReviewDate] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    @property
    def errors(self) -> list[Warning]:
        return [w for w in self.warnings if w.level == "error"]

    @property
    def overdue_dates(self) -> list[ReviewDate]:
        return [d for d in self.upcoming if d.overdue]

    def has(self, code: str) -> bool:
        return any(w.code == code for w in self.warnings)


def _d(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _local_date(moment: Any) -> date:
    return timezone.localtime(moment).date()


#: A lägesbild in the sense of the law covers at least about a year; the weekly, monthly
#: and quarterly pictures of the EST work do not count.
MIN_PERIOD_DAYS = 360


def current_situation(*, today: date) -> SituationVersion | None:
    """The latest published lägesbild version (not withdrawn) published by ``today``
    that covers at least ``MIN_PERIOD_DAYS``."""
    end = local_midnight(today + timedelta(days=1))
    versions = (
        SituationVersion.objects.filter(withdrawal__isnull=True, published_at__lt=end)
        .only("id", "report_id", "number", "title", "period_start", "period_end", "published_at")
        .order_by("-published_at", "-pk")
    )
    for version in versions.iterator(chunk_size=50):
        if (version.period_end - version.period_start).days + 1 >= MIN_PERIOD_DAYS:
            return version
    return None


def compliance_status(*, today: date | None = None) -> ComplianceStatus:
    today = today or timezone.localdate()
    status = ComplianceStatus(today=today, interval_months=interval_months())
    warn = status.warnings.append
    soon = today + timedelta(days=DUE_SOON_DAYS)

    # 1. The lägesbild.
    current = current_situation(today=today)
    status.situation = current
    if current is None:
        warn(Warning("error", "situation_missing", _("No lägesbild has been published.")))
    else:
        first = (
            SituationVersion.objects.filter(report_id=current.report_id)
            .order_by("published_at", "pk")
            .values_list("published_at", flat=True)
            .first()
        )
        status.situation_first_published = _local_date(first or current.published_at)
        status.situation_latest_published = _local_date(current.published_at)
        due = add_months(status.situation_first_published, status.interval_months)
        status.situation_next_due = due
        if due < today:
            warn(
                Warning(
                    "error",
                    "situation_overdue",
                    _("A new lägesbild was due on %(date)s.") % {"date": _d(due)},
                )
            )
        elif due <= soon:
            warn(
                Warning(
                    "warning",
                    "situation_due_soon",
                    _("A new lägesbild is due on %(date)s.") % {"date": _d(due)},
                )
            )

    # 2. The action plan decided from it.
    plan = plan_current(today=today)
    status.plan = plan
    version = latest_version(plan) if plan is not None else None
    if version is not None and version.adoption_date > today:
        version = (
            plan.versions.filter(adoption_date__lte=today).order_by("-number").first()
            if plan
            else None
        )
    status.plan_version = version
    if plan is None or version is None:
        warn(Warning("error", "plan_missing", _("No action plan has been adopted.")))
    else:
        based = version.based_on
        status.plan_based_on_current = (
            current is not None and based is not None and based.report_id == current.report_id
        )
        if based is None:
            warn(
                Warning(
                    "warning",
                    "plan_without_situation",
                    _("The adopted action plan does not say which lägesbild it is based on."),
                )
            )
        elif current is not None and not status.plan_based_on_current:
            warn(
                Warning(
                    "warning",
                    "plan_outdated",
                    _(
                        "A newer lägesbild was published on %(date)s, after the plan was "
                        "adopted; decide whether the plan needs revising."
                    )
                    % {"date": _d(status.situation_latest_published or today)},
                )
            )
        if plan.period_end < today:
            warn(
                Warning(
                    "error",
                    "plan_expired",
                    _("The action plan's period ended on %(date)s.")
                    % {"date": _d(plan.period_end)},
                )
            )
        elif plan.period_end <= soon:
            warn(
                Warning(
                    "warning",
                    "plan_ends_soon",
                    _("The action plan's period ends on %(date)s.") % {"date": _d(plan.period_end)},
                )
            )
        if plan.next_review is not None and plan.next_review < today:
            warn(
                Warning(
                    "warning",
                    "plan_review_overdue",
                    _("The follow-up of the action plan was due on %(date)s.")
                    % {"date": _d(plan.next_review)},
                )
            )

    # 3. The coordination function.
    record = CoordinationFunction.objects.select_related("organisation", "executive_board").first()
    status.coordination = record
    if record is None or record.organisation is None:
        warn(
            Warning(
                "error",
                "coordination_missing",
                _("No one is recorded as holding the coordination function."),
            )
        )
    else:
        if not (record.email or record.phone):
            warn(
                Warning(
                    "warning",
                    "coordination_contact_missing",
                    _("The coordination function has no e-mail address or telephone number."),
                )
            )
        if not record.web_address:
            warn(
                Warning(
                    "warning",
                    "coordination_web_missing",
                    _("The coordination function has no web page informing residents."),
                )
            )

    # 4. Commitments, interventions and review dates.
    overdue_commitments = list(
        Commitment.objects.filter(status__in=OPEN_COMMITMENT_STATUSES, due_date__lt=today)
    )
    if overdue_commitments:
        warn(
            Warning(
                "warning",
                "commitments_overdue",
                ngettext(
                    "%(count)d commitment of the collaboration agreement is overdue.",
                    "%(count)d commitments of the collaboration agreement are overdue.",
                    len(overdue_commitments),
                )
                % {"count": len(overdue_commitments)},
            )
        )
    overdue_interventions = Intervention.objects.filter(
        status__in=(InterventionStatus.PLANNED, InterventionStatus.RUNNING), end_date__lt=today
    ).count()
    if overdue_interventions:
        warn(
            Warning(
                "info",
                "interventions_overdue",
                ngettext(
                    "%(count)d intervention is past its end date but not marked completed "
                    "or stopped.",
                    "%(count)d interventions are past their end date but not marked "
                    "completed or stopped.",
                    overdue_interventions,
                )
                % {"count": overdue_interventions},
            )
        )
    status.upcoming = _review_dates(status, today)
    return status


def _review_dates(status: ComplianceStatus, today: date) -> list[ReviewDate]:
    horizon = today + timedelta(days=HORIZON_DAYS)
    dates: list[ReviewDate] = []

    def add(day: date | None, label: str, url: str, *, show_overdue: bool = True) -> None:
        if day is None or day > horizon or (day < today and not show_overdue):
            return
        dates.append(ReviewDate(day=day, label=label, url=url, overdue=day < today))

    if status.situation_next_due is not None:
        add(status.situation_next_due, _("New lägesbild due"), reverse("situation:report_list"))
    plan = status.plan
    if plan is not None:
        url = reverse("actionplan:plan_detail", args=[plan.pk])
        add(plan.next_review, _("Follow-up of the action plan"), url)
        add(plan.period_end, _("The action plan's period ends"), url, show_overdue=False)
    for agreement in Agreement.objects.filter(period_end__isnull=False, period_end__gte=today):
        add(
            agreement.period_end,
            _("Agreement ends: %(title)s") % {"title": agreement.title},
            reverse("actionplan:agreement_detail", args=[agreement.pk]),
        )
    for commitment in Commitment.objects.filter(
        status__in=OPEN_COMMITMENT_STATUSES, due_date__isnull=False
    ).select_related("agreement"):
        add(
            commitment.due_date,
            _("Commitment: %(title)s") % {"title": commitment.title},
            reverse("actionplan:agreement_detail", args=[commitment.agreement_id]),
        )
    for promise in CitizenPromise.objects.filter(
        status__in=(PromiseStatus.PLANNED, PromiseStatus.ONGOING)
    ):
        add(
            promise.period_end,
            _("Citizen promise ends: %(title)s") % {"title": promise.title},
            reverse("actionplan:promise_detail", args=[promise.pk]),
        )
    for goal in Goal.objects.filter(status=GoalStatus.ACTIVE, target_date__isnull=False):
        add(
            goal.target_date,
            _("Goal's target date: %(goal)s") % {"goal": str(goal)},
            reverse("governance:goal_detail", args=[goal.pk]),
            show_overdue=False,
        )
    return sorted(dates, key=lambda d: (d.day, d.label))
