"""Admin of participatory budgets: everything is changed through the pages and services (rules lock, reviews,
appeals, audit); the admin is for looking and for rare corrections by superusers."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Appeal, Campaign, District, Proposal, ProposalPhoto


class DistrictInline(TranslationTabularInline):
    model = District
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(TranslationAdmin):
    list_display = ("title", "collectivity", "budget", "ballot_type", "rule", "voting_start", "voting_end", "is_sample")
    list_filter = ("ballot_type", "rule", "verification", "is_sample")
    search_fields = ("title", "collectivity__name_ar", "collectivity__name_fr")
    date_hierarchy = "voting_start"
    readonly_fields = ("rules_locked_at", "results_published_at")
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(TranslationAdmin):
    list_display = ("name", "campaign", "kind", "budget", "position")
    list_filter = ("kind",)
    search_fields = ("name", "campaign__title")


class PhotoInline(admin.TabularInline):
    model = ProposalPhoto
    extra = 0


class AppealInline(admin.StackedInline):
    model = Appeal
    extra = 0
    raw_id_fields = ("answered_by",)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "campaign", "district", "status", "estimated_cost", "cost", "is_hidden")
    list_filter = ("status", "is_hidden", "is_sample", "campaign__collectivity")
    search_fields = ("code", "title", "description", "place")
    raw_id_fields = ("campaign", "district", "author", "organisation", "source_idea", "reviewed_by")
    readonly_fields = ("support_count", "comment_count")
    inlines = [PhotoInline, AppealInline]


@admin.register(ProposalPhoto)
class ProposalPhotoAdmin(admin.ModelAdmin):
    list_display = ("proposal", "position", "caption")
    search_fields = ("proposal__code", "proposal__title", "caption")
    raw_id_fields = ("proposal",)


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("proposal", "created_at", "decision", "answered_at")
    list_filter = ("decision",)
    search_fields = ("proposal__code", "proposal__title", "text", "answer")
    raw_id_fields = ("proposal", "answered_by")
