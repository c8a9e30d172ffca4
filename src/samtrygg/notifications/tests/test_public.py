"""Public visitors following public changes: double opt-in, digests of what they follow,
the address used only for sending and deleted on unsubscribe or after a year."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.notifications.models import EmailDelivery, PublicSubscriber
from samtrygg.notifications.services import (
    daily_run,
    outbox_flush,
    public_change_record,
    subscriber_cleanup,
)

pytestmark = pytest.mark.django_db

ADDRESS = "invanare.backby@example.org"


def _links(body: object) -> list[str]:
    return re.findall(r"https?://\S+", str(body))


def _subscribe(client: Client, topics: list[str]) -> str:
    response = client.post(
        reverse("notifications:subscribe"), {"email": ADDRESS.upper(), "topics": topics}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Titta i din e-post" in response.content.decode()
    outbox_flush()
    (message,) = mail.outbox
    mail.outbox.clear()
    assert message.to == [ADDRESS]
    assert "Rådens sammanträden och offentliga protokoll" in message.body
    (link,) = [u for u in _links(message.body) if "/subscribe/confirm/" in u]
    return link.split("testserver", 1)[1]


def test_nothing_is_sent_before_the_address_is_confirmed() -> None:
    client = Client()
    confirm = _subscribe(client, ["category:meetings"])
    public_change_record(
        category="meetings", title="Trygghetsrådet sammanträder", url="/governance/public/", key="a"
    )
    daily_run()
    outbox_flush()
    assert mail.outbox == []

    # A GET (a link scanner) does not confirm; the button does.
    assert client.get(confirm).status_code == HTTPStatus.OK
    assert not PublicSubscriber.objects.get().is_confirmed
    path, _sep, query = confirm.partition("?")
    response = client.post(path, {"topics": query.removeprefix("topics=")})
    assert "Prenumerationen är bekräftad" in response.content.decode()
    assert PublicSubscriber.objects.get().is_confirmed


def test_a_confirmed_subscriber_gets_a_digest_of_what_they_follow_only() -> None:
    client = Client()
    confirm = _subscribe(client, ["category:meetings", "category:situation"])
    path, _sep, query = confirm.partition("?")
    client.post(path, {"topics": query.removeprefix("topics=")})
    later = timezone.now() + dt.timedelta(minutes=1)
    public_change_record(
        category="meetings",
        title="Protokoll från Trygghetsrådet, 11 september 2025",
        url="/governance/public/meetings/4/",
        key="minutes:4",
        at=later,
    )
    public_change_record(
        category="meetings",
        title="Värna Västerås sammanträder 14 oktober 2025 17:30",
        url="/governance/public/meetings/9/",
        key="meeting:9",
        at=later,
    )
    daily_run(now=later + dt.timedelta(minutes=1))
    outbox_flush()
    (digest,) = mail.outbox
    assert digest.to == [ADDRESS]
    assert "Protokoll från Trygghetsrådet, 11 september 2025" in digest.body
    assert "https://testserver/governance/public/meetings/4/" in digest.body
    assert "Värna Västerås sammanträder" in digest.body
    stop = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/subscribe/stop/" in stop
    # The next day: nothing new, nothing sent.
    mail.outbox.clear()
    daily_run(today=timezone.localdate() + dt.timedelta(days=1))
    outbox_flush()
    assert mail.outbox == []

    # One-click stop (RFC 8058): a POST without a form deletes the address everywhere.
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(stop.split("testserver", 1)[1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == HTTPStatus.OK
    assert not PublicSubscriber.objects.exists()
    assert not EmailDelivery.objects.filter(address__iexact=ADDRESS).exists()
    assert ADDRESS not in _database_text()


def _database_text() -> str:
    """Every text column of the notification tables (where an address could hide)."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("notifications_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_the_manage_page_never_shows_the_address() -> None:
    client = Client()
    confirm = _subscribe(client, ["category:meetings"])
    path, _sep, query = confirm.partition("?")
    client.post(path, {"topics": query.removeprefix("topics=")})
    token = PublicSubscriber.objects.get().token
    page = client.get(reverse("notifications:subscribe_manage", args=[token])).content.decode()
    assert ADDRESS not in page and "invanare" not in page
    response = client.post(
        reverse("notifications:subscribe_manage", args=[token]), {"topics": ["category:situation"]}
    )
    assert "Dina val är sparade" in response.content.decode()
    assert [s.topic_id for s in PublicSubscriber.objects.get().subscriptions.all()] == ["situation"]
    bad = client.post(reverse("notifications:subscribe_manage", args=[token]), {"topics": ["x:y"]})
    assert bad.status_code == HTTPStatus.BAD_REQUEST


def test_bad_input_is_refused_with_a_clear_message() -> None:
    client = Client()
    response = client.post(
        reverse("notifications:subscribe"), {"email": "inte en adress", "topics": []}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    text = response.content.decode()
    assert "Ange en giltig mejladress" in text
    assert not PublicSubscriber.objects.exists()
    unknown = client.get(reverse("notifications:subscribe_manage", args=["nope"]))
    assert unknown.status_code == HTTPStatus.NOT_FOUND


def test_unconfirmed_addresses_go_after_a_week_confirmed_after_a_year() -> None:
    now = timezone.now()
    PublicSubscriber.objects.create(email="gammal@example.org", created_at=now - dt.timedelta(8))
    PublicSubscriber.objects.create(email="ny@example.org", created_at=now - dt.timedelta(2))
    PublicSubscriber.objects.create(
        email="trogen@example.org",
        created_at=now - dt.timedelta(400),
        confirmed_at=now - dt.timedelta(400),
        reconfirmed_at=now - dt.timedelta(366),
    )
    renew = PublicSubscriber.objects.create(
        email="snart@example.org",
        created_at=now - dt.timedelta(340),
        confirmed_at=now - dt.timedelta(340),
        reconfirmed_at=now - dt.timedelta(340),
    )
    counts = subscriber_cleanup(now=now)
    assert counts == {"deleted": 2, "renewal_asked": 1}
    assert set(PublicSubscriber.objects.values_list("email", flat=True)) == {
        "ny@example.org",
        "snart@example.org",
    }
    outbox_flush()
    (message,) = mail.outbox
    assert message.to == ["snart@example.org"]
    assert "raderas din adress den" in message.body
    # Asked once only.
    assert subscriber_cleanup(now=now) == {"deleted": 0, "renewal_asked": 0}
    renew.refresh_from_db()
    assert renew.reminder_sent_at is not None
