"""The action-plan demo builder: ``build(ctx)`` runs each part once."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from samtrygg.accounts.models import Organisation, User
from samtrygg.actionplan.demo.agreements import AgreementBuilder
from samtrygg.actionplan.demo.data import EVALUATED_TITLE
from samtrygg.actionplan.demo.indicators import IndicatorBuilder
from samtrygg.actionplan.demo.interventions import InterventionBuilder
from samtrygg.actionplan.demo.plan import PlanBuilder
from samtrygg.core.demo_support import DemoContext


class _Builder(PlanBuilder, IndicatorBuilder, InterventionBuilder, AgreementBuilder):
    """The demo's parts, built in ``build``'s order."""


def build(ctx: DemoContext) -> None:
    orgs = {o.code: o for o in Organisation.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["samordnare", "analytiker"])}
    if "slk-vasteras" not in orgs or len(users) < 2:
        ctx.note("actionplan: the accounts demo is missing; no action plan built.")
        return
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        builder = _Builder(ctx, orgs, users, today)
        plan = builder.plan()
        builder.coordination()
        builder.indicators()
        interventions = builder.interventions(plan)
        builder.evaluation(interventions.get(EVALUATED_TITLE))
        builder.agreement()
        builder.promises()
        builder.new_decision(interventions)
        builder.second_version(plan)
