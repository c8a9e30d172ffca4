"""The collaboration agreement with its commitments, and citizen promises (internal pages)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.forms import (
    ActivityStatusForm,
    AgreementForm,
    CommitmentFollowUpForm,
    CommitmentForm,
    PromiseActivityForm,
    PromiseFollowUpForm,
    PromiseForm,
)
from samtrygg.actionplan.models import ActivityStatus, PromiseActivity
from samtrygg.actionplan.rules import can_follow_up_commitment
from samtrygg.actionplan.views.common import (
    download,
    get_agreement,
    get_commitment,
    get_promise,
    manager,
    perms,
    require,
    status_for,
)
from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error


@capability_required("actionplan.view")
def agreement_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actionplan/agreement_list.html",
        {
            "agreements": selectors.agreement_list(user=request.user),
            "can_manage": manager(request),
            "today": timezone.localdate(),
        },
    )


def _agreement_kwargs(form: AgreementForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "parties": data["parties"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "signed_date": data["signed_date"],
        "signatories": form.signatory_lines(),
        "description": data["description"],
        "document": data["document"],
    }


@capability_required("actionplan.manage")
def agreement_create_view(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=request.user, **_agreement_kwargs(form))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Agreement saved."))
            return redirect("actionplan:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "actionplan/agreement_form.html",
        {"form": form, "agreement": None},
        status=status_for(form),
    )


@capability_required("actionplan.view")
def agreement_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(request, pk)
    return render(
        request,
        "actionplan/agreement_detail.html",
        {
            "agreement": agreement,
            "commitments": selectors.commitment_list(user=request.user, agreement=agreement),
            "can_manage": manager(request),
            "commitment_form": CommitmentForm() if manager(request) else None,
            "today": timezone.localdate(),
        },
    )


@capability_required("actionplan.manage")
def agreement_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(request, pk)
    initial = {
        "title": agreement.title,
        "parties": list(agreement.parties.all()),
        "signatories": "\n".join(agreement.signatories or []),
        "signed_date": agreement.signed_date,
        "period_start": agreement.period_start,
        "period_end": agreement.period_end,
        "description": agreement.description,
    }
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                actor=request.user, agreement=agreement, **_agreement_kwargs(form)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "actionplan/agreement_form.html",
        {"form": form, "agreement": agreement},
        status=status_for(form),
    )


@capability_required("actionplan.view")
def agreement_document_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(request, pk)
    name = (agreement.document.name or "").rsplit("/", 1)[-1]
    return download(agreement.document, name)


@capability_required("actionplan.manage")
def commitment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(request, pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.commitment_create(
                actor=request.user,
                agreement=agreement,
                title=data["title"],
                owner=data["owner"],
                due_date=data["due_date"],
                description=data["description"],
                status=data["status"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Commitment added."))
            return redirect("actionplan:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "actionplan/commitment_form.html",
        {"form": form, "agreement": agreement, "commitment": None},
        status=status_for(form),
    )


@member_required
def commitment_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator edits everything; the responsible organisation reports status and
    follow-up."""
    commitment = get_commitment(request, pk)
    p = perms(request)
    require(can_follow_up_commitment(p, commitment))
    full = manager(request)
    initial = {
        "title": commitment.title,
        "owner": commitment.owner,
        "due_date": commitment.due_date,
        "description": commitment.description,
        "status": commitment.status,
        "progress": commitment.progress,
    }
    form: CommitmentForm | CommitmentFollowUpForm = (
        CommitmentForm(request.POST or None, initial=initial)
        if full
        else CommitmentFollowUpForm(request.POST or None, initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if full:
                services.commitment_update(
                    actor=request.user,
                    commitment=commitment,
                    title=data["title"],
                    owner=data["owner"],
                    due_date=data["due_date"],
                    description=data["description"],
                    status=data["status"],
                    progress=data["progress"],
                )
            else:
                services.commitment_follow_up(
                    actor=request.user,
                    commitment=commitment,
                    status=data["status"],
                    progress=data["progress"],
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            if p.can("actionplan.view"):
                return redirect("actionplan:agreement_detail", pk=commitment.agreement_id)
            return redirect("actionplan:commitment_update", pk=commitment.pk)
    return render(
        request,
        "actionplan/commitment_form.html",
        {"form": form, "agreement": commitment.agreement, "commitment": commitment},
        status=status_for(form),
    )


# --- citizen promises ------------------------------------------------------------------


@capability_required("actionplan.view")
def promise_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actionplan/promise_list.html",
        {"promises": selectors.promise_list(user=request.user), "can_manage": manager(request)},
    )


def _promise_kwargs(data: dict) -> dict:
    return {
        "title": data["title"],
        "text": data["text"],
        "area": data["area"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "status": data["status"],
        "is_public": data["is_public"],
        "issuers": data["issuers"],
        "internal_note": data["internal_note"],
    }


@capability_required("actionplan.manage")
def promise_create_view(request: HttpRequest) -> HttpResponse:
    form = PromiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            promise = services.promise_create(
                actor=request.user,
                **_promise_kwargs(form.cleaned_data),
                activities=form.cleaned_data["activities"].splitlines(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Citizen promise saved."))
            return redirect("actionplan:promise_detail", pk=promise.pk)
    return render(
        request,
        "actionplan/promise_form.html",
        {"form": form, "promise": None},
        status=status_for(form),
    )


@capability_required("actionplan.view")
def promise_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_promise(request, pk)
    can = manager(request)
    return render(
        request,
        "actionplan/promise_detail.html",
        {
            "promise": promise,
            "activities": promise.activities.all(),
            "follow_ups": promise.follow_ups.select_related("author"),
            "can_manage": can,
            "activity_form": PromiseActivityForm() if can else None,
            "follow_up_form": PromiseFollowUpForm(initial={"recorded_on": timezone.localdate()})
            if can
            else None,
            "activity_statuses": ActivityStatus.choices,
        },
    )


@capability_required("actionplan.manage")
def promise_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_promise(request, pk)
    initial = {
        "title": promise.title,
        "text": promise.text,
        "area": promise.area,
        "period_start": promise.period_start,
        "period_end": promise.period_end,
        "status": promise.status,
        "is_public": promise.is_public,
        "issuers": list(promise.issuers.all()),
        "internal_note": promise.internal_note,
    }
    form = PromiseForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.promise_update(
                actor=request.user, promise=promise, **_promise_kwargs(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:promise_detail", pk=promise.pk)
    return render(
        request,
        "actionplan/promise_form.html",
        {"form": form, "promise": promise},
        status=status_for(form),
    )


def _flash_errors(request: HttpRequest, form: object) -> None:
    for errors in getattr(form, "errors", {}).values():
        for error in errors:
            messages.error(request, str(error))


@capability_required("actionplan.manage")
@require_POST
def promise_activity_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_promise(request, pk)
    form = PromiseActivityForm(request.POST)
    if form.is_valid():
        try:
            services.promise_activity_add(
                actor=request.user, promise=promise, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Activity added."))
    _flash_errors(request, form)
    return redirect("actionplan:promise_detail", pk=promise.pk)


@capability_required("actionplan.manage")
@require_POST
def promise_activity_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(PromiseActivity.objects.select_related("promise"), pk=pk)
    get_promise(request, activity.promise_id)  # 404 unless the promise is readable
    form = ActivityStatusForm(request.POST)
    if form.is_valid():
        services.promise_activity_set_status(
            actor=request.user, activity=activity, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status saved."))
    _flash_errors(request, form)
    return redirect("actionplan:promise_detail", pk=activity.promise_id)


@capability_required("actionplan.manage")
@require_POST
def promise_follow_up_view(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_promise(request, pk)
    form = PromiseFollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.promise_follow_up_add(
                promise=promise,
                text=data["text"],
                recorded_on=data["recorded_on"],
                status=data["status"] or None,
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Follow-up saved."))
    _flash_errors(request, form)
    return redirect("actionplan:promise_detail", pk=promise.pk)
