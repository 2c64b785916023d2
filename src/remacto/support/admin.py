"""Admin of the support desk: response-time targets (rule data) and the FAQ."""

from django.contrib import admin

from . import clock, services
from .models import FaqEntry, ResponseTarget


@admin.register(ResponseTarget)
class ResponseTargetAdmin(admin.ModelAdmin):
    """Edits go through ``services.set_target`` (checks, audit, open tickets' due dates recomputed)."""

    list_display = ("category", "working_days", "updated_at")
    readonly_fields = ("updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        saved = services.set_target(request.user, obj.category, obj.working_days)
        obj.pk, obj.updated_by = saved.pk, saved.updated_by

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        clock.recompute_due_dates(categories=[obj.category])  # back to the default target

    def delete_queryset(self, request, queryset):
        categories = list(queryset.values_list("category", flat=True))
        super().delete_queryset(request, queryset)
        clock.recompute_due_dates(categories=categories)


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ("question", "category", "published_at")
    list_filter = ("category",)
