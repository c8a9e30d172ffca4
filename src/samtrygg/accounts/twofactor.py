"""Who must use a second factor (OTP_REQUIRED_ROLES)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from samtrygg.core.permissions import permissions_for


def second_factor_required(user: Any) -> bool:
    required = set(settings.OTP_REQUIRED_ROLES)
    return bool(required) and bool(permissions_for(user).roles & required)
