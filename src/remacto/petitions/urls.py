"""URL patterns of petitions."""

from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("petitions/", views.petition_list, name="list"),
    path("petitions/<int:pk>/", views.detail, name="detail"),
    path("petitions/<int:pk>/edit/", views.edit, name="edit"),
    path("petitions/<int:pk>/sign/", views.sign, name="sign"),
    path("petitions/<int:pk>/open/", views.open_collection, name="open"),
    path("petitions/<int:pk>/submit/", views.submit, name="submit"),
    path("petitions/<int:pk>/decide/<slug:action>/", views.decide, name="decide"),
    path("petitions/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("petitions/<int:pk>/paper/", views.paper, name="paper"),
    path("petitions/<int:pk>/signatures.csv", views.signatures_csv, name="signatures_csv"),
    path("members/<slug:slug>/petitions/new/", views.file_petition, name="file"),
    path("members/<slug:slug>/petitions/register.csv", views.register_csv, name="register_csv"),
    path("members/<slug:slug>/petitions/population/", views.population, name="population"),
    path("network/petition-thresholds/", views.threshold_list, name="thresholds"),
    path("network/petition-thresholds/<int:pk>/", views.threshold_list, name="threshold_edit"),
]
