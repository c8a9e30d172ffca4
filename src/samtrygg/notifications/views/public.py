"""Public pages: follow public changes by e-mail (double opt-in), manage, unsubscribe."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from samtrygg.core.forms import apply_validation_error
from samtrygg.notifications import selectors, services
from samtrygg.notifications.common import parse_topics
from samtrygg.notifications.forms import ManageForm, SubscribeForm, topics_from
from samtrygg.notifications.selectors import subscriber_topics


def subscribe_view(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, options=selectors.topic_options())
    if request.method == "POST" and form.is_valid():
        try:
            services.public_subscribe(
                email=form.cleaned_data["email"], topics=topics_from(form.cleaned_data["topics"])
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            # The same answer whether the address was known or not.
            return render(request, "notifications/subscribe_sent.html")
    return render(
        request,
        "notifications/subscribe.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/subscribe_invalid.html", status=404)


def subscribe_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link scanners do not confirm for the visitor); POST confirms."""
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None:
        return _invalid(request)
    topics = request.POST.get("topics") or request.GET.get("topics", "")
    if request.method == "POST":
        try:
            services.public_subscription_confirm(token=token, topics=topics)
        except ValidationError:
            return _invalid(request)
        return render(request, "notifications/subscribe_confirmed.html", {"token": token})
    return render(
        request,
        "notifications/subscribe_confirm.html",
        {"topics": topics, "count": len(parse_topics(topics)) or subscriber.subscriptions.count()},
    )


def subscribe_manage_view(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None or not subscriber.is_confirmed:
        return _invalid(request)
    initial = {"topics": [f"{t}:{i}" for t, i in subscriber_topics(subscriber)]}
    form = ManageForm(request.POST or None, options=selectors.topic_options(), initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.public_subscription_update(
                token=token, topics=topics_from(form.cleaned_data["topics"])
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            saved = True
    return render(
        request,
        "notifications/subscribe_manage.html",
        {"form": form, "token": token, "saved": saved},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # RFC 8058 one-click: mail programs POST here; the secret token authorises
def subscribe_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    if selectors.subscriber_by_token(token) is None:
        return _invalid(request)
    if request.method == "POST":
        services.public_unsubscribe(token=token)
        return render(request, "notifications/subscribe_removed.html")
    return render(request, "notifications/subscribe_unsubscribe.html", {"token": token})
