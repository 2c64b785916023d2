"""URL patterns of progress: the public follow-up page of a project, its updates' files, posting an update and the
project's staff."""

from django.urls import path

from ..views import progress
from . import PROJECT

urlpatterns = [
    path(PROJECT, progress.project_page, name="project"),
    path(PROJECT + "photos/<int:photo>/", progress.update_photo, name="update_photo"),
    path(PROJECT + "documents/<int:document>/", progress.update_document, name="update_document"),
    path(PROJECT + "updates/new/", progress.post_update, name="post_update"),
    path(PROJECT + "team/", progress.team, name="assignments"),
    path(PROJECT + "team/<int:pk>/remove/", progress.unassign, name="unassign"),
]
