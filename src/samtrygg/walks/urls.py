"""Safety walks under /trygghetsvandringar/ (the public protocols among them)."""

from django.urls import path

from samtrygg.walks.views import findings, owners, public, walks

app_name = "walks"

urlpatterns = [
    path("", walks.walk_list_view, name="list"),
    path("ny/", walks.walk_create_view, name="create"),
    path("<int:pk>/", walks.walk_detail_view, name="detail"),
    path("<int:pk>/andra/", walks.walk_update_view, name="update"),
    path("<int:pk>/steg/", walks.walk_step_view, name="step"),
    path("<int:pk>/publicera/", walks.walk_publish_view, name="publish"),
    path("<int:pk>/brister/ny/", findings.finding_create_view, name="finding_create"),
    path("<int:pk>/protokoll/", public.protocol_view, name="protocol"),
    path("<int:pk>/protokoll.pdf", public.protocol_pdf_view, name="protocol_pdf"),
    path("protokoll/", public.protocol_list_view, name="protocols"),
    path("protokoll/foto/<int:pk>/", public.public_photo_view, name="public_photo"),
    path("brister/", findings.finding_list_view, name="findings"),
    path("brister/mina/", findings.my_findings_view, name="mine"),
    path("brister/<int:pk>/", findings.finding_detail_view, name="finding_detail"),
    path("brister/<int:pk>/andra/", findings.finding_update_view, name="finding_update"),
    path("brister/<int:pk>/atgard/", findings.finding_action_view, name="finding_action"),
    path("brister/<int:pk>/kontroll/", findings.finding_recheck_view, name="finding_recheck"),
    path(
        "brister/<int:pk>/insats/", findings.finding_intervention_view, name="finding_intervention"
    ),
    path("brister/<int:pk>/foto/", findings.photo_add_view, name="photo_add"),
    path("brister/foto/<int:pk>/", findings.photo_view, name="photo"),
    path("brister/foto/<int:pk>/publicera/", findings.photo_approve_view, name="photo_approve"),
    path(
        "brister/fran-anmalan/<int:incident_id>/",
        findings.finding_from_incident_view,
        name="finding_from_incident",
    ),
    path("agare/", owners.owner_list_view, name="owners"),
    path("agare/<int:pk>/aterkalla/", owners.owner_revoke_view, name="owner_revoke"),
    path("agare/lank/<str:token>/", owners.owner_link_view, name="owner_link"),
    path(
        "agare/lank/<str:token>/<int:pk>/",
        owners.owner_link_action_view,
        name="owner_link_action",
    ),
]
