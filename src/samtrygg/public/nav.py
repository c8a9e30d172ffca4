from django.utils.translation import gettext_lazy as _

from samtrygg.core.nav import NavItem

NAV_ITEMS = [
    NavItem(
        label=_("Public picture"),
        url_name="public:picture",
        section="public",
        order=10,
        public=True,
    ),
]
