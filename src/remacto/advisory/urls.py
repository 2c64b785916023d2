"""URLs of the advisory bodies, under a member collectivity's space (inside the language prefix)."""

from django.urls import path

from .views import public, staff

app_name = "advisory"

BASE = "members/<slug:slug>/advisory/"

urlpatterns = [
    path(BASE, public.bodies, name="bodies"),
    path(BASE + "new/", staff.body_edit, name="body_new"),
    path(BASE + "<int:pk>/", public.body, name="body"),
    path(BASE + "<int:pk>/edit/", staff.body_edit, name="body_edit"),
    path(BASE + "<int:pk>/members/", staff.members, name="members"),
    path(BASE + "<int:pk>/members/<int:member>/remove/", staff.member_remove, name="member_remove"),
    path(BASE + "<int:pk>/meetings/new/", staff.meeting_edit, name="meeting_new"),
    path(BASE + "<int:pk>/meetings/<int:meeting>/edit/", staff.meeting_edit, name="meeting_edit"),
    path(BASE + "meetings/<int:pk>/minutes.pdf", public.minutes, name="minutes"),
    path(BASE + "requests/", staff.register, name="register"),
    path(BASE + "requests.csv", staff.register_csv, name="register_csv"),
    path(BASE + "requests/new/", staff.request_new, name="request_new"),
    path(BASE + "requests/<int:pk>/", public.request_page, name="request"),
    path(BASE + "requests/<int:pk>/opinion/", staff.opinion_give, name="opinion_give"),
    path(BASE + "requests/<int:pk>/close/", staff.request_close, name="request_close"),
    path(BASE + "requests/<int:pk>/draft.pdf", public.draft_document, name="draft_document"),
    path(BASE + "requests/<int:pk>/opinion.pdf", public.opinion_document, name="opinion_document"),
]
