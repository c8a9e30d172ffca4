"""Published versions: read, download (PDF, images), compare, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import permissions_for
from samtrygg.situation import selectors, services
from samtrygg.situation.forms import ReasonForm
from samtrygg.situation.models import VersionAsset, VersionWithdrawal
from samtrygg.situation.pdf import version_pdf
from samtrygg.situation.presenters import figures_context
from samtrygg.situation.views.common import map_config, section_list


@require_GET
@capability_required("situation.read")
def version_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(user=request.user, pk=pk)
    others = selectors.version_list(user=request.user, report=version.report).exclude(pk=pk)
    withdrawal = VersionWithdrawal.objects.filter(version=version).select_related("by").first()
    return render(
        request,
        "situation/version_detail.html",
        figures_context(version.picture, key=f"situation:version:{version.pk}")
        | {
            "version": version,
            "sections": section_list(version.sections or {}),
            "others": others,
            "withdrawal": withdrawal,
            "can_withdraw": permissions_for(request.user).can("situation.withdraw")
            and withdrawal is None,
            "withdraw_form": ReasonForm(),
            "map_config": map_config(),
            "asset_names": list(version.assets.values_list("name", flat=True)),
        },
    )


@require_GET
@capability_required("situation.read")
def version_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(user=request.user, pk=pk)
    response = HttpResponse(version_pdf(version), content_type="application/pdf")
    name = f"lagesbild-{version.period_start:%Y%m%d}-{version.period_end:%Y%m%d}-v{version.number}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
@capability_required("situation.read")
def version_asset_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    version = selectors.version_get(user=request.user, pk=pk)
    asset = VersionAsset.objects.filter(version=version, name=name).first()
    if asset is None:
        raise Http404
    response = HttpResponse(bytes(asset.data), content_type=asset.content_type)
    response["Cache-Control"] = "private, max-age=86400"
    return response


@require_GET
@capability_required("situation.read")
def version_diff_view(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    new = selectors.version_get(user=request.user, pk=pk)
    old = selectors.version_get(user=request.user, pk=other)
    if old.report_id != new.report_id:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    return render(
        request, "situation/version_diff.html", {"diff": selectors.version_diff(old, new)}
    )


@require_POST
@capability_required("situation.withdraw")
def version_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.version_withdraw(actor=request.user, version=version, reason=reason)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The version was withdrawn from the public picture."))
    return redirect("situation:version_detail", pk=version.pk)
