from django.urls import path

from samtrygg.accounts import auth_views, token_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.login_view, name="login"),
    path("login/verify/", auth_views.verify_view, name="verify"),
    path("logout/", auth_views.logout_view, name="logout"),
    path("password/", auth_views.PasswordChange.as_view(), name="password_change"),
    path("two-factor/", auth_views.two_factor_view, name="two_factor"),
    path("two-factor/remove/", auth_views.two_factor_remove_view, name="two_factor_remove"),
    path("profile/", views.profile_view, name="profile"),
    path("tokens/", token_views.api_token_list_view, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", token_views.api_token_revoke_view, name="api_token_revoke"),
    path("organisations/", views.organisation_list_view, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail_view, name="organisation_detail"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_detail_view, name="user_detail"),
    path("users/<int:pk>/memberships/", views.membership_add_view, name="membership_add"),
    path("memberships/<int:pk>/remove/", views.membership_remove_view, name="membership_remove"),
]
