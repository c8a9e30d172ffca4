from django.urls import path

from samtrygg.core import views

app_name = "core"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", views.healthz_view, name="healthz"),
    path("audit/", views.change_log_view, name="change_log"),
    path("audit/access/", views.access_log_view, name="access_log"),
]
