"""Account pages: profile, privacy (notice, data download, deletion), roles, audit log, organisations; the admin's
sign-in. Views stay thin."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remacto.core.forms import apply_service_errors as _apply_errors
from remacto.core.http import next_url
from remacto.core.models import AuditLogEntry
from remacto.core.pagination import paginate, querystring_without_page
from remacto.territories.models import Collectivity

from . import privacy as privacy_services
from . import services
from .forms import AccountDeleteForm, OrganisationForm, OrganisationMemberForm, ProfileForm, RoleGrantForm
from .models import Organisation, OrganisationMember, Role


def admin_login(request):
    """The admin's sign-in page is the site's (allauth): the same login limits and second factor for staff.

    Anonymous visitors go to the site's sign-in with ``next`` (kept when it is a path of this site, else the
    admin index), in the current language; signed-in staff go on to ``next``; other signed-in people are refused.
    """
    target = next_url(request, reverse("admin:index"))
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    return redirect(target)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                request.user,
                request.user,
                statistics_consent=form.cleaned_data["statistics_consent"],
                **{f: form.cleaned_data[f] for f in services.PROFILE_FIELDS},
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    roles = request.user.roles.select_related("collectivity")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})


def privacy(request):
    """The privacy notice (law 09-08): what is collected, why, for how long, whom to contact."""
    context = {"cndp_declaration": settings.CNDP_DECLARATION, "contact_email": settings.PRIVACY_CONTACT_EMAIL}
    return render(request, "accounts/privacy.html", context)


@login_required
def data_download(request):
    """Everything the platform holds about the signed-in person, as a JSON file."""
    response = HttpResponse(
        privacy_services.export_json(request.user, request.user), content_type="application/json; charset=utf-8"
    )
    filename = f"remacto-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def account_delete(request):
    """Delete one's own account after typing the password; nothing is deleted when it is wrong."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy_services.delete_account(request.user, request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. What you posted stays, shown as by a deleted account.")
            )
            return redirect("territories:home")
    return render(request, "accounts/account_delete.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def roles(request, slug: str):
    collectivity = get_object_or_404(Collectivity, slug=slug)
    if not request.user.has_perm("accounts.manage_roles", collectivity):
        raise PermissionDenied
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(
                request.user,
                form.cleaned_data["user"],
                form.cleaned_data["kind"],
                collectivity,
                form.cleaned_data["title"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The role is granted."))
            return redirect("accounts:roles", slug=slug)
    current = collectivity.roles.select_related("user").order_by("kind", "user__display_name")
    return render(request, "accounts/roles.html", {"collectivity": collectivity, "form": form, "roles": current})


@login_required
@require_POST
def revoke_role(request, pk: int):
    role = get_object_or_404(Role.objects.select_related("collectivity", "user"), pk=pk)
    try:
        services.revoke_role(request.user, role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role is removed."))
    if role.collectivity:
        return redirect("accounts:roles", slug=role.collectivity.slug)
    return redirect("accounts:profile")


@login_required
def audit_log(request, slug: str | None = None):
    """The network's audit log (network admins) or one collectivity's (its focal points too)."""
    entries = AuditLogEntry.objects.select_related("actor", "collectivity")
    collectivity = None
    if slug:
        collectivity = get_object_or_404(Collectivity, slug=slug)
        if not request.user.has_perm("accounts.view_collectivity_audit", collectivity):
            raise PermissionDenied
        entries = entries.filter(collectivity=collectivity)
    elif not request.user.has_perm("accounts.view_network_audit"):
        raise PermissionDenied
    action = request.GET.get("action", "")[:64]
    if action:
        entries = entries.filter(action=action)
    page = paginate(request, entries, per_page=50)
    return render(
        request,
        "accounts/audit_log.html",
        {"page": page, "collectivity": collectivity, "querystring": querystring_without_page(request)},
    )


def organisations(request):
    qs = Organisation.objects.select_related("collectivity").order_by("name")
    q = request.GET.get("q", "")[:100].strip()
    if q:
        qs = qs.filter(name__icontains=q)
    page = paginate(request, qs)
    return render(
        request,
        "accounts/organisations.html",
        {"page": page, "q": q, "querystring": querystring_without_page(request)},
    )


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organisation(request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The association is created. You are its admin."))
            return redirect("accounts:organisation", slug=org.slug)
    return render(request, "accounts/organisation_form.html", {"form": form})


def organisation(request, slug: str):
    org = get_object_or_404(Organisation.objects.select_related("collectivity"), slug=slug)
    can_manage = request.user.has_perm("accounts.manage_organisation", org)
    form = OrganisationMemberForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_organisation_member(
                    request.user, org, form.cleaned_data["email"], form.cleaned_data["is_admin"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The member is added."))
                return redirect("accounts:organisation", slug=slug)
    members = org.memberships.select_related("user").order_by("-is_admin", "user__display_name")
    return render(
        request,
        "accounts/organisation.html",
        {"organisation": org, "members": members, "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
def organisation_member_remove(request, pk: int):
    member = get_object_or_404(OrganisationMember.objects.select_related("organisation"), pk=pk)
    try:
        services.remove_organisation_member(request.user, member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The member is removed."))
    return redirect("accounts:organisation", slug=member.organisation.slug)
