"""Root URL configuration. Each app owns its URLs; add one line per app here."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Samtrygg"
admin.site.site_title = "Samtrygg"

urlpatterns = [
    path("", include("samtrygg.core.urls")),
    path("accounts/", include("samtrygg.accounts.urls")),
    path("areas/", include("samtrygg.areas.urls")),
    path("incidents/", include("samtrygg.incidents.urls")),
    path("governance/", include("samtrygg.governance.urls")),
    path("actionplan/", include("samtrygg.actionplan.urls")),
    path("situation/", include("samtrygg.situation.urls")),
    path("notifications/", include("samtrygg.notifications.urls")),
    path("public/", include("samtrygg.public.urls")),
    path("ogc/", include("samtrygg.public.ogc_urls")),
    path("arenden/", include("samtrygg.cases.urls")),
    path("partners/", include("samtrygg.partners.urls")),
    path("trygghetsvandringar/", include("samtrygg.walks.urls")),
    path("api/", include("samtrygg.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler403 = "samtrygg.core.errors.permission_denied"
handler404 = "samtrygg.core.errors.not_found"
