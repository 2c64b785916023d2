"""URLs of the public network pages (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.space, name="space"),
    path("charter/", views.charter, name="charter"),
]
