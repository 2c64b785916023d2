"""URLs of account pages (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("privacy/", views.privacy, name="privacy"),
    path("profile/my-data.json", views.data_download, name="data_download"),
    path("profile/delete/", views.account_delete, name="account_delete"),
    path("members/<slug:slug>/roles/", views.roles, name="roles"),
    path("roles/<int:pk>/revoke/", views.revoke_role, name="revoke_role"),
    path("audit/", views.audit_log, name="audit"),
    path("members/<slug:slug>/audit/", views.audit_log, name="collectivity_audit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path(
        "organisation-members/<int:pk>/remove/",
        views.organisation_member_remove,
        name="organisation_member_remove",
    ),
]
