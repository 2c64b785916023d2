"""Django admin of the holiday table and, read-only for support, of cases."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from . import holidays
from .models import Case, CaseEvent, Deadline, IslamicHoliday


class IslamicHolidayForm(forms.ModelForm):
    class Meta:
        model = IslamicHoliday
        fields = ("key", "date", "expected")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                holidays.check(data["key"], data["date"], exclude_pk=self.instance.pk)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data


@admin.register(IslamicHoliday)
class IslamicHolidayAdmin(admin.ModelAdmin):
    """Edits go through ``cases.holidays``: the same checks, the audit entry, and the deadlines recomputed."""

    form = IslamicHolidayForm
    list_display = ("key", "hijri_year", "date", "expected", "updated_at")
    list_filter = ("key", "expected")
    readonly_fields = ("hijri_year", "updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        saved = holidays.save_from_admin(request.user, obj)
        obj.pk, obj.hijri_year, obj.updated_by = saved.pk, saved.hijri_year, saved.updated_by

    def delete_model(self, request, obj):
        holidays.delete_holiday(request.user, obj)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            holidays.delete_holiday(request.user, holiday)


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
