"""The lägesbild document: list, create, edit sections, review comments, sign, publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404, permissions_for
from samtrygg.picture.service import picture_and_key
from samtrygg.situation import selectors, services
from samtrygg.situation.checklist import report_checklist
from samtrygg.situation.forms import CommentForm, ReasonForm, ReportForm, SectionForm, SignForm
from samtrygg.situation.models import (
    ReportStatus,
    ReviewComment,
    SectionKind,
    SignatureSide,
    SituationReport,
)
from samtrygg.situation.presenters import figures_context
from samtrygg.situation.views.common import map_config, section_list

READERS = ("situation.read", "situation.review", "situation.edit")


@capability_required(*READERS)
def report_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "situation/report_list.html",
        {
            "reports": selectors.report_list(user=request.user),
            "can_edit": permissions_for(request.user).can("situation.edit"),
        },
    )


def _form_data(form: ReportForm) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "title": d["title"],
        "period_kind": d["period_kind"],
        "period_start": d["period_start"],
        "period_end": d["period_end"],
        "area_ids": d.get("areas") or [],
        "category_codes": d.get("categories") or [],
        "include_restricted": d.get("include_restricted", False),
    }


@capability_required("situation.edit")
def report_create_view(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                actor=request.user, draft_from_figures=True, **_form_data(form)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The report was created with every section drafted from its figures. "
                    "Edit the drafts."
                ),
            )
            return redirect("situation:report_detail", pk=report.pk)
    return render(request, "situation/report_form.html", {"form": form, "report": None})


@capability_required("situation.edit")
def report_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_changeable_or_404(request.user, SituationReport.objects.all(), pk=pk)
    initial = {
        "title": report.title,
        "period_kind": report.period_kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "areas": list(report.areas.values_list("pk", flat=True)),
        "categories": report.category_codes,
        "include_restricted": report.include_restricted,
    }
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(actor=request.user, report=report, **_form_data(form))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The report was saved."))
            return redirect("situation:report_detail", pk=report.pk)
    return render(request, "situation/report_form.html", {"form": form, "report": report})


def _figures_context(request: HttpRequest, report: SituationReport) -> dict[str, Any]:
    """Frozen figures in review; a live preview (the report's data scope) in a draft."""
    frozen = report.frozen_picture()
    if report.status == ReportStatus.REVIEW and frozen is not None:
        return figures_context(frozen) | {"frozen": True}
    if report.status == ReportStatus.DRAFT:
        try:
            scope = services.report_scope(report, acting_user=request.user)
        except ServiceError as exc:
            return {"figures_error": str(exc)}
        key, figures = picture_and_key(params=services.report_params(report), scope=scope)
        return figures_context(figures, key=key) | {"frozen": False}
    return {}


@capability_required(*READERS)
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    perms = permissions_for(request.user)
    working = selectors.can_see_working_copy(user=request.user, report=report)
    context: dict[str, Any] = {
        "report": report,
        "working": working,
        "can_edit": perms.can("situation.edit"),
        "can_review": perms.can("situation.review"),
        "versions": selectors.version_list(user=request.user, report=report),
        "map_config": map_config(),
    }
    if working:
        selectors.log_working_copy_read(
            user=request.user, report=report, part=selectors.READ_REPORT_PAGE, request=request
        )
        bodies = dict(report.sections.values_list("kind", "body"))
        context["checklist"] = report_checklist(bodies)
        comments = list(report.comments.select_related("author").order_by("created_at"))
        sections = section_list(bodies)
        for s in sections:
            s["comments"] = [c for c in comments if c.section == s["kind"]]
        valid = services.valid_signatures(report)
        signed_sides = {s.side for s in valid}
        sign_options = [
            side
            for side in SignatureSide
            if side.value not in signed_sides
            and services.signing_capacity(request.user, side.value) is not None
            and all(s.user_id != request.user.pk for s in valid)
        ]
        context.update(
            {
                "sections": sections,
                "general_comments": [c for c in comments if not c.section],
                "comment_form": CommentForm(),
                "signatures": valid,
                "void_signatures": report.signatures.filter(
                    version__isnull=True, invalidated_at__isnull=False
                ).select_related("user", "organisation"),
                "sign_options": sign_options,
                "can_publish": perms.can("situation.edit")
                and report.status == ReportStatus.REVIEW
                and signed_sides == set(SignatureSide.values),
                "events": report.events.all()[:30] if perms.can("situation.edit") else [],
            }
        )
        context.update(_figures_context(request, report))
    return render(request, "situation/report_detail.html", context)


@capability_required("situation.edit")
def section_edit_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    report = get_changeable_or_404(request.user, SituationReport.objects.all(), pk=pk)
    if kind not in SectionKind.values:
        return redirect("situation:report_detail", pk=report.pk)
    section = report.sections.filter(kind=kind).first()
    if request.method != "POST":
        selectors.log_working_copy_read(
            user=request.user, report=report, part=selectors.READ_SECTION_EDITOR, request=request
        )
    form = SectionForm(request.POST or None, initial={"body": section.body if section else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_section_update(
                actor=request.user, report=report, kind=kind, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The section was saved."))
            return redirect(f"{report.get_absolute_url()}#section-{kind}")
    return render(
        request,
        "situation/section_form.html",
        {"report": report, "form": form, "kind": kind, "label": SectionKind(kind).label},
    )


def _action(request: HttpRequest, pk: int, run: Any, done: str) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        run(report)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("situation:report_detail", pk=report.pk)


@require_POST
@capability_required("situation.edit")
def report_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: services.report_submit(actor=request.user, report=r),
        _("The report is in review; its figures are frozen."),
    )


@require_POST
@capability_required("situation.edit")
def section_redraft_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Write one section again from the current figures (the others keep their text)."""
    return _action(
        request,
        pk,
        lambda r: services.report_section_redraft(actor=request.user, report=r, kind=kind),
        _("The section was drafted again from the current figures."),
    )


@require_POST
@capability_required("situation.edit")
def report_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _action(
        request,
        pk,
        lambda r: services.report_return_to_draft(actor=request.user, report=r, reason=reason),
        _("The report is a draft again."),
    )


@require_POST
@capability_required("situation.edit")
def report_refresh_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: services.report_refresh_figures(actor=request.user, report=r),
        _("The figures were recomputed."),
    )


@require_POST
@capability_required("situation.review")
def report_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = SignForm(request.POST)
    side = form.cleaned_data["side"] if form.is_valid() else ""
    return _action(
        request,
        pk,
        lambda r: services.report_sign(actor=request.user, report=r, side=side),
        _("You signed the report."),
    )


@require_POST
@capability_required("situation.edit")
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        version = services.report_publish(actor=request.user, report=report)
    except (ServiceError, ValidationError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
        return redirect("situation:report_detail", pk=report.pk)
    messages.success(request, _("Version %(n)d was published.") % {"n": version.number})
    return redirect("situation:version_detail", pk=version.pk)


@require_POST
@capability_required("situation.review")
def comment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    if not selectors.can_see_working_copy(user=request.user, report=report):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(
                actor=request.user,
                report=report,
                section=form.cleaned_data["section"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment."))
    anchor = f"#section-{form.data.get('section')}" if form.data.get("section") else "#comments"
    return redirect(f"{report.get_absolute_url()}{anchor}")


@require_POST
@capability_required("situation.review")
def comment_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ReviewComment.objects.select_related("report"), pk=pk)
    report = selectors.report_get(user=request.user, pk=comment.report_id)
    if not selectors.can_see_working_copy(user=request.user, report=report):
        raise PermissionDenied
    services.comment_resolve(actor=request.user, comment=comment)
    messages.success(request, _("The comment is marked as resolved."))
    return redirect(report.get_absolute_url())
