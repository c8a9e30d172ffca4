"""The words beside the figures: every term's sentence on hover where it is used and on the
glossary page, in Swedish."""

from __future__ import annotations

import html
import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from samtrygg.core.glossary import TERMS

pytestmark = pytest.mark.django_db

REQUIRED = {"gi", "knox", "pai", "pei", "wdq", "wdd", "rate_ratio", "p_value", "significant"}


def test_the_glossary_page_explains_every_term_in_swedish(client: Client) -> None:
    page = client.get(reverse("core:glossary"))
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert {t.key for t in TERMS} >= REQUIRED
    for term in TERMS:
        assert f'id="term-{term.key}"' in text
    assert "Ordlista för siffrorna" in text
    assert "p-värdet är hur troligt" in text and "Signifikant betyder större än slumpen" in text


def test_a_term_carries_its_sentence_on_hover() -> None:
    out = Template('{% load glossary %}{% term "pai" %} {% term "p_value" "p" %}').render(Context())
    links = re.findall(r'<a class="term" href="([^"]+)" title="([^"]+)">([^<]+)</a>', out)
    assert [(h.split("#")[1], label) for h, _t, label in links] == [
        ("term-pai", "PAI"),
        ("term-p_value", "p"),
    ]
    assert all(t.endswith(".") for _h, t, _l in links)
