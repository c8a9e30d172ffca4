from django.urls import path

from samtrygg.notifications.views import deliveries, inbox, public

app_name = "notifications"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("<int:pk>/open/", inbox.open_view, name="open"),
    path("read-all/", inbox.read_all_view, name="read_all"),
    path("settings/", inbox.settings_view, name="settings"),
    path("unsubscribe/<str:token>/", inbox.unsubscribe_view, name="unsubscribe"),
    path("emails/", deliveries.delivery_list_view, name="deliveries"),
    path(
        "emails/<int:pk>/retry/",
        deliveries.delivery_action_view,
        {"action": "retry"},
        name="delivery_retry",
    ),
    path(
        "emails/<int:pk>/cancel/",
        deliveries.delivery_action_view,
        {"action": "cancel"},
        name="delivery_cancel",
    ),
    path("subscribe/", public.subscribe_view, name="subscribe"),
    path(
        "subscribe/confirm/<str:token>/",
        public.subscribe_confirm_view,
        name="subscribe_confirm",
    ),
    path("subscribe/manage/<str:token>/", public.subscribe_manage_view, name="subscribe_manage"),
    path(
        "subscribe/stop/<str:token>/",
        public.subscribe_unsubscribe_view,
        name="subscribe_unsubscribe",
    ),
]
