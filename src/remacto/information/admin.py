"""Admin of access to information, for looking only: requests, complaints and published documents are written
through the pages and services (deadlines, history, notifications and the audit log go with every change)."""

from django.contrib import admin

from . import models


class LookOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.InformationRequest)
class InformationRequestAdmin(LookOnlyAdmin):
    list_display = ("case", "subject", "channel", "is_urgent", "officer", "published_at")
    list_filter = ("channel", "is_urgent", "refusal_reason")
    search_fields = ("case__number", "subject")
    list_select_related = ("case", "officer")


@admin.register(models.Complaint)
class ComplaintAdmin(LookOnlyAdmin):
    list_display = ("request", "lodged_on", "outcome", "answered_on")
    list_select_related = ("request__case",)


@admin.register(models.DisclosureDocument)
class DisclosureDocumentAdmin(LookOnlyAdmin):
    list_display = ("title", "collectivity", "category", "published_on")
    list_filter = ("category",)
    search_fields = ("title",)
    list_select_related = ("collectivity",)
