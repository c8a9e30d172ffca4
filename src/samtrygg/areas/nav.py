from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem

NAV_ITEMS = [
    NavItem(
        label=_("Areas"),
        url_name="areas:area_list",
        capability="areas.view",
        section="analysis",
        order=60,
    ),
    NavItem(
        label=_("Places"),
        url_name="areas:place_list",
        capability="areas.view",
        section="analysis",
        order=65,
    ),
]
