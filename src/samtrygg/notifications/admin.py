from django.contrib import admin

from samtrygg.notifications.models import EmailDelivery, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "email_mode"]
    list_filter = ["kind", "email_mode"]
    raw_id_fields = ["recipient", "delivery"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    # No address column: a public subscriber's address is shown nowhere.
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    exclude = ["address"]
    raw_id_fields = ["recipient_user", "subscriber"]
