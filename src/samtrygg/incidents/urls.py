from django.urls import path

from samtrygg.incidents import manage_views, views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list_view, name="incident_list"),
    path("report/", views.report_view, name="report"),
    path("mine/", views.my_reports_view, name="my_reports"),
    path("<int:pk>/", views.incident_detail_view, name="incident_detail"),
    path("<int:pk>/feedback/", views.incident_feedback_view, name="incident_feedback"),
    path("categories/", manage_views.category_list_view, name="category_list"),
    path("categories/<int:pk>/", manage_views.category_edit_view, name="category_edit"),
    path("police-types/", manage_views.police_type_list_view, name="police_type_list"),
    path("police-types/<int:pk>/", manage_views.police_type_edit_view, name="police_type_edit"),
    path("imports/", manage_views.import_list_view, name="import_list"),
    path("imports/<int:pk>/", manage_views.import_detail_view, name="import_detail"),
    path("imports/<int:pk>/progress/", manage_views.import_progress_view, name="import_progress"),
    path("imports/<int:pk>/rejects.csv", manage_views.import_rejects_view, name="import_rejects"),
    path("feed/", manage_views.feed_view, name="feed"),
    path("feed/<int:pk>/", manage_views.feed_source_edit_view, name="feed_source_edit"),
    path("feed/<int:pk>/fetch/", manage_views.feed_fetch_view, name="feed_fetch"),
]
