"""Template filters of the case pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _parts() -> dict[str, str]:
    return {
        "overview": _("Overview"),
        "persons": _("Persons"),
        "consent": _("Consent"),
        "disclosures": _("Disclosures"),
        "risk": _("Risk"),
        "plan": _("Plan"),
        "notes": _("Notes"),
        "log": _("Read log"),
        "api:detail": _("The case through the API"),
        "list": _("Case list"),
        "api:list": _("Case list through the API"),
        "search:identity_number": _("Search by personal identity number"),
    }


@register.filter
def read_part(reason: str) -> str:
    """The access-log reason of a case read, in words."""
    kind, _sep, detail = reason.partition(":")
    if kind == "identity":
        return _("Identity of person %(n)s") % {"n": detail}
    if kind == "attachment":
        return _("File %(n)s downloaded") % {"n": detail}
    return _parts().get(reason, reason)


@register.filter
def count_or_dash(value: int | None) -> str:
    """A published count, or the mark of a suppressed one."""
    return "–" if value is None else str(value)
