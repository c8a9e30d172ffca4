"""The one permission resolver: every "may this user see/change this" question.

Apps contribute their rules at start-up (in ``<app>/rules.py``, imported by the app's
``ready()``):

* ``register_capability("incidents.report", roles={...})`` — a global capability held
  by members with one of the roles;
* ``register_object_rules(Model, view=..., change=..., queryset=...)`` — per-object rules
  as functions of ``(perms, obj)``, and a queryset filter ``(perms, qs) -> qs`` used by
  selectors so that lists never leak.

Views reach the resolver as ``request.user.permissions`` (``permissions_for(user)`` for
anonymous users). Superusers get no bypass here: the web interface answers to roles only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from samtrygg.core.roles import ALL_ROLES, Role

M = TypeVar("M", bound=models.Model)

#: The acting user a service is given: ``request.user`` (possibly anonymous, refused by every
#: check), or a ``User``. Services pass it to ``require_*`` before they write.
Actor = Any

ObjectRule = Callable[["Permissions", Any], bool]
QuerysetRule = Callable[["Permissions", models.QuerySet], models.QuerySet]

_capabilities: dict[str, frozenset[Role]] = {}
_object_rules: dict[type[models.Model], dict[str, Any]] = {}
#: How to read a user's grants; registered by the app that stores memberships (accounts),
#: so that core, below it in the layers, never imports it.
_grant_providers: list[Callable[[Any], Iterable[Grant]]] = []


def register_capability(name: str, *, roles: Iterable[Role]) -> None:
    held = frozenset(roles)
    unknown = held - ALL_ROLES
    if unknown:
        raise ValueError(f"capability {name!r}: unknown roles {sorted(unknown)}")
    _capabilities[name] = frozenset(Role(r) for r in held)


def register_object_rules(
    model: type[models.Model],
    *,
    view: ObjectRule,
    change: ObjectRule | None = None,
    queryset: QuerysetRule | None = None,
) -> None:
    _object_rules[model] = {"view": view, "change": change, "queryset": queryset}


def capability_roles(name: str) -> frozenset[Role]:
    try:
        return _capabilities[name]
    except KeyError:
        raise KeyError(f"unknown capability {name!r}") from None


def registered_capabilities() -> dict[str, frozenset[Role]]:
    return dict(_capabilities)


@dataclass(frozen=True)
class Grant:
    organisation_id: int
    role: Role
    police_data: bool


def register_grant_provider(provider: Callable[[Any], Iterable[Grant]]) -> None:
    """Tell the resolver where grants come from: ``provider(user)`` yields the grants of an
    authenticated, active user. One provider (the last registered) is used."""
    _grant_providers[:] = [provider]


class Permissions:
    """What one user may do. Cheap to build; cached per request on the user object."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def grants(self) -> tuple[Grant, ...]:
        user = self.user
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return ()
        if not _grant_providers:
            raise RuntimeError("no grant provider registered (is samtrygg.accounts installed?)")
        return tuple(_grant_providers[0](user))

    @property
    def is_authenticated(self) -> bool:
        return bool(self.grants) or bool(getattr(self.user, "is_authenticated", False))

    @cached_property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def organisation_ids(self, *roles: Role) -> frozenset[int]:
        """Organisations where the user holds any of ``roles`` (any role when none given)."""
        return frozenset(g.organisation_id for g in self.grants if not roles or g.role in roles)

    @property
    def police_data(self) -> bool:
        """May read police-only (restricted) incident data: police, and analysts granted it."""
        return any(
            g.role == Role.POLICE or (g.role == Role.ANALYST and g.police_data) for g in self.grants
        )

    def can(self, capability: str) -> bool:
        return bool(self.roles & capability_roles(capability))

    def require(self, capability: str) -> None:
        if not self.can(capability):
            raise PermissionDenied(capability)

    def _rules(self, obj_or_model: Any) -> dict[str, Any]:
        model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
        for klass in model.__mro__:
            if klass in _object_rules:
                return _object_rules[klass]
        raise KeyError(f"no permission rules registered for {model.__name__}")

    def can_view(self, obj: models.Model) -> bool:
        return bool(self._rules(obj)["view"](self, obj))

    def can_change(self, obj: models.Model) -> bool:
        rule = self._rules(obj)["change"]
        return bool(rule(self, obj)) if rule is not None else False

    def filter_viewable(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        rules = self._rules(queryset.model)
        if rules["queryset"] is None:
            raise KeyError(f"no queryset rule registered for {queryset.model.__name__}")
        return rules["queryset"](self, queryset)


def permissions_for(user: Any) -> Permissions:
    """The resolver for any user object, including ``AnonymousUser``."""
    cached = getattr(user, "_samtrygg_permissions", None)
    if cached is None:
        cached = Permissions(user)
        with contextlib.suppress(AttributeError):  # exotic user objects
            user._samtrygg_permissions = cached
    return cached


def get_viewable_or_404(user: Any, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """``_get_<obj>_for_user``: the object if the user may see it, else 404 (never 403)."""
    perms = permissions_for(user)
    try:
        obj = perms.filter_viewable(queryset).get(**lookup)
    except queryset.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None
    return obj


def get_changeable_or_404(user: Any, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """``_get_rw_<obj>_for_user``: 404 when the user cannot see it, 403 when read-only."""
    obj = get_viewable_or_404(user, queryset, **lookup)
    if not permissions_for(user).can_change(obj):
        raise PermissionDenied
    return obj


# --- Services check permission themselves -------------------------------------------------
# Every public service that writes takes the acting user as ``actor`` and asks the resolver
# through one of these before it changes anything (docs/architecture.md). Views may ask too,
# to decide what to show, but the service's check is the one that holds.


def require_signed_in(actor: Actor) -> Permissions:
    """Refuse unless ``actor`` is a signed-in, active user (for what anyone does to their
    own account, such as enrolling a second factor)."""
    perms = permissions_for(actor)
    if not (getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False)):
        raise PermissionDenied("signed in")
    return perms


def require_capability(actor: Actor, capability: str) -> Permissions:
    """Refuse (``PermissionDenied``) unless ``actor`` holds ``capability``."""
    perms = permissions_for(actor)
    perms.require(capability)
    return perms


def require_view(actor: Actor, obj: models.Model) -> Permissions:
    """Refuse unless ``actor`` may see ``obj``."""
    perms = permissions_for(actor)
    if not perms.can_view(obj):
        raise PermissionDenied(f"view {type(obj).__name__}")
    return perms


def require_change(actor: Actor, obj: models.Model) -> Permissions:
    """Refuse unless ``actor`` may change ``obj``."""
    perms = permissions_for(actor)
    if not perms.can_change(obj):
        raise PermissionDenied(f"change {type(obj).__name__}")
    return perms


F = TypeVar("F", bound=Callable[..., Any])


def system_service(reason: str) -> Callable[[F], F]:
    """Mark a writing service that runs without a user (a scheduled task, a migration of
    data, the demo builder), and say why. The architecture test accepts such a service
    without ``actor``; nothing reaches it from a view or the API."""

    def mark(func: F) -> F:
        func.__samtrygg_system_service__ = reason  # type: ignore[attr-defined]
        return func

    return mark
