"""The law-compliance tracker and the coordination-function record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samtrygg.actionplan import selectors, services
from samtrygg.actionplan.forms import CoordinationForm
from samtrygg.actionplan.models import CoordinationFunction
from samtrygg.actionplan.rules import can_view_tracker
from samtrygg.actionplan.views.common import manager, perms, require, status_for
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error


@login_required
def tracker_view(request: HttpRequest) -> HttpResponse:
    require(can_view_tracker(perms(request)))
    status = selectors.compliance_status()
    return render(
        request,
        "actionplan/tracker.html",
        {"status": status, "can_manage": manager(request)},
    )


@capability_required("actionplan.manage")
def coordination_update_view(request: HttpRequest) -> HttpResponse:
    record = CoordinationFunction.objects.first()
    initial = {}
    if record is not None:
        initial = {
            "organisation": record.organisation,
            "unit": record.unit,
            "contact_title": record.contact_title,
            "contact_name": record.contact_name,
            "email": record.email,
            "phone": record.phone,
            "web_address": record.web_address,
            "postal_address": record.postal_address,
            "executive_board": record.executive_board,
        }
    form = CoordinationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.coordination_function_save(**form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("actionplan:tracker")
    return render(
        request, "actionplan/coordination_form.html", {"form": form}, status=status_for(form)
    )
