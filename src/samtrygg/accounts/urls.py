from django.urls import path

from samtrygg.accounts.views import account, directory, tokens

app_name = "accounts"

urlpatterns = [
    path("login/", account.login_view, name="login"),
    path("login/verify/", account.verify_view, name="verify"),
    path("logout/", account.logout_view, name="logout"),
    path("password/", account.PasswordChange.as_view(), name="password_change"),
    path("two-factor/", account.two_factor_view, name="two_factor"),
    path("two-factor/remove/", account.two_factor_remove_view, name="two_factor_remove"),
    path("profile/", account.profile_view, name="profile"),
    path("tokens/", tokens.api_token_list_view, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", tokens.api_token_revoke_view, name="api_token_revoke"),
    path("organisations/", directory.organisation_list_view, name="organisation_list"),
    path("organisations/<int:pk>/", directory.organisation_detail_view, name="organisation_detail"),
    path("users/", directory.user_list_view, name="user_list"),
    path("users/new/", directory.user_create_view, name="user_create"),
    path("users/<int:pk>/", directory.user_detail_view, name="user_detail"),
    path("users/<int:pk>/memberships/", directory.membership_add_view, name="membership_add"),
    path(
        "memberships/<int:pk>/remove/", directory.membership_remove_view, name="membership_remove"
    ),
]
