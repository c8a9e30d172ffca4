from django.urls import path

from samtrygg.core import audit_views, views

app_name = "core"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", views.healthz_view, name="healthz"),
    path("tillganglighet/", views.accessibility_view, name="accessibility"),
    path("audit/", audit_views.change_log_view, name="change_log"),
    path("audit/export.csv", audit_views.change_log_export_view, name="change_log_export"),
    path("audit/access/", audit_views.access_log_view, name="access_log"),
    path("audit/access/export.csv", audit_views.access_log_export_view, name="access_log_export"),
    path("audit/person/<int:user_id>/", audit_views.person_reads_view, name="person_reads"),
    path(
        "audit/record/<str:object_type>/<str:object_id>/",
        audit_views.object_history_view,
        name="object_history",
    ),
    path("ordlista/", views.glossary_view, name="glossary"),
]
