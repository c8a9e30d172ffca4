from django.contrib import admin

from samtrygg.partners.models import ContactErasure, Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation_number", "is_active")
    list_filter = ("kind", "is_active", "takes_part_in_dialogue")
    search_fields = ("name", "organisation_number")
    filter_horizontal = ("areas", "focus_areas")


# Contact persons are not in the admin: they are personal data kept with consent, recorded
# and erased through the services (which keep the erasure log) only.
@admin.register(ContactErasure)
class ContactErasureAdmin(admin.ModelAdmin):
    list_display = ("partner", "requested_on", "erased_at", "erased_by")
    readonly_fields = ("partner", "requested_on", "erased_at", "erased_by")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
