"""The safety walks section of a partner's page (``partners.page_sections``): the walks the
partner took part in and their findings. Registered at start-up; partners never imports
walks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from samtrygg.partners.models import Partner
from samtrygg.partners.page_sections import PartnerSection, register_partner_section
from samtrygg.walks.selectors import partner_walks

#: The query parameter of the section's page (the partner's page has other sections).
PAGE_PARAM = "walks_page"


def walks_section(user: Any, partner: Partner, params: Mapping[str, str]) -> PartnerSection | None:
    walks = partner_walks(user=user, partner=partner, page=params.get(PAGE_PARAM))
    if walks is None:
        return None
    return PartnerSection(
        code="walks",
        title=_("Safety walks it took part in"),
        template="walks/_partner_walks.html",
        context={"walks": walks, "page_param": PAGE_PARAM},
        # the findings' status badges, as on the walks pages
        stylesheets=("walks/walks.css",),
    )


register_partner_section("walks", walks_section)
