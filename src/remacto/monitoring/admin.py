"""Admin of implementation and monitoring: records are made through the pages and services (history kept, alerts
computed, imports checked); the admin is for looking. Progress records cannot be changed or deleted here."""

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is never overwritten: no change or delete from the admin."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ("project", "reported_on", "progress", "author", "is_sample")
    list_filter = ("is_sample",)
    search_fields = ("project__title", "narrative")
    date_hierarchy = "reported_on"


@admin.register(models.ActivityStatus)
class ActivityStatusAdmin(ReadOnlyAdmin):
    list_display = ("activity", "status", "started_on", "finished_on", "recorded_at")
    list_filter = ("status",)


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "measured_on", "value")


@admin.register(models.SpendingLine)
class SpendingLineAdmin(admin.ModelAdmin):
    list_display = ("reference", "project", "kind", "amount", "spent_on", "source", "is_sample")
    list_filter = ("kind", "is_sample")
    search_fields = ("reference", "label", "project__title")
    date_hierarchy = "spent_on"


@admin.register(models.SpendingImport)
class SpendingImportAdmin(ReadOnlyAdmin):
    list_display = ("name", "programme", "status", "total", "created_count", "created_at")
    list_filter = ("status",)


@admin.register(models.Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "opened_at", "acknowledged_at", "closed_at")
    list_filter = ("kind",)


@admin.register(models.Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "project", "author", "created_at", "answered_at", "is_hidden")
    list_filter = ("is_hidden", "is_sample")
    search_fields = ("text", "answer", "project__title")


class ReviewDecisionInline(admin.TabularInline):
    model = models.ReviewDecision
    extra = 0


@admin.register(models.ReviewMeeting)
class ReviewMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "held_on")
    inlines = [ReviewDecisionInline]


@admin.register(models.EvaluationCriterion)
class EvaluationCriterionAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "order")


@admin.register(models.Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "programme", "opens_on", "closes_on", "published_at")
