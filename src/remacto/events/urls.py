"""URLs of the network's events and trainings (inside the language prefix)."""

from django.urls import path

from .views import public, staff

app_name = "events"

urlpatterns = [
    path("events/", public.index, name="index"),
    path("events/trainings/", public.trainings, name="trainings"),
    path("events/calendar.ics", public.feed_ics, name="feed"),
    path("events/new/", staff.event_edit, name="new"),
    path("events/<int:pk>/", public.event, name="event"),
    path("events/<int:pk>/event.ics", public.event_ics, name="ics"),
    path("events/<int:pk>/register/", public.register, name="register"),
    path("events/<int:pk>/cancel/", public.cancel, name="cancel"),
    path("events/<int:pk>/certificate.pdf", public.certificate_pdf, name="certificate"),
    path("events/<int:pk>/edit/", staff.event_edit, name="edit"),
    path("events/<int:pk>/agenda/", staff.agenda, name="agenda"),
    path("events/<int:pk>/outputs/", staff.outputs, name="outputs"),
    path("events/<int:pk>/door/", staff.door, name="door"),
    path("events/<int:pk>/registrations.csv", staff.registrations_csv, name="csv"),
]
