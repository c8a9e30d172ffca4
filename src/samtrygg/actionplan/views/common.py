"""Helpers shared by the action-plan views: fetching objects for a user (404 for
outsiders, 403 for readers who may not change)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from samtrygg.actionplan.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    Commitment,
    EvaluationRun,
    Indicator,
    Intervention,
    Method,
)
from samtrygg.actionplan.rules import can_evaluate, can_manage
from samtrygg.core.permissions import Permissions, get_viewable_or_404, permissions_for


def perms(request: HttpRequest) -> Permissions:
    return permissions_for(request.user)


def manager(request: HttpRequest) -> bool:
    return can_manage(perms(request))


def evaluator(request: HttpRequest) -> bool:
    return can_evaluate(perms(request))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_plan(request: HttpRequest, pk: int) -> ActionPlan:
    return get_viewable_or_404(request.user, ActionPlan.objects.all(), pk=pk)


def get_intervention(request: HttpRequest, pk: int) -> Intervention:
    return get_viewable_or_404(
        request.user, Intervention.objects.select_related("owner", "method", "plan"), pk=pk
    )


def get_indicator(request: HttpRequest, pk: int) -> Indicator:
    return get_viewable_or_404(
        request.user, Indicator.objects.select_related("goal__focus_area", "goal__council"), pk=pk
    )


def get_evaluation(request: HttpRequest, pk: int) -> EvaluationRun:
    return get_viewable_or_404(
        request.user, EvaluationRun.objects.select_related("intervention", "created_by"), pk=pk
    )


def get_agreement(request: HttpRequest, pk: int) -> Agreement:
    return get_viewable_or_404(request.user, Agreement.objects.all(), pk=pk)


def get_commitment(request: HttpRequest, pk: int) -> Commitment:
    return get_viewable_or_404(
        request.user, Commitment.objects.select_related("agreement", "owner"), pk=pk
    )


def get_promise(request: HttpRequest, pk: int) -> CitizenPromise:
    return get_viewable_or_404(request.user, CitizenPromise.objects.select_related("area"), pk=pk)


def get_method(request: HttpRequest, pk: int) -> Method:
    return get_viewable_or_404(request.user, Method.objects.all(), pk=pk)


def download(field: FieldFile, name: str) -> HttpResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # A streaming response; typed as a plain response for the view decorators.
    return cast(HttpResponse, FileResponse(handle, as_attachment=True, filename=name))


def status_for(form: Any) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200
