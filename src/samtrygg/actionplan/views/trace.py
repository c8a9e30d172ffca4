"""Decision traceability: one page draws the chain from a decision or an intervention."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.forms import DecisionBasisForm
from samtrygg.actionplan.models import DecisionBasis
from samtrygg.actionplan.views.common import get_intervention, manager
from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.governance.models import Decision
from samtrygg.situation.selectors import version_list


def _get_decision(request: HttpRequest, pk: int) -> Decision:
    return get_viewable_or_404(
        request.user,
        Decision.objects.select_related("meeting__council", "owner_organisation"),
        pk=pk,
    )


@capability_required("actionplan.view")
def trace_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actionplan/trace_list.html",
        {"decisions": selectors.traced_decisions(user=request.user)},
    )


@member_required
def trace_decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    chain = selectors.decision_chain(decision=decision, user=request.user)
    form = None
    if manager(request):
        basis = DecisionBasis.objects.filter(decision=decision).first()
        form = DecisionBasisForm(
            versions=version_list(user=request.user),
            initial={
                "version": basis.version_id if basis else None,
                "note": basis.note if basis else "",
            },
        )
    return render(
        request,
        "actionplan/trace.html",
        {"chain": chain, "decision": decision, "intervention": None, "basis_form": form},
    )


@capability_required("actionplan.manage")
@require_POST
def decision_basis_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    form = DecisionBasisForm(request.POST, versions=version_list(user=request.user))
    if form.is_valid():
        try:
            services.decision_basis_set(
                decision=decision,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The lägesbild the decision rests on is saved."))
            return redirect("actionplan:trace_decision", pk=decision.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("actionplan:trace_decision", pk=decision.pk)


@member_required
def trace_intervention_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention(request, pk)
    chain = selectors.intervention_chain(intervention=intervention, user=request.user)
    return render(
        request,
        "actionplan/trace.html",
        {"chain": chain, "decision": None, "intervention": intervention, "basis_form": None},
    )
