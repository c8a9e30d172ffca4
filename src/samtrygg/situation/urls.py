from django.urls import path

from samtrygg.situation.views import dashboard, est, reports, versions

app_name = "situation"

urlpatterns = [
    path("", dashboard.dashboard_view, name="dashboard"),
    path("points.geojson", dashboard.points_view, name="points"),
    path("veckan/", est.est_view, name="est"),
    path("veckan/anteckning/", est.est_note_view, name="est_note"),
    path("rapporter/", reports.report_list_view, name="report_list"),
    path("rapporter/ny/", reports.report_create_view, name="report_create"),
    path("rapporter/<int:pk>/", reports.report_detail_view, name="report_detail"),
    path("rapporter/<int:pk>/andra/", reports.report_edit_view, name="report_edit"),
    path("rapporter/<int:pk>/avsnitt/<slug:kind>/", reports.section_edit_view, name="section_edit"),
    path(
        "rapporter/<int:pk>/avsnitt/<slug:kind>/nytt-utkast/",
        reports.section_redraft_view,
        name="section_redraft",
    ),
    path("rapporter/<int:pk>/granskning/", reports.report_submit_view, name="report_submit"),
    path("rapporter/<int:pk>/utkast/", reports.report_return_view, name="report_return"),
    path("rapporter/<int:pk>/berakna/", reports.report_refresh_view, name="report_refresh"),
    path("rapporter/<int:pk>/signera/", reports.report_sign_view, name="report_sign"),
    path("rapporter/<int:pk>/publicera/", reports.report_publish_view, name="report_publish"),
    path("rapporter/<int:pk>/kommentarer/", reports.comment_create_view, name="comment_create"),
    path("kommentarer/<int:pk>/klar/", reports.comment_resolve_view, name="comment_resolve"),
    path("versioner/<int:pk>/", versions.version_detail_view, name="version_detail"),
    path("versioner/<int:pk>/pdf/", versions.version_pdf_view, name="version_pdf"),
    path("versioner/<int:pk>/bilder/<str:name>", versions.version_asset_view, name="version_asset"),
    path("versioner/<int:pk>/jamfor/<int:other>/", versions.version_diff_view, name="version_diff"),
    path(
        "versioner/<int:pk>/dra-tillbaka/", versions.version_withdraw_view, name="version_withdraw"
    ),
]
