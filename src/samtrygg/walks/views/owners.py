"""Finding owners: the coordinator's list (create an owner, revoke its e-mail links), and
the page an owner without a log-in reaches through the signed link in its e-mail — that
owner's findings and the actions on them, nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.walks import selectors, services
from samtrygg.walks.forms import FindingActionForm, OwnerForm
from samtrygg.walks.models import FindingOwner
from samtrygg.walks.tokens import OwnerLink, owner_from_token
from samtrygg.walks.views.common import owner_findings_page
from samtrygg.walks.views.findings import apply_action


@capability_required("walks.manage")
def owner_list_view(request: HttpRequest) -> HttpResponse:
    form = OwnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.owner_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data.get("organisation"),
                email=form.cleaned_data.get("email", ""),
                private=form.cleaned_data.get("private", False),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The owner is added."))
            return redirect("walks:owners")
    owners = FindingOwner.objects.select_related("organisation").order_by("name")
    return render(request, "walks/owner_list.html", {"owners": owners, "form": form})


@require_POST
@capability_required("walks.manage")
def owner_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    owner = get_viewable_or_404(request.user, FindingOwner.objects.all(), pk=pk)
    services.owner_link_revoke(actor=request.user, owner=owner)
    messages.success(
        request, _("Every e-mail link sent to %(owner)s is revoked.") % {"owner": owner.name}
    )
    return redirect("walks:owners")


def _owner_or_404(token: str) -> FindingOwner:
    owner = owner_from_token(token)
    if owner is None:
        raise Http404
    return owner


@never_cache
def owner_link_view(request: HttpRequest, token: str) -> HttpResponse:
    owner = _owner_or_404(token)
    return render(
        request,
        "walks/owner_findings.html",
        {
            **owner_findings_page(request, [owner]),
            "action_form": FindingActionForm(),
            "via_link": True,
            "token": token,
        },
    )


@require_POST
@never_cache
def owner_link_action_view(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    owner = _owner_or_404(token)
    finding = selectors.owner_findings(owner).filter(pk=pk).first()
    if finding is None:
        raise Http404
    apply_action(request, finding, OwnerLink(owner))
    return redirect("walks:owner_link", token)
