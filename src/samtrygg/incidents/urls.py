from django.urls import path

from samtrygg.incidents.views import categories, feed, imports, reports

app_name = "incidents"

urlpatterns = [
    path("", reports.incident_list_view, name="incident_list"),
    path("report/", reports.report_view, name="report"),
    path("mine/", reports.my_reports_view, name="my_reports"),
    path("<int:pk>/", reports.incident_detail_view, name="incident_detail"),
    path("<int:pk>/feedback/", reports.incident_feedback_view, name="incident_feedback"),
    path("categories/", categories.category_list_view, name="category_list"),
    path("categories/<int:pk>/", categories.category_edit_view, name="category_edit"),
    path("police-types/", categories.police_type_list_view, name="police_type_list"),
    path("police-types/<int:pk>/", categories.police_type_edit_view, name="police_type_edit"),
    path("imports/", imports.import_list_view, name="import_list"),
    path("imports/<int:pk>/", imports.import_detail_view, name="import_detail"),
    path("imports/<int:pk>/progress/", imports.import_progress_view, name="import_progress"),
    path("imports/<int:pk>/rejects.csv", imports.import_rejects_view, name="import_rejects"),
    path("feed/", feed.feed_view, name="feed"),
    path("feed/<int:pk>/", feed.feed_source_edit_view, name="feed_source_edit"),
    path("feed/<int:pk>/fetch/", feed.feed_fetch_view, name="feed_fetch"),
]
