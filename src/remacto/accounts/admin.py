"""Admin for users, organisations and roles (superusers only; day-to-day work goes through the pages).

Whatever would leave the network without an admin (deleting the last network admin's role or account, changing
the role's kind, deactivating the account) is refused with the reason, through
:func:`~remacto.accounts.services.keep_a_network_admin`: each admin page runs in one transaction, so the role rows
stay locked until the change is saved.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Organisation, OrganisationMember, Role, User
from .services import keep_a_network_admin


class KeepsANetworkAdmin:
    """Deletions (one object or the list's action) refused by :func:`keep_a_network_admin` delete nothing and
    come back to the page with the reason."""

    def _refused(self, request, exc: ValidationError, url: str) -> HttpResponseRedirect:
        self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(url)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            opts = self.model._meta
            return self._refused(
                request, exc, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id])
            )

    def response_action(self, request, queryset):
        try:
            with transaction.atomic():
                return super().response_action(request, queryset)
        except ValidationError as exc:
            return self._refused(request, exc, request.get_full_path())


class UserAdminForm(UserChangeForm):
    def clean_is_active(self):
        active = self.cleaned_data.get("is_active")
        if self.instance.pk and self.instance.is_active and not active:
            keep_a_network_admin([self.instance.pk])
        return active


@admin.register(User)
class UserAdmin(KeepsANetworkAdmin, BaseUserAdmin):
    form = UserAdminForm
    ordering = ("email",)
    list_display = ("email", "display_name", "preferred_language", "is_active", "is_superuser")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "preferred_language", "age_band", "gender", "residence")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def delete_model(self, request, obj):
        keep_a_network_admin([obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        keep_a_network_admin(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)


class OrganisationMemberInline(admin.TabularInline):
    model = OrganisationMember
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "collectivity")
    search_fields = ("name",)
    inlines = [OrganisationMemberInline]


class RoleAdminForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ("user", "collectivity", "kind", "title", "granted_by")

    def clean(self):
        data = super().clean()
        before = (
            Role.objects.filter(pk=self.instance.pk).values("kind", "user_id").first() if self.instance.pk else None
        )
        if before and before["kind"] == Role.Kind.NETWORK_ADMIN:
            user = data.get("user")
            if data.get("kind") != Role.Kind.NETWORK_ADMIN or (user is not None and user.pk != before["user_id"]):
                keep_a_network_admin([before["user_id"]])
        return data


@admin.register(Role)
class RoleAdmin(KeepsANetworkAdmin, admin.ModelAdmin):
    form = RoleAdminForm
    list_display = ("user", "kind", "collectivity", "granted_at")
    list_filter = ("kind",)
    autocomplete_fields = ("user", "collectivity")

    def delete_model(self, request, obj):
        if obj.kind == Role.Kind.NETWORK_ADMIN:
            keep_a_network_admin([obj.user_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        keep_a_network_admin(queryset.filter(kind=Role.Kind.NETWORK_ADMIN).values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
