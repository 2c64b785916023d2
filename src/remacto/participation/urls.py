"""URLs of participation (inside the language prefix).

Targets are addressed as ``<app_label.model>/<pk>`` (for example ``participation.discussion/3``).
"""

from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("participation/<str:ct>/<int:pk>/support/", views.support, name="support"),
    path("participation/<str:ct>/<int:pk>/follow/", views.follow, name="follow"),
    path("participation/<str:ct>/<int:pk>/comments/", views.comments, name="comments"),
    path("participation/<str:ct>/<int:pk>/report/", views.flag, name="flag"),
    path("participation/<str:ct>/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit_comment"),
    path("members/<slug:slug>/moderation/", views.moderation_queue, name="moderation"),
    path("members/<slug:slug>/moderation/log/", views.moderation_log, name="moderation_log"),
    path("members/<slug:slug>/discussions/", views.discussions, name="discussions"),
    path("members/<slug:slug>/discussions/new/", views.discussion_create, name="discussion_create"),
    path("members/<slug:slug>/discussions/<int:pk>/", views.discussion, name="discussion"),
]
