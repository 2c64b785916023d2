"""Admin for notifications: a read-only list for support (notifications are written only by the services)."""

from django.contrib import admin

from .models import Notification, NotificationPreference


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "collectivity", "read_at")
    list_filter = ("kind",)
    list_select_related = ("recipient", "collectivity")
    search_fields = ("recipient__email", "kind")
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("user", "email_enabled")
    list_filter = ("email_enabled",)
    list_select_related = ("user",)
    search_fields = ("user__email",)
