from samtrygg.accounts.services import api_token_create
from samtrygg.testing.matrix import EVERYONE, MEMBERS, Route, World, allow


def _org(world: World) -> dict[str, int]:
    return {"pk": world.organisations["housing"].pk}


def _user(world: World) -> dict[str, int]:
    return {"pk": world.user("reporter").pk}


def _membership(world: World) -> dict[str, int]:
    return {"pk": world.user("reporter").memberships.get().pk}


def _analyst_token(world: World) -> dict[str, int]:
    token, _key = api_token_create(
        actor=world.user("analyst"), name="matrix", second_factor_verified=True
    )
    return {"pk": token.pk}


COORDINATOR = allow("coordinator")

ROUTES = [
    Route("accounts:login", EVERYONE),
    # Logged-in users are sent on from the log-in and verify pages; anyone may ask for them.
    Route("accounts:verify", EVERYONE, login_redirect_ok=True),
    Route("accounts:logout", EVERYONE, method="post"),
    Route("accounts:password_change", MEMBERS),
    Route("accounts:two_factor", MEMBERS),
    Route("accounts:two_factor_remove", MEMBERS, method="post"),
    Route("accounts:profile", MEMBERS),
    Route("accounts:api_tokens", MEMBERS),
    # The owner (analyst) and the coordinator of the owner's organisation; others get 404.
    Route(
        "accounts:api_token_revoke",
        allow("analyst", "coordinator"),
        method="post",
        kwargs=_analyst_token,
    ),
    Route("accounts:organisation_list", COORDINATOR),
    Route(
        "accounts:organisation_list",
        COORDINATOR,
        method="post",
        data=lambda w: {"name": "Ny förening", "code": "ny-forening", "kind": "association"},
        label="create",
    ),
    Route("accounts:organisation_detail", COORDINATOR, kwargs=_org),
    Route("accounts:user_list", COORDINATOR),
    Route("accounts:user_create", COORDINATOR),
    Route("accounts:user_detail", COORDINATOR, kwargs=_user),
    Route(
        "accounts:membership_add",
        COORDINATOR,
        method="post",
        kwargs=_user,
        data=lambda w: {"organisation": w.organisations["board"].pk, "role": "council_member"},
    ),
    Route("accounts:membership_remove", COORDINATOR, method="post", kwargs=_membership),
    Route("api:v1:me", MEMBERS),
    Route("api:v1:organisation-list", MEMBERS),
    Route("api:v1:organisation-detail", COORDINATOR | allow("reporter"), kwargs=_org),
    Route("api:schema", EVERYONE),
]
