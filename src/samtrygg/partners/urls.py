from django.urls import path

from samtrygg.partners.views import citing, dialogue, partners

app_name = "partners"

urlpatterns = [
    path("", partners.partner_list_view, name="partner_list"),
    path("new/", partners.partner_create_view, name="partner_create"),
    path("mine/", partners.partner_mine_view, name="partner_mine"),
    path("<int:pk>/", partners.partner_detail_view, name="partner_detail"),
    path("<int:pk>/edit/", partners.partner_update_view, name="partner_update"),
    path("<int:pk>/contacts/new/", partners.contact_create_view, name="contact_create"),
    path("contacts/<int:pk>/edit/", partners.contact_update_view, name="contact_update"),
    path("contacts/<int:pk>/erase/", partners.contact_erase_view, name="contact_erase"),
    path("dialogue/", dialogue.meeting_list_view, name="meeting_list"),
    path("dialogue/new/", dialogue.meeting_create_view, name="meeting_create"),
    path("dialogue/<int:pk>/", dialogue.meeting_detail_view, name="meeting_detail"),
    path("dialogue/<int:pk>/edit/", dialogue.meeting_update_view, name="meeting_update"),
    path(
        "dialogue/<int:pk>/recommendations/new/",
        dialogue.recommendation_create_view,
        name="recommendation_create",
    ),
    path("contributions/", dialogue.contribution_list_view, name="contribution_list"),
    path("contributions/new/", dialogue.contribution_create_view, name="contribution_create"),
    path("contributions/cite/", citing.contribution_cite_view, name="contribution_cite"),
    path(
        "contributions/<int:pk>/edit/",
        dialogue.contribution_update_view,
        name="contribution_update",
    ),
    path("recommendations/", dialogue.recommendation_list_view, name="recommendation_list"),
    path(
        "recommendations/<int:pk>/",
        dialogue.recommendation_detail_view,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        dialogue.recommendation_update_view,
        name="recommendation_update",
    ),
    path(
        "recommendations/<int:pk>/respond/",
        dialogue.recommendation_respond_view,
        name="recommendation_respond",
    ),
]
