"""Admin of the events: for corrections only; staff use the event pages."""

from django.contrib import admin

from .models import AgendaItem, Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "level", "starts_on", "place"]
    list_filter = ["kind", "level"]
    search_fields = ["title", "place"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "day", "starts_at", "parallel_group"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "attended_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "event", "collectivity"]
