"""Admin views of the network layer: read-mostly, decisions go through the pages (audited services)."""

from django.contrib import admin

from .models import MembershipApplication, NewsPost


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ("collectivity", "status", "created_at", "decided_at", "cohort_year")
    list_filter = ("status",)
    readonly_fields = [field.name for field in MembershipApplication._meta.fields]


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "collectivity", "status", "published_at")
    list_filter = ("status",)
    readonly_fields = [field.name for field in NewsPost._meta.fields]
