"""Pages: the inbox, the user's e-mail choices, one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.notifications import registry, selectors, services
from samtrygg.notifications.forms import SettingsForm, topics_from
from samtrygg.notifications.models import Notification
from samtrygg.notifications.tokens import read_unsubscribe_token


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    items = selectors.notification_list(user=request.user, unread_only=unread_only)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
@require_POST
def open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about."""
    notification = get_viewable_or_404(request.user, Notification.objects.all(), pk=pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all_view(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    kinds = selectors.preferences(user=request.user)
    options = selectors.topic_options()
    initial = {
        "email_enabled": selectors.email_enabled(user=request.user),
        "topics": [f"{t}:{i}" for t, i in selectors.user_topics(user=request.user)],
    }
    form = SettingsForm(request.POST or None, kinds=kinds, options=options, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_enabled_set(
                actor=request.user, enabled=form.cleaned_data["email_enabled"]
            )
            for kind, channel in form.kind_values().items():
                services.preference_set(actor=request.user, kind=kind, channel=channel)
            services.user_subscriptions_set(
                actor=request.user, topics=topics_from(form.cleaned_data["topics"])
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "has_email": bool((getattr(request.user, "email", "") or "").strip())},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the token authorises
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    kind_code = parsed[1]
    kind_label = ""
    if kind_code:
        try:
            kind_label = registry.kind(kind_code).label
        except KeyError:
            kind_label = ""
    if request.method == "POST":
        result = services.unsubscribe_by_token(token=token)
        if result is None:
            return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
        return render(
            request, "notifications/unsubscribe.html", {"done": True, "kind_label": kind_label}
        )
    return render(request, "notifications/unsubscribe.html", {"kind_label": kind_label})
