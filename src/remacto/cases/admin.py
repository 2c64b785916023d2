"""Django admin of the holiday table and, read-only for support, of cases."""

from django.contrib import admin

from .models import Case, CaseEvent, Deadline, IslamicHoliday


@admin.register(IslamicHoliday)
class IslamicHolidayAdmin(admin.ModelAdmin):
    list_display = ("key", "hijri_year", "date", "expected", "updated_at")
    list_filter = ("key", "expected")
    readonly_fields = ("hijri_year", "updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        from . import holidays

        holidays.save_from_admin(request.user, obj)

    def delete_model(self, request, obj):
        from . import holidays

        holidays.delete_holiday(request.user, obj)


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    readonly_fields = ("at", "actor", "status", "note", "is_public")
    can_delete = False


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    readonly_fields = ("kind", "start", "amount", "unit", "due", "counts_for_answer", "met_on", "cancelled")
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("number", "collectivity", "procedure", "status", "received_on", "answered_on", "closed_on")
    list_filter = ("procedure",)
    search_fields = ("number",)
    readonly_fields = ("collectivity", "procedure", "number", "status", "received_on", "requester")
    inlines = (CaseEventInline, DeadlineInline)
