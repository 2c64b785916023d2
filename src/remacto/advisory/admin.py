"""Admin of the advisory bodies: for looking. Bodies, members, meetings, requests and opinions are written through
the pages and services (kinds checked against the collectivity, the case and its deadline kept in step, audited)."""

from django.contrib import admin

from . import models


class LookOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MemberInline(admin.TabularInline):
    model = models.Member
    fields = ("user", "name", "affiliation", "role")
    extra = 0

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Body)
class BodyAdmin(LookOnlyAdmin):
    list_display = ("name", "kind", "collectivity")
    list_filter = ("kind",)
    search_fields = ("name", "collectivity__name")
    inlines = [MemberInline]


@admin.register(models.Meeting)
class MeetingAdmin(LookOnlyAdmin):
    list_display = ("body", "held_on")
    date_hierarchy = "held_on"


@admin.register(models.OpinionRequest)
class OpinionRequestAdmin(LookOnlyAdmin):
    list_display = ("__str__", "body", "subject_kind", "asked_by", "received_on", "legacy_opinion_id")
    list_filter = ("subject_kind", "asked_by")
    search_fields = ("case__number", "body__name", "subject_title")


@admin.register(models.Opinion)
class OpinionAdmin(LookOnlyAdmin):
    list_display = ("__str__", "received_on", "votes_for", "votes_against", "votes_abstain")
    date_hierarchy = "received_on"
