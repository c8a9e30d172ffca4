"""Case coordination pages under /arenden/ (Swedish paths: ärenden)."""

from django.urls import path

from samtrygg.cases.views import case, consent, mine, persons, programme, work

app_name = "cases"

urlpatterns = [
    path("", mine.mine_view, name="mine"),
    path("sok/", mine.search_view, name="search"),
    path("ny/", mine.intake_view, name="intake"),
    path("oversikt/", programme.overview_view, name="overview"),
    path("rattsliga-grunder/", programme.legal_bases_view, name="legal_bases"),
    path(
        "rattsliga-grunder/<int:basis_pk>/",
        programme.legal_basis_toggle_view,
        name="legal_basis_toggle",
    ),
    path("verksamhetsansvariga/", programme.leads_view, name="leads"),
    path(
        "verksamhetsansvariga/<int:lead_pk>/ta-bort/",
        programme.lead_remove_view,
        name="lead_remove",
    ),
    path("statistik/", programme.statistics_view, name="statistics"),
    path("<int:pk>/", case.detail_view, name="detail"),
    path("<int:pk>/status/", case.status_view, name="status"),
    path("<int:pk>/bevarande/", case.legal_hold_view, name="legal_hold"),
    path("<int:pk>/team/", case.team_add_view, name="team_add"),
    path("<int:pk>/team/<int:member_pk>/ta-bort/", case.team_remove_view, name="team_remove"),
    path("<int:pk>/personer/", persons.persons_view, name="persons"),
    path(
        "<int:pk>/personer/<int:person_pk>/identitet/",
        persons.identity_view,
        name="person_identity",
    ),
    path("<int:pk>/personer/<int:person_pk>/andra/", persons.person_edit_view, name="person_edit"),
    path("<int:pk>/samtycke/", consent.consents_view, name="consents"),
    path(
        "<int:pk>/samtycke/<int:consent_pk>/aterkalla/",
        consent.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("<int:pk>/bilagor/<int:attachment_pk>/", consent.attachment_view, name="attachment"),
    path("<int:pk>/utlamnanden/", consent.disclosures_view, name="disclosures"),
    path("<int:pk>/risk/", work.risk_view, name="risk"),
    path("<int:pk>/plan/", work.plan_view, name="plan"),
    path("<int:pk>/plan/mal/", work.goal_add_view, name="goal_add"),
    path("<int:pk>/plan/mal/<int:goal_pk>/", work.goal_achieved_view, name="goal_achieved"),
    path("<int:pk>/plan/atgarder/", work.action_add_view, name="action_add"),
    path("<int:pk>/plan/atgarder/<int:action_pk>/klar/", work.action_done_view, name="action_done"),
    path("<int:pk>/plan/moten/", work.meeting_add_view, name="meeting_add"),
    path("<int:pk>/anteckningar/", work.notes_view, name="notes"),
    path("<int:pk>/logg/", work.log_view, name="log"),
]
