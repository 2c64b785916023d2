"""Admin for participation (superusers only; moderators work through the moderation pages, which keep the log)."""

from django.contrib import admin

from .models import Comment, Discussion, Flag, Follow, ModerationAction, Support


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    list_display = ("title", "collectivity", "opens_at", "closes_at", "support_count", "comment_count", "is_hidden")
    list_filter = ("is_hidden",)
    search_fields = ("title",)
    autocomplete_fields = ("collectivity", "author")
    readonly_fields = ("support_count", "comment_count", "is_hidden", "hidden_reason", "hidden_at")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "content_type", "object_id", "collectivity", "created_at", "is_hidden")
    list_filter = ("is_hidden", "content_type")
    search_fields = ("body",)
    raw_id_fields = ("author", "parent", "collectivity")
    readonly_fields = ("is_hidden", "hidden_reason", "hidden_at", "created_at", "edited_at")


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ("user", "content_type", "object_id", "created_at")
    raw_id_fields = ("user",)


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "content_type", "object_id", "created_at")
    raw_id_fields = ("user",)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("reason", "content_type", "object_id", "collectivity", "created_at", "resolved_at", "resolution")
    list_filter = ("reason", "resolution")
    raw_id_fields = ("reporter", "resolved_by", "collectivity")


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The moderation log is append-only: it can be read here, not changed."""

    list_display = ("created_at", "action", "target_repr", "collectivity", "moderator")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
