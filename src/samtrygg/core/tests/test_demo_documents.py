"""Every document of the demo reads as Swedish (issue 15): the lägesbild versions, the
meeting packs and board reports, the safety-walk protocols and the action plan's annual
follow-up, built by the quick demo and read back with ``pdftotext``."""

from __future__ import annotations

import os
import shutil

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from samtrygg.accounts.models import User
from samtrygg.actionplan.models import ActionPlan
from samtrygg.actionplan.pdf import followup_pdf
from samtrygg.governance.models import GeneratedDocument
from samtrygg.situation.models import SituationVersion
from samtrygg.situation.pdf import version_pdf
from samtrygg.testing.language import english_in, pdf_text
from samtrygg.walks.models import SafetyWalk
from samtrygg.walks.pdf import protocol_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _documents() -> dict[str, bytes]:
    docs: dict[str, bytes] = {}
    for version in SituationVersion.objects.all():
        docs[f"lägesbild {version.label}"] = version_pdf(version)
    for doc in GeneratedDocument.objects.all():
        docs[f"{doc.get_kind_display()} {doc.title}"] = bytes(doc.pdf)
    for walk in SafetyWalk.objects.all():
        docs[f"trygghetsvandring {walk.pk}"] = protocol_pdf(walk)
    coordinator = User.objects.get(username="samordnare")
    today = timezone.localdate()
    for plan in ActionPlan.objects.all():
        docs[f"uppföljning {plan.pk}"] = followup_pdf(
            plan=plan, year=today.year, user=coordinator, today=today
        )
    return docs


def test_every_demo_document_reads_as_swedish(settings) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        message = "pdftotext is not installed (apt install poppler-utils)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    settings.DEBUG = True
    # Built and printed while English is active: documents are the municipality's.
    with translation.override("en"):
        call_command("demo", "--quick", stdout=open(os.devnull, "w"))  # noqa: SIM115
        docs = _documents()
    kinds = {name.split()[0] for name in docs}
    assert {"lägesbild", "trygghetsvandring", "uppföljning"} <= kinds, sorted(docs)
    assert len(docs) >= 6, sorted(docs)
    hits = {name: english_in(pdf_text(pdf)) for name, pdf in docs.items()}
    hits = {name: found for name, found in hits.items() if found}
    assert not hits, "English in demo documents:\n" + "\n".join(
        f"{k}: {v}" for k, v in hits.items()
    )
