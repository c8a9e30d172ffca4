"""Navigation: the inbox and e-mail choices (every logged-in user, through the bell and
the start page), the e-mail outbox (coordinators), following public news (everyone)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem

NAV_ITEMS = [
    NavItem(label=_("My notifications"), url_name="notifications:inbox", section="work", order=90),
    NavItem(
        label=_("Sent e-mail"),
        url_name="notifications:deliveries",
        capability="notifications.admin",
        section="admin",
        order=70,
    ),
    NavItem(
        label=_("Follow by e-mail"),
        url_name="notifications:subscribe",
        section="public",
        order=90,
        public=True,
    ),
]
