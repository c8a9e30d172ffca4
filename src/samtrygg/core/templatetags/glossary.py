"""``{% term "gi" %}``: a statistic's name with its one-sentence meaning on hover (and on
focus, as a link to the glossary page), from ``samtrygg.core.glossary``."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from samtrygg.core.glossary import BY_KEY

register = template.Library()


@register.simple_tag
def term(key: str, label: str = "") -> SafeString:
    entry = BY_KEY[key]
    return format_html(
        '<a class="term" href="{}#term-{}" title="{}">{}</a>',
        reverse("core:glossary"),
        entry.key,
        entry.meaning,
        label or entry.name,
    )
