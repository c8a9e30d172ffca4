"""The e-mail outbox for the notifications administrator: problems, retry, cancel."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.notifications import selectors, services
from samtrygg.notifications.models import DeliveryStatus, EmailDelivery


@capability_required("notifications.admin")
def delivery_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "problems")
    if status == "problems":
        deliveries = selectors.delivery_list(user=request.user).filter(
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN]
        )
    else:
        if status not in DeliveryStatus.values:
            status = ""
        deliveries = selectors.delivery_list(user=request.user, status=status)
    page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
    counts = selectors.delivery_counts(user=request.user)
    return render(
        request,
        "notifications/deliveries.html",
        {
            "page": page,
            "status": status,
            "statuses": [(v, label, counts[v]) for v, label in DeliveryStatus.choices],
            "problems": counts[DeliveryStatus.FAILED] + counts[DeliveryStatus.UNCERTAIN],
        },
    )


@capability_required("notifications.admin")
@require_POST
def delivery_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    delivery = get_viewable_or_404(request.user, EmailDelivery.objects.all(), pk=pk)
    try:
        if action == "retry":
            services.delivery_retry(actor=request.user, delivery=delivery)
            messages.success(request, _("The e-mail is queued to be sent again."))
        else:
            services.delivery_cancel(actor=request.user, delivery=delivery)
            messages.success(request, _("The e-mail is cancelled."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("notifications:deliveries")
