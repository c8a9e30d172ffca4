"""The safety walks section of a partner's page (``partners.page_sections``): the walks the
partner took part in and their findings. Registered at start-up; partners never imports
walks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samtrygg.partners.models import Partner
from samtrygg.partners.page_sections import PartnerSection, register_partner_section
from samtrygg.walks.selectors import partner_walks


def walks_section(user: Any, partner: Partner) -> PartnerSection | None:
    walks = partner_walks(user=user, partner=partner)
    if walks is None:
        return None
    return PartnerSection(
        code="walks",
        title=_("Safety walks it took part in"),
        template="walks/_partner_walks.html",
        context={"walks": walks},
    )


register_partner_section("walks", walks_section)
