"""Test support shared by every app: the actors, log-in, browser fixtures and the permission
matrix. Kept out of ``core`` so that core does not depend on the apps whose users it builds.

Each app lists its pages and endpoints in ``<app>/tests/routes.py`` as ``ROUTES``;
``core/tests/test_permission_matrix.py`` requests every route as every actor and checks
allowed or refused, and fails when a URL of the project is missing from every app's list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.accounts.twofactor import second_factor_required
from samtrygg.core.roles import Role

ROLE_ACTORS: tuple[str, ...] = tuple(Role.values)
#: Every actor of the matrix: an anonymous visitor, one user per role in the municipality
#: (the police user in the police), an outsider: a reporter of an unrelated business, and
#: a second case worker of the municipality who works in another programme than the
#: ``case_worker`` (cases: the outsider who holds the same role).
ACTORS: tuple[str, ...] = ("anonymous", *ROLE_ACTORS, "outsider", "case_worker_other")


@dataclass
class World:
    """The organisations and users every matrix test starts from."""

    organisations: dict[str, Any]
    users: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, actor: str) -> Any:
        return self.users[actor]


def build_world() -> World:
    orgs = {
        "municipality": Organisation.objects.create(
            name="Stadsledningskontoret", code="slk-test", kind=OrganisationKind.MUNICIPAL_OFFICE
        ),
        "board": Organisation.objects.create(
            name="Kommunstyrelsen", code="ks-test", kind=OrganisationKind.POLITICAL_BODY
        ),
        "police": Organisation.objects.create(
            name="Lokalpolisområdet", code="lpo-test", kind=OrganisationKind.POLICE
        ),
        "housing": Organisation.objects.create(
            name="Bostadsbolaget", code="bostad-test", kind=OrganisationKind.HOUSING_COMPANY
        ),
        "outsider": Organisation.objects.create(
            name="Utomstående AB", code="outsider-test", kind=OrganisationKind.BUSINESS
        ),
        # A partner of the dialogue forum (an association), whose contact logs in.
        "partner": Organisation.objects.create(
            name="Föreningen Trygga grannar", code="partner-test", kind=OrganisationKind.ASSOCIATION
        ),
    }
    placement = {
        "coordinator": "municipality",
        "analyst": "municipality",
        "police": "police",
        "council_member": "board",
        "reporter": "housing",
        "case_worker": "municipality",
        "auditor": "municipality",
        "partner": "partner",
    }
    users = {}
    for role, org_key in placement.items():
        user = User.objects.create(username=f"test-{role}", title=role)
        Membership.objects.create(user=user, organisation=orgs[org_key], role=role)
        users[role] = user
    outsider = User.objects.create(username="test-outsider", title="outsider")
    Membership.objects.create(user=outsider, organisation=orgs["outsider"], role="reporter")
    users["outsider"] = outsider
    other_worker = User.objects.create(username="test-case_worker_other", title="case worker")
    Membership.objects.create(
        user=other_worker, organisation=orgs["municipality"], role="case_worker"
    )
    users["case_worker_other"] = other_worker
    return World(organisations=orgs, users=users)


def login(client: Client, user: Any) -> Client:
    """Log ``user`` in, with a verified second factor when the user's role requires one."""
    client.force_login(user)
    if second_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@dataclass(frozen=True)
class Route:
    """One page or endpoint of the permission matrix.

    ``allowed``: the actors for whom the request succeeds (status below 400). Others must
    be refused: 403/404 for logged-in actors, a redirect to log-in (pages) or 401/403
    (API) for the anonymous visitor — unless ``"anonymous"`` is in ``allowed``.
    ``kwargs``/``data`` build URL arguments and POST data from the world (and may create
    objects in it).
    """

    name: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] | None = None
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    query: str = ""
    label: str = ""
    content_type: str | None = None
    #: The route itself answers by sending everyone to log-in (e.g. the TOTP step
    #: without a pending log-in); a redirect there then counts as success.
    login_redirect_ok: bool = False

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{f' [{self.label}]' if self.label else ''}"


def allow(*actors: str) -> frozenset[str]:
    unknown = set(actors) - set(ACTORS)
    if unknown:
        raise ValueError(f"unknown actors {sorted(unknown)}")
    return frozenset(actors)


EVERYONE = frozenset(ACTORS)
MEMBERS = frozenset(a for a in ACTORS if a != "anonymous")


def collect_routes() -> list[Route]:
    routes: list[Route] = []
    for app in settings.SAMTRYGG_APPS:
        try:
            module = import_module(f"{app}.tests.routes")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{app}.tests.routes", f"{app}.tests"}:
                raise
            continue
        routes.extend(module.ROUTES)
    return routes
