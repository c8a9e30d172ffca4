"""The public protocol, page and PDF: findings with status and reasons, the approved photos
only, and no personal data — not a private owner's name or address, not who recorded or
acted, not the owners' notes, and no location left in a published photo."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from samtrygg.accounts.models import User
from samtrygg.governance.tests.test_documents import pdf_text
from samtrygg.testing.actors import member
from samtrygg.walks import services
from samtrygg.walks.models import FindingPhoto
from samtrygg.walks.tests import factories
from samtrygg.walks.tests.exif import GPS_IFD, jpeg_with_gps

pytestmark = pytest.mark.django_db

PERSONAL = (
    "Karl Karlsson",
    "karl.karlsson@example.org",
    "Anna Andersson",
    "Samordnare Svensson",
    "actor-coordinator",
    "Kalle ringde",
)


@pytest.fixture
def published() -> dict[str, Any]:
    coordinator = member("coordinator")
    User.objects.filter(pk=coordinator.pk).update(first_name="Samordnare", last_name="Svensson")
    walk = factories.walk(coordinator)
    private = factories.owner(
        coordinator, None, name="Karl Karlsson", email="karl.karlsson@example.org"
    )
    declined = factories.finding(
        coordinator, walk, private, category="design", cause="Mörk passage"
    )
    services.finding_status_change(
        actor=coordinator,
        finding=declined,
        status="declined",
        declined_reason="Passagen stängs permanent i vår.",
    )
    accepted = factories.finding(coordinator, walk, private, cause="Trasig lampa på gården")
    services.finding_status_change(
        actor=coordinator, finding=accepted, status="accepted", note="Kalle ringde och lovade"
    )
    shown = services.finding_photo_add(actor=coordinator, finding=accepted, content=jpeg_with_gps())
    hidden = services.finding_photo_add(
        actor=coordinator, finding=declined, content=factories.png_bytes()
    )
    services.finding_photo_approve(actor=coordinator, photo=shown, public=True)
    services.walk_protocol_publish(actor=coordinator, walk=walk)
    return {"walk": walk, "shown": shown, "hidden": hidden}


def test_the_page_shows_findings_and_reasons_but_no_person(published: dict[str, Any]) -> None:
    walk = published["walk"]
    page = Client().get(f"/trygghetsvandringar/{walk.pk}/protokoll/").content.decode()
    assert "Passagen stängs permanent i vår." in page
    assert "Avböjd" in page and "Accepterad" in page
    assert "Privat fastighetsägare" in page
    for text in PERSONAL:
        assert text not in page
    assert f"/protokoll/foto/{published['shown'].pk}/" in page
    assert f"/foto/{published['hidden'].pk}/" not in page
    client = Client()
    assert (
        client.get(f"/trygghetsvandringar/protokoll/foto/{published['shown'].pk}/").status_code
        == 200
    )
    assert (
        client.get(f"/trygghetsvandringar/protokoll/foto/{published['hidden'].pk}/").status_code
        == 404
    )


def test_the_pdf_text_has_no_personal_data(published: dict[str, Any]) -> None:
    walk = published["walk"]
    response = Client().get(f"/trygghetsvandringar/{walk.pk}/protokoll.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Trygghetsvandring" in text and "Passagen stängs permanent i vår." in text
    assert "Mörk passage" in text and "Privat fastighetsägare" in text
    for personal in PERSONAL:
        assert personal not in text


def test_a_stored_photo_keeps_no_position_or_camera(published: dict[str, Any]) -> None:
    photo = FindingPhoto.objects.get(pk=published["shown"].pk)
    image = Image.open(io.BytesIO(bytes(photo.image)))
    assert max(image.size) <= 1600 and image.format == "JPEG"
    exif = image.getexif()
    assert not exif and not exif.get_ifd(GPS_IFD)
    assert b"Anna Andersson" not in bytes(photo.image) and b"Phonemaker" not in bytes(photo.image)


def test_an_unpublished_protocol_is_not_found() -> None:
    walk = factories.walk(member("coordinator"))
    assert Client().get(f"/trygghetsvandringar/{walk.pk}/protokoll/").status_code == 404
    assert Client().get(f"/trygghetsvandringar/{walk.pk}/protokoll.pdf").status_code == 404
