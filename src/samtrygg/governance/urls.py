from django.urls import path

from samtrygg.governance.views import councils, decisions, documents, goals, meetings, public

app_name = "governance"

urlpatterns = [
    path("", councils.council_list_view, name="council_list"),
    path("councils/new/", councils.council_create_view, name="council_create"),
    path("councils/<slug:slug>/", councils.council_detail_view, name="council_detail"),
    path("councils/<slug:slug>/edit/", councils.council_update_view, name="council_update"),
    path("councils/<slug:slug>/seats/new/", councils.seat_create_view, name="seat_create"),
    path(
        "councils/<slug:slug>/years/<int:year>/",
        councils.council_year_view,
        name="council_year",
    ),
    path(
        "councils/<slug:slug>/calendar/rotate/",
        councils.council_feed_rotate_view,
        name="council_feed_rotate",
    ),
    path(
        "councils/<slug:slug>/calendar/<str:token>.ics",
        councils.council_feed_view,
        name="council_feed",
    ),
    path(
        "councils/<slug:slug>/meetings/new/",
        meetings.meeting_create_view,
        name="meeting_create",
    ),
    path(
        "councils/<slug:slug>/board-report/",
        documents.board_report_view,
        name="board_report",
    ),
    path("seats/<int:pk>/edit/", councils.seat_update_view, name="seat_update"),
    path("meetings/<int:pk>/", meetings.meeting_detail_view, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update_view, name="meeting_update"),
    path("meetings/<int:pk>/status/", meetings.meeting_status_view, name="meeting_status"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes_view, name="meeting_minutes"),
    path(
        "meetings/<int:pk>/attendance/",
        meetings.meeting_attendance_view,
        name="meeting_attendance",
    ),
    path(
        "meetings/<int:pk>/agenda/new/",
        meetings.agenda_item_create_view,
        name="agenda_item_create",
    ),
    path(
        "meetings/<int:pk>/decisions/new/",
        meetings.decision_create_view,
        name="decision_create",
    ),
    path("meetings/<int:pk>/pack/", documents.meeting_pack_view, name="meeting_pack"),
    path("agenda/<int:pk>/", meetings.agenda_item_update_view, name="agenda_item_update"),
    path("agenda/<int:pk>/delete/", meetings.agenda_item_delete_view, name="agenda_item_delete"),
    path(
        "agenda/<int:pk>/attachments/",
        meetings.attachment_create_view,
        name="attachment_create",
    ),
    path("attachments/<int:pk>/", meetings.attachment_download_view, name="attachment_download"),
    path(
        "attachments/<int:pk>/delete/",
        meetings.attachment_delete_view,
        name="attachment_delete",
    ),
    path("decisions/", decisions.decision_list_view, name="decision_list"),
    path("decisions/mine/", decisions.decision_mine_view, name="decision_mine"),
    path("decisions/<int:pk>/", decisions.decision_detail_view, name="decision_detail"),
    path("decisions/<int:pk>/edit/", decisions.decision_update_view, name="decision_update"),
    path("goals/", goals.goal_list_view, name="goal_list"),
    path("goals/new/", goals.goal_create_view, name="goal_create"),
    path("goals/<int:pk>/", goals.goal_detail_view, name="goal_detail"),
    path("goals/<int:pk>/edit/", goals.goal_update_view, name="goal_update"),
    path("documents/<int:pk>/", documents.document_download_view, name="document_download"),
    path("public/", public.public_meetings_view, name="public_meetings"),
    path(
        "public/meetings/<int:pk>/",
        public.public_meeting_detail_view,
        name="public_meeting_detail",
    ),
    path("public/calendar.ics", public.public_feed_view, name="public_feed"),
]
