"""Sections that apps above partners add to a partner's page.

An app higher in the layers (safety walks: the findings of the walks a partner took part
in) registers a provider at start-up; partners never imports that app. When a partner's page
is rendered, every provider is asked for its section for the viewing user and the partner;
the page prints each section's heading and includes the section's own template.

A provider is given the page's query parameters too (a section may come in pages of its
own, under a parameter of its own). It decides itself, through the permission resolver,
whether the user may see what it contributes, and returns ``None`` when the user may not (or
there is nothing to say).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from samtrygg.partners.models import Partner


@dataclass(frozen=True)
class PartnerSection:
    """A section of a partner's page: its heading, an id for the page's anchors, the
    template (of the contributing app) that renders the body with ``context``, and the
    contributing app's stylesheets (static paths) that the template's classes need."""

    code: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    stylesheets: tuple[str, ...] = ()


#: ``(user, partner, the page's query parameters)`` → the section, or ``None``.
Provider = Callable[[Any, Partner, Mapping[str, str]], PartnerSection | None]

_providers: dict[str, Provider] = {}


def register_partner_section(code: str, provider: Provider) -> None:
    _providers[code] = provider


def partner_sections(
    *, user: Any, partner: Partner, params: Mapping[str, str] | None = None
) -> list[PartnerSection]:
    """Every registered provider's section for ``user`` on ``partner``'s page, by code."""
    params = params if params is not None else {}
    sections = [_providers[code](user, partner, params) for code in sorted(_providers)]
    return [s for s in sections if s is not None]
