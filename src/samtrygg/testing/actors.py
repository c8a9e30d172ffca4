"""Acting users for tests that call services directly.

Services check that their ``actor`` may act (docs/architecture.md §5), so a test that sets
up data through services acts as someone: ``member("coordinator")`` is a user holding that
role in a test organisation (the police role in a police organisation), created on first
use in the test's database and reused after. Tests about who may do what use the ``world``
fixture's actors instead, and the pages.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

from samtrygg.accounts import demo as accounts_demo
from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.core.demo_support import DemoContext
from samtrygg.core.roles import Role


def member(role: Role | str, *, police_data: bool = False) -> Any:
    role = Role(role)
    police = role == Role.POLICE
    organisation, _created = Organisation.objects.get_or_create(
        code="actors-police" if police else "actors-municipality",
        defaults={
            "name": "Polisen (test)" if police else "Kommunen (test)",
            "kind": OrganisationKind.POLICE if police else OrganisationKind.MUNICIPAL_OFFICE,
        },
    )
    suffix = "-police-data" if police_data else ""
    user, created = User.objects.get_or_create(
        username=f"actor-{role.value}{suffix}", defaults={"title": str(role.label)}
    )
    if created:
        Membership.objects.create(
            user=user, organisation=organisation, role=role, police_data=police_data
        )
    return user


def demo_context(**options: Any) -> DemoContext:
    """A fresh demo context whose builders can act: the demo's organisations and users are
    built first (in a context of their own, so ``created`` counts only what comes after)."""
    io = StringIO()
    users = DemoContext(out=io, **options)
    accounts_demo.build(users)
    return DemoContext(out=io, users=users.users, **options)
