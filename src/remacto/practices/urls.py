"""URL patterns of the good-practice library."""

from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/<int:pk>/", views.detail, name="detail"),
    path("practices/<int:pk>/edit/", views.edit, name="edit"),
    path("practices/<int:pk>/review/<slug:action>/", views.review, name="review"),
    path("practices/<int:pk>/use/", views.use_template, name="use"),
    path("practices/documents/<int:pk>/", views.document, name="document"),
    path("members/<slug:slug>/practices/new/", views.submit, name="submit"),
    path("network/practices/", views.queue, name="queue"),
    path("network/practices.csv", views.export_csv, name="export"),
]
