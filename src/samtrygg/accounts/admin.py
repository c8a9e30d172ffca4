from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from samtrygg.accounts.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Samtrygg", {"fields": ("title",)}))
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "title", "is_active"]
