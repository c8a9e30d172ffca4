from django.urls import path

from samtrygg.notifications import public_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("<int:pk>/open/", views.open_view, name="open"),
    path("read-all/", views.read_all_view, name="read_all"),
    path("settings/", views.settings_view, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("emails/", views.delivery_list_view, name="deliveries"),
    path(
        "emails/<int:pk>/retry/",
        views.delivery_action_view,
        {"action": "retry"},
        name="delivery_retry",
    ),
    path(
        "emails/<int:pk>/cancel/",
        views.delivery_action_view,
        {"action": "cancel"},
        name="delivery_cancel",
    ),
    path("subscribe/", public_views.subscribe_view, name="subscribe"),
    path(
        "subscribe/confirm/<str:token>/",
        public_views.subscribe_confirm_view,
        name="subscribe_confirm",
    ),
    path(
        "subscribe/manage/<str:token>/", public_views.subscribe_manage_view, name="subscribe_manage"
    ),
    path(
        "subscribe/stop/<str:token>/",
        public_views.subscribe_unsubscribe_view,
        name="subscribe_unsubscribe",
    ),
]
