"""Notifications: sending once, the user's choices, the digest's content, one-click stop."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.notifications.models import (
    Channel,
    DeliveryKind,
    EmailDelivery,
    EmailMode,
    EmailSettings,
    KindPreference,
    Notification,
)
from samtrygg.notifications.services import (
    daily_run,
    notification_send,
    outbox_flush,
    preference_set,
)
from samtrygg.notifications.tokens import unsubscribe_token
from samtrygg.testing.matrix import World, login

pytestmark = pytest.mark.django_db

KIND = "governance.decision_assigned"


def _with_email(world: World, actor: str) -> Any:
    user = world.user(actor)
    user.email = f"{actor}@kommun.example"
    user.first_name = actor.capitalize()
    user.save()
    return user


def test_once_per_key_and_recipient(world: World) -> None:
    alice = _with_email(world, "coordinator")
    bob = _with_email(world, "analyst")
    first = notification_send(kind=KIND, recipients=[alice, bob, alice], title="Beslut", key="k1")
    again = notification_send(kind=KIND, recipients=[alice, bob], title="Beslut", key="k1")
    assert [n.recipient for n in first] == [alice, bob]
    assert again == []
    assert Notification.objects.count() == len([alice, bob])


def test_inactive_users_and_unknown_kinds(world: World) -> None:
    user = _with_email(world, "coordinator")
    user.is_active = False
    user.save()
    assert notification_send(kind=KIND, recipients=[user], title="x", key="k") == []
    with pytest.raises(KeyError, match="unknown notification kind"):
        notification_send(kind="nope.nothing", recipients=[user], title="x", key="k")
    with pytest.raises(ValueError, match="path on this site"):
        notification_send(kind=KIND, recipients=[user], title="x", key="k", url="https://evil")


def test_default_is_the_digest_and_no_address_means_no_email(world: World) -> None:
    with_address = _with_email(world, "coordinator")
    without = world.user("analyst")
    (a,) = notification_send(kind=KIND, recipients=[with_address], title="Ett", key="a")
    (b,) = notification_send(kind=KIND, recipients=[without], title="Två", key="b")
    assert a.email_mode == EmailMode.DIGEST
    assert b.email_mode == EmailMode.NONE
    assert not EmailDelivery.objects.exists()


def test_immediate_by_choice_is_sent_once_with_one_click_unsubscribe(world: World) -> None:
    user = _with_email(world, "coordinator")
    preference_set(actor=user, kind=KIND, channel=Channel.IMMEDIATE)
    notification_send(
        kind=KIND,
        recipients=[user],
        title="Beslut tilldelat dig: Belysning i gångtunnlar",
        body="§ 3, Trygghetsrådet",
        url="/governance/decisions/3/",
        key="immediate",
    )
    assert outbox_flush() == {"sent": 1}
    assert outbox_flush() == {}
    (message,) = mail.outbox
    assert message.to == ["coordinator@kommun.example"]
    assert "Belysning i gångtunnlar" in message.subject
    assert "Öppna i Samtrygg: https://testserver/governance/decisions/3/" in message.body
    assert "Du får detta e-postmeddelande direkt" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/notifications/unsubscribe/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get().delivery is not None


def test_the_daily_digest_lists_every_new_notification_once(world: World) -> None:
    user = _with_email(world, "coordinator")
    other = _with_email(world, "police")
    notification_send(
        kind=KIND,
        recipients=[user],
        title="Beslut tilldelat dig: Trygghetsvandringar varje höst",
        body="§ 9, Trygghetsrådet 2025-09-11. Förfaller 2 december 2025.",
        url="/governance/decisions/9/",
        key="one",
    )
    notification_send(
        kind="governance.decision_due",
        recipients=[user, other],
        title="Förfaller 1 december 2025: Rutin för stöd till avhoppare",
        url="/governance/decisions/4/",
        key="two",
    )
    today = timezone.localdate()
    run = daily_run(today=today)
    assert run.summary["digests"] == len([user, other])
    outbox_flush()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"coordinator@kommun.example", "police@kommun.example"}
    digest = by_address["coordinator@kommun.example"]
    assert digest.subject.endswith("2 nya notiser")
    body = digest.body
    assert "Trygghetsvandringar varje höst" in body
    assert "Rutin för stöd till avhoppare" in body
    assert "Förfaller 2 december 2025" in body
    assert "/governance/decisions/9/" in body
    assert "Nya notiser" in body and "Sluta få e-post från Samtrygg" in body
    assert "/notifications/settings/" in body
    assert "/notifications/unsubscribe/" in digest.extra_headers["List-Unsubscribe"]
    assert "Rutin för stöd" in by_address["police@kommun.example"].body
    assert "Trygghetsvandringar" not in by_address["police@kommun.example"].body

    # The same day again, and the next day with nothing new: no e-mail.
    mail.outbox.clear()
    daily_run(today=today)
    daily_run(today=today + dt.timedelta(days=1))
    outbox_flush()
    assert mail.outbox == []
    assert EmailDelivery.objects.filter(kind=DeliveryKind.DIGEST).count() == len(by_address)


def test_in_app_only_and_email_off(world: World) -> None:
    quiet = _with_email(world, "coordinator")
    silent = _with_email(world, "analyst")
    preference_set(actor=quiet, kind=KIND, channel=Channel.IN_APP)
    EmailSettings.objects.create(user=silent, enabled=False)
    notification_send(kind=KIND, recipients=[quiet, silent], title="Beslut", key="k")
    daily_run()
    outbox_flush()
    assert mail.outbox == []
    assert Notification.objects.filter(email_mode=EmailMode.NONE).count() == len([quiet, silent])


def test_unsubscribe_link_stops_one_kind_without_logging_in(world: World) -> None:
    user = _with_email(world, "coordinator")
    notification_send(kind=KIND, recipients=[user], title="Väntar", key="waiting")
    token = unsubscribe_token(user_id=user.pk, kind=KIND)
    url = reverse("notifications:unsubscribe", args=[token])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "Sluta få e-post om" in page.content.decode()
    # RFC 8058: the mail program POSTs without a form or a CSRF token.
    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == HTTPStatus.OK
    assert KindPreference.objects.get(user=user, kind=KIND).channel == Channel.IN_APP
    # What waited for the digest is not e-mailed either; the notification stays in-app.
    assert Notification.objects.get().email_mode == EmailMode.NONE
    daily_run()
    outbox_flush()
    assert mail.outbox == []


def test_unsubscribe_from_all_and_forged_tokens(world: World) -> None:
    user = _with_email(world, "coordinator")
    client = Client()
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id=user.pk)])
    assert client.post(url).status_code == HTTPStatus.OK
    assert EmailSettings.objects.get(user=user).enabled is False
    forged = reverse("notifications:unsubscribe", args=["x" + unsubscribe_token(user_id=user.pk)])
    assert client.get(forged).status_code == HTTPStatus.NOT_FOUND
    assert client.post(forged).status_code == HTTPStatus.NOT_FOUND


def test_inbox_bell_and_opening_marks_read(world: World) -> None:
    user = world.user("coordinator")
    notification_send(
        kind=KIND, recipients=[user], title="Beslut tilldelat dig", url="/governance/", key="a"
    )
    notification_send(kind=KIND, recipients=[user], title="Ett till", key="b")
    client = login(Client(), user)
    home = client.get("/").content.decode()
    assert 'class="bell"' in home and "2 olästa" in home
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "Beslut tilldelat dig" in inbox and "Ett till" in inbox
    n = Notification.objects.get(key="a")
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == "/governance/"
    n.refresh_from_db()
    assert n.read_at is not None
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "bell-count" not in client.get("/").content.decode()


def test_someone_elses_notification_is_not_found(world: World) -> None:
    (n,) = notification_send(kind=KIND, recipients=[world.user("coordinator")], title="x", key="k")
    client = login(Client(), world.user("analyst"))
    assert (
        client.post(reverse("notifications:open", args=[n.pk])).status_code == HTTPStatus.NOT_FOUND
    )
    assert "x" not in [
        i.title for i in Notification.objects.filter(recipient=world.user("analyst"))
    ]


def test_settings_page_saves_choices_per_kind(world: World) -> None:
    user = _with_email(world, "coordinator")
    client = login(Client(), user)
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == HTTPStatus.OK
    assert "Ett rådsbeslut som tilldelats dig" in page.content.decode()
    response = client.post(
        reverse("notifications:settings"),
        {
            "email_enabled": "on",
            f"kind__{KIND}": Channel.IMMEDIATE,
            "kind__governance.decision_due": Channel.IN_APP,
            "topics": ["category:meetings"],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    prefs = dict(KindPreference.objects.filter(user=user).values_list("kind", "channel"))
    assert prefs[KIND] == Channel.IMMEDIATE
    assert prefs["governance.decision_due"] == Channel.IN_APP
    assert user.notification_subscriptions.get().topic_id == "meetings"
    bad = client.post(reverse("notifications:settings"), {f"kind__{KIND}": "loudly"})
    assert bad.status_code == HTTPStatus.BAD_REQUEST
