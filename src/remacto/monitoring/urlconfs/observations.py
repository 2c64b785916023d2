"""URL patterns of residents' observations of a project."""

from django.urls import path

from ..views import observations as views
from . import PROJECT

urlpatterns = [
    path(PROJECT + "observations/", views.observations, name="observations"),
    path(PROJECT + "observations/new/", views.observe, name="observe"),
    path(PROJECT + "observations/<int:pk>/", views.observation, name="observation"),
    path(PROJECT + "observations/<int:pk>/photo/", views.observation_photo, name="observation_photo"),
]
