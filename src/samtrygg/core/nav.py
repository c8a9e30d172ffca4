"""Navigation contributed by each app.

An app lists its pages in ``<app>/nav.py`` as ``NAV_ITEMS``; an item is shown only when
the user holds its capability (or, with ``capability=None``, to every member; with
``public=True``, to everyone). Optionally ``home_cards(request)`` returns cards for the
start page: a list of ``HomeCard``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from samtrygg.core.permissions import permissions_for

#: Menu sections in order, with their headings.
SECTIONS: dict[str, Any] = {
    "work": _("Reporting"),
    "analysis": _("Situational picture"),
    "governance": _("Councils and decisions"),
    "plan": _("Action plan"),
    "cases": _("Cases"),
    "admin": _("Administration"),
    "public": _("Public"),
}
_ORDER = list(SECTIONS)


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    capability: str | None = None
    section: str = "work"
    order: int = 100
    public: bool = False
    anonymous_only: bool = False

    def visible_to(self, request: HttpRequest) -> bool:
        user = request.user
        if self.anonymous_only:
            return not user.is_authenticated
        if self.public:
            return True
        perms = permissions_for(user)
        if not perms.roles:
            return False
        return self.capability is None or perms.can(self.capability)


@dataclass(frozen=True)
class HomeCard:
    title: Any
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def _app_modules(name: str) -> tuple[Any, ...]:
    return _modules(name, tuple(settings.SAMTRYGG_APPS))


@lru_cache(maxsize=8)
def _modules(name: str, apps: tuple[str, ...]) -> tuple[Any, ...]:
    """Looked up once: the menu is built on every page, and a failed import (an app without
    the module) searches the file system each time."""
    modules = []
    for app in apps:
        try:
            modules.append(import_module(f"{app}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{name}":
                raise
    return tuple(modules)


@lru_cache(maxsize=512)
def _url(name: str, prefix: str, urlconf: str) -> str:
    """A menu item's address: the menu is built on every page, its addresses never change
    for a URL configuration and script prefix (both in the key)."""
    return reverse(name, urlconf=urlconf)


def nav_items_for(request: HttpRequest) -> list[dict[str, Any]]:
    items: list[NavItem] = []
    for module in _app_modules("nav"):
        items.extend(getattr(module, "NAV_ITEMS", []))
    visible = sorted(
        (i for i in items if i.visible_to(request)),
        key=lambda i: (_ORDER.index(i.section) if i.section in SECTIONS else 99, i.order),
    )
    current = request.path
    result = []
    for item in visible:
        url = _url(item.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        result.append(
            {
                "label": item.label,
                "url": url,
                "section": item.section,
                "active": current == url or (url != "/" and current.startswith(url)),
            }
        )
    return result


def nav_sections_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The visible items grouped into the menu's sections (in ``SECTIONS`` order)."""
    sections: dict[str, dict[str, Any]] = {}
    for item in nav_items_for(request):
        section = sections.setdefault(
            item["section"],
            {
                "key": item["section"],
                "label": SECTIONS.get(item["section"], item["section"]),
                "items": [],
                "active": False,
            },
        )
        section["items"].append(item)
        section["active"] = section["active"] or item["active"]
    return list(sections.values())


def home_cards_for(request: HttpRequest) -> list[HomeCard]:
    cards: list[HomeCard] = []
    for module in _app_modules("nav"):
        builder = getattr(module, "home_cards", None)
        if builder is not None:
            cards.extend(builder(request))
    return sorted(cards, key=lambda c: c.order)


# The core app's own pages (this module is also the registry).
NAV_ITEMS = [
    NavItem(
        label=_("Audit trail"),
        url_name="core:change_log",
        capability="audit.read",
        section="admin",
        order=80,
    ),
    NavItem(
        label=_("Access log"),
        url_name="core:access_log",
        capability="access_log.read",
        section="admin",
        order=90,
    ),
]
