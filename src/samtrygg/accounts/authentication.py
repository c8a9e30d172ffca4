"""The API's token authentication: ``Authorization: Token <key>`` with our own tokens.

Refused with 401 (the client must get a new token): an unknown, expired or revoked key,
an inactive user, and a token made without the second factor by a user whose role now
requires one. A read-only token gets 403 on anything but a read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from samtrygg.accounts.models import KEY_PREFIX, ApiToken, hash_key
from samtrygg.accounts.twofactor import second_factor_required

# Writing "last used" on every request would make each API read a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        keyword, _space, rest = authentication.get_authorization_header(request).partition(b" ")
        if keyword.lower() != self.keyword.lower().encode():
            return None
        rest = rest.strip()
        if not rest or b" " in rest:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = rest.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = self._active_token(key)
        if token.with_second_factor is False and second_factor_required(token.user):
            raise exceptions.AuthenticationFailed(
                _("This token was made without the second factor your role requires.")
            )
        if not token.can_write and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This token can only read."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def _active_token(self, key: str) -> ApiToken:
        if not key.startswith(KEY_PREFIX):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        return token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
    """How the OpenAPI document names the token credential."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token st_… (made on My account → API tokens)",
        }
