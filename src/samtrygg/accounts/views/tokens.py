"""API tokens: each user makes, lists and revokes their own; a coordinator sees and revokes
those of their organisations' members."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samtrygg.accounts import selectors, services
from samtrygg.accounts.forms import ApiTokenForm
from samtrygg.accounts.models import ApiToken
from samtrygg.accounts.twofactor import second_factor_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_changeable_or_404


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


@login_required
@never_cache
def api_token_list_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(
        request.POST or None,
        max_days=settings.API_TOKEN_MAX_DAYS,
        default_days=settings.API_TOKEN_DAYS,
    )
    needs_second_factor = second_factor_required(request.user) and not _verified(request)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, new_key = services.api_token_create(
                actor=request.user,
                name=data["name"],
                can_write=data["can_write"],
                days=data["days"],
                second_factor_verified=_verified(request),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except PermissionDenied:
            form.add_error(None, _("Verify your second factor before making a token."))
        else:
            messages.success(request, _("Token %(name)s made.") % {"name": token.name})
            form = ApiTokenForm(
                max_days=settings.API_TOKEN_MAX_DAYS, default_days=settings.API_TOKEN_DAYS
            )
    tokens = selectors.api_token_list(user=request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "needs_second_factor": needs_second_factor,
            "own_tokens": [t for t in tokens if t.user_id == request.user.pk],
            "other_tokens": [t for t in tokens if t.user_id != request.user.pk],
        },
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_changeable_or_404(request.user, ApiToken.objects.all(), pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
    return redirect("accounts:api_tokens")
