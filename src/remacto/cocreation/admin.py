"""Admin of co-creation: everything is changed through the pages and services; the admin is for looking and
for rare corrections by superusers."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Activity,
    Adoption,
    Amendment,
    Axis,
    CommitteeMember,
    Idea,
    Indicator,
    Meeting,
    Programme,
    ProgrammePhase,
    Project,
    TriageDecision,
)
from .uploads import check_pdf


class PhaseDatesInline(admin.TabularInline):
    model = ProgrammePhase
    extra = 0


class AxisInline(TranslationTabularInline):
    model = Axis
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ("collectivity", "cycle", "phase")
    list_filter = ("phase", "cycle")
    search_fields = ("collectivity__name_ar", "collectivity__name_fr")
    inlines = [PhaseDatesInline, AxisInline]


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ("title", "programme", "kind", "starts_at")
    list_filter = ("kind",)


class DecisionInline(admin.StackedInline):
    model = TriageDecision
    fk_name = "idea"
    extra = 0


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "channel", "status", "support_count", "is_hidden", "is_sample")
    list_filter = ("channel", "status", "is_hidden", "is_sample")
    search_fields = ("title",)
    raw_id_fields = ("author", "recorded_by", "workshop", "axis")
    inlines = [DecisionInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    list_display = ("title", "programme", "axis", "budget", "status", "progress")
    list_filter = ("status",)
    filter_horizontal = ("source_ideas",)
    inlines = [ActivityInline, IndicatorInline]


class AdoptionAdminForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = (
            "programme",
            "session_date",
            "deliberation_number",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "document",
            "recorded_by",
        )

    def clean_document(self):
        """A new deliberation document passes the same content check as on the adoption page."""
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):
            try:
                check_pdf(document)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["document"]) from exc
        return document


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    form = AdoptionAdminForm
    list_display = ("programme", "session_date", "deliberation_number")
    raw_id_fields = ("recorded_by",)


admin.site.register([CommitteeMember, Amendment])
