from django.urls import path

from samtrygg.core.views import audit, pages

app_name = "core"

urlpatterns = [
    path("", pages.home_view, name="home"),
    path("healthz", pages.healthz_view, name="healthz"),
    path("tillganglighet/", pages.accessibility_view, name="accessibility"),
    path("audit/", audit.change_log_view, name="change_log"),
    path("audit/export.csv", audit.change_log_export_view, name="change_log_export"),
    path("audit/access/", audit.access_log_view, name="access_log"),
    path("audit/access/export.csv", audit.access_log_export_view, name="access_log_export"),
    path("audit/person/<int:user_id>/", audit.person_reads_view, name="person_reads"),
    path(
        "audit/record/<str:object_type>/<str:object_id>/",
        audit.object_history_view,
        name="object_history",
    ),
    path("ordlista/", pages.glossary_view, name="glossary"),
]
