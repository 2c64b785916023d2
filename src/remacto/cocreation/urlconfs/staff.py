"""URL patterns of co-creation: programme management, meetings, projects, consultation answers, adoption."""

from django.urls import path

from ..views import staff
from . import PROGRAMME

urlpatterns = [
    path("members/<slug:slug>/programme/new/", staff.programme_create, name="programme_create"),
    path(PROGRAMME + "manage/", staff.manage, name="manage"),
    path(PROGRAMME + "manage/phase/", staff.manage_phase, name="manage_phase"),
    path(PROGRAMME + "manage/dates/", staff.manage_dates, name="manage_dates"),
    path(PROGRAMME + "manage/axes/new/", staff.axis_edit, name="axis_create"),
    path(PROGRAMME + "manage/axes/<int:pk>/", staff.axis_edit, name="axis_edit"),
    path(PROGRAMME + "manage/committee/new/", staff.committee_edit, name="committee_create"),
    path(PROGRAMME + "manage/committee/<int:pk>/", staff.committee_edit, name="committee_edit"),
    path(PROGRAMME + "meetings/", staff.meeting_list, name="meetings"),
    path(PROGRAMME + "meetings/new/", staff.meeting_edit, name="meeting_create"),
    path(PROGRAMME + "meetings/<int:pk>/", staff.meeting_detail, name="meeting"),
    path(PROGRAMME + "meetings/<int:pk>/edit/", staff.meeting_edit, name="meeting_edit"),
    path(PROGRAMME + "meetings/<int:pk>/attendance/", staff.meeting_attendance, name="meeting_attendance"),
    path(PROGRAMME + "meetings/<int:pk>/register/", staff.meeting_register, name="meeting_register"),
    path(PROGRAMME + "meetings/<int:pk>/photos/", staff.meeting_photo, name="meeting_photo"),
    path(PROGRAMME + "meetings/<int:pk>/committee/", staff.meeting_committee, name="meeting_committee"),
    path(PROGRAMME + "projects/", staff.project_list, name="projects"),
    path(PROGRAMME + "projects/new/", staff.project_edit, name="project_create"),
    path(PROGRAMME + "projects/<int:pk>/", staff.project_detail, name="project"),
    path(PROGRAMME + "projects/<int:pk>/edit/", staff.project_edit, name="project_edit"),
    path(PROGRAMME + "projects/<int:pk>/amend/", staff.project_amend, name="project_amend"),
    path(PROGRAMME + "projects/<int:pk>/feedback/", staff.feedback_add, name="feedback_add"),
    path(PROGRAMME + "projects/<int:pk>/answer/<str:kind>/<int:contribution>/", staff.answer, name="answer"),
    path(PROGRAMME + "opinions/new/", staff.opinion_add, name="opinion_add"),
    path(PROGRAMME + "adoption/", staff.adoption_record, name="adoption"),
]
