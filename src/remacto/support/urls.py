"""URL patterns of the support desk and the public FAQ."""

from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("support/", views.desk, name="desk"),
    path("support/tickets.csv", views.desk_csv, name="desk_csv"),
    path("support/new/", views.ticket_new, name="new"),
    path("support/targets/", views.targets, name="targets"),
    path("support/tickets/<int:pk>/", views.ticket, name="ticket"),
    path("support/tickets/<int:pk>/faq/", views.faq_new, name="faq_new"),
    path("support/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("faq/", views.faq, name="faq"),
    path("faq/<int:pk>/", views.faq_entry, name="faq_entry"),
    path("faq/<int:pk>/remove/", views.faq_remove, name="faq_remove"),
]
