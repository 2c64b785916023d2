"""Admin for the territorial division, members and the charter."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Charter, Collectivity, Membership, Province, Region


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("code", "name", "seat", "population_2024")


@admin.register(Province)
class ProvinceAdmin(TranslationAdmin):
    list_display = ("code", "name", "kind", "region")
    list_filter = ("kind", "region")


class MembershipInline(admin.StackedInline):
    model = Membership


@admin.register(Collectivity)
class CollectivityAdmin(TranslationAdmin):
    list_display = ("name", "kind", "region", "province", "is_ogp_local")
    list_filter = ("kind", "region", "is_ogp_local", "membership__cohort_year")
    search_fields = ("name_ar", "name_fr", "slug")
    inlines = [MembershipInline]


@admin.register(Charter)
class CharterAdmin(TranslationAdmin):
    list_display = ("title", "version", "adopted_on", "is_current")
