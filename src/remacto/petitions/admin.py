"""Django admin: thresholds (network admins), petitions and signatures read-only in their identity fields."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Petition, Signature, Threshold


@admin.register(Threshold)
class ThresholdAdmin(TranslationAdmin):
    list_display = (
        "kind",
        "min_population",
        "max_population",
        "with_arrondissements",
        "signatures",
        "to_confirm",
        "grace_days",
        "grace_to_confirm",
    )
    list_filter = ("kind", "to_confirm")


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ("subject", "collectivity", "status", "signature_count", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("subject",)
    raw_id_fields = ("collectivity", "petitioner", "organisation", "case", "threshold")
    readonly_fields = ("signature_count", "case")


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ("petition", "channel", "signed_on", "show_name")
    list_filter = ("channel",)
    raw_id_fields = ("petition", "user", "entered_by", "province")
    exclude = ("cin_hash",)
    readonly_fields = ("petition", "user", "channel", "signed_on", "entered_by")
