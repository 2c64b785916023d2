"""Admin of the support desk: response-time targets (rule data) and the FAQ."""

from django.contrib import admin

from .models import FaqEntry, ResponseTarget


@admin.register(ResponseTarget)
class ResponseTargetAdmin(admin.ModelAdmin):
    list_display = ("category", "working_days", "updated_at")


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ("question", "category", "published_at")
    list_filter = ("category",)
