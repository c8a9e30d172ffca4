"""One's own account: log-in with password and optional TOTP second factor, enrolment,
log-out, password change and the profile page."""

from __future__ import annotations

import base64
import time
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.accounts import selectors, services
from samtrygg.accounts.forms import TokenForm
from samtrygg.accounts.twofactor import second_factor_required

PENDING_USER = "samtrygg_pending_user"
PENDING_BACKEND = "samtrygg_pending_backend"
PENDING_SINCE = "samtrygg_pending_since"
PENDING_NEXT = "samtrygg_pending_next"
PENDING_SECONDS = 300


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next")
    if request.user.is_authenticated:
        return redirect(_safe_next(request, next_url))
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_BACKEND] = user.backend
            request.session[PENDING_SINCE] = time.time()
            request.session[PENDING_NEXT] = _safe_next(request, next_url)
            return redirect("accounts:verify")
        login(request, user)
        return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url or ""})


def verify_view(request: HttpRequest) -> HttpResponse:
    """Second step of log-in: the TOTP code for a user whose password was accepted."""
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if not user_id or time.time() - since > PENDING_SECONDS:
        for key in (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT):
            request.session.pop(key, None)
        messages.info(request, _("Log in with your password first."))
        return redirect("accounts:login")
    user = get_user_model().objects.get(pk=user_id)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            verified, _reason = device.verify_is_allowed()
            if verified and device.verify_token(token):
                next_url = request.session.get(PENDING_NEXT) or reverse("core:home")
                backend = request.session.get(PENDING_BACKEND)
                for key in (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT):
                    request.session.pop(key, None)
                login(request, user, backend=backend)
                otp_login(request, device)
                return redirect(next_url)
        form.add_error("token", _("The code is wrong or has expired. Try the next code."))
    return render(request, "accounts/verify.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have been logged out."))
    return redirect("core:home")


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@login_required
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP authenticator (or see that one is enrolled, and remove it)."""
    user: Any = request.user
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    required = second_factor_required(user)
    if confirmed is not None:
        form = TokenForm(request.POST or None) if not user.is_verified() else None
        if form is not None and request.method == "POST" and form.is_valid():
            allowed, _reason = confirmed.verify_is_allowed()
            if allowed and confirmed.verify_token(form.cleaned_data["token"]):
                otp_login(request, confirmed)
                return redirect("core:home")
            form.add_error("token", _("The code is wrong or has expired. Try the next code."))
        return render(
            request,
            "accounts/two_factor.html",
            {"device": confirmed, "required": required, "form": form},
        )
    device = services.totp_device_enrol(actor=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            actor=user, device=device, token=form.cleaned_data["token"]
        ):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect("accounts:two_factor")
        form.add_error("token", _("The code does not match. Check the clock on your phone."))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": required,
        },
    )


@login_required
@require_POST
def two_factor_remove_view(request: HttpRequest) -> HttpResponse:
    try:
        services.totp_device_remove(actor=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("accounts:two_factor")
    messages.success(request, _("Two-factor authentication is now off."))
    return redirect("accounts:two_factor")


class PasswordChange(PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return response


def locked_out_view(
    request: HttpRequest, credentials: object = None, *args: object
) -> HttpResponse:
    return render(request, "accounts/locked_out.html", status=429)


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": selectors.membership_list(
                user=request.user,
                of_user=request.user,  # type: ignore[arg-type]
            ),
            "has_totp": TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists(),
        },
    )
