from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem

NAV_ITEMS = [
    NavItem(
        label=_("Organisations"),
        url_name="accounts:organisation_list",
        capability="accounts.manage",
        section="admin",
        order=10,
    ),
    NavItem(
        label=_("Users"),
        url_name="accounts:user_list",
        capability="accounts.manage",
        section="admin",
        order=20,
    ),
]
