"""The coordinator manages organisations, users and memberships in the web interface."""

from __future__ import annotations

from django.urls import reverse

from samtrygg.accounts.models import Membership, Organisation, User
from samtrygg.testing.matrix import World


def test_create_organisation(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    response = client.post(
        reverse("accounts:organisation_list"),
        {
            "name": "Nattvandrarna",
            "code": "nattvandrarna",
            "kind": "association",
            "parent": "",
            "contact_email": "",
        },
    )
    org = Organisation.objects.get(code="nattvandrarna")
    assert response["Location"] == reverse("accounts:organisation_detail", args=[org.pk])


def test_organisation_form_names_the_bad_field(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    response = client.post(
        reverse("accounts:organisation_list"),
        {"name": "Dublett", "code": "slk-test", "kind": "association"},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    response = client.post(
        reverse("accounts:organisation_list"),
        {"name": "Fel kod", "code": "Fel Kod!", "kind": "association"},
    )
    assert "code" in response.context["form"].errors
    assert not Organisation.objects.filter(name__in=["Dublett", "Fel kod"]).exists()


def test_organisation_cannot_be_its_own_ancestor(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    parent = world.organisations["municipality"]
    child = world.organisations["housing"]
    child.parent = parent
    child.save()
    response = client_for("coordinator").post(
        reverse("accounts:organisation_detail", args=[parent.pk]),
        {"name": parent.name, "kind": parent.kind, "parent": child.pk, "is_active": "on"},
    )
    assert response.status_code == 200
    parent.refresh_from_db()
    assert parent.parent is None


def test_create_user_with_membership(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "ny-analytiker",
            "title": "Analytiker",
            "password": "ett-långt-och-säkert-lösen",
            "organisation": world.organisations["municipality"].pk,
            "role": "analyst",
        },
    )
    user = User.objects.get(username="ny-analytiker")
    assert response.status_code == 302
    assert user.check_password("ett-långt-och-säkert-lösen")
    assert user.permissions.roles == {"analyst"}


def test_create_user_with_weak_password_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(
        reverse("accounts:user_create"),
        {
            "username": "svag",
            "password": "password",
            "organisation": world.organisations["municipality"].pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="svag").exists()


def test_add_and_remove_membership(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    reporter = world.user("reporter")
    client.post(
        reverse("accounts:membership_add", args=[reporter.pk]),
        {"organisation": world.organisations["municipality"].pk, "role": "analyst"},
    )
    membership = Membership.objects.get(user=reporter, role="analyst")
    client.post(reverse("accounts:membership_remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_police_data_only_for_analysts(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    reporter = world.user("reporter")
    client_for("coordinator").post(
        reverse("accounts:membership_add", args=[reporter.pk]),
        {
            "organisation": world.organisations["housing"].pk,
            "role": "reporter",
            "police_data": "on",
        },
    )
    assert not Membership.objects.filter(user=reporter, police_data=True).exists()


def test_deactivate_user(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    reporter = world.user("reporter")
    client_for("coordinator").post(
        reverse("accounts:user_detail", args=[reporter.pk]), {"title": "x", "is_active": ""}
    )
    reporter.refresh_from_db()
    assert not reporter.is_active
    assert reporter.permissions.roles == frozenset()


def test_organisations_api_lists_only_own_organisations(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    codes = {
        o["code"] for o in client_for("reporter").get("/api/v1/organisations/").json()["results"]
    }
    assert codes == {"bostad-test"}
    codes = {
        o["code"] for o in client_for("coordinator").get("/api/v1/organisations/").json()["results"]
    }
    assert {"bostad-test", "outsider-test", "lpo-test"} <= codes
    me = client_for("police").get("/api/v1/me/").json()
    assert me["roles"] == ["police"] and me["organisations"] == ["lpo-test"]
