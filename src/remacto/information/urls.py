"""URL patterns of access to information."""

from django.urls import path

from .views import cdai, public, requests

app_name = "information"

MEMBER = "members/<slug:slug>/information/"

urlpatterns = [
    path(MEMBER, public.home, name="home"),
    path(MEMBER + "request/", requests.file_request, name="request_new"),
    path(MEMBER + "record/", requests.record_request, name="record"),
    path(MEMBER + "register/", requests.register, name="register"),
    path(MEMBER + "register.csv", requests.register_csv, name="register_csv"),
    path(MEMBER + "requests/<int:pk>/", requests.request_detail, name="request"),
    path(MEMBER + "requests/<int:pk>/document/", requests.answer_document, name="answer_document"),
    path(MEMBER + "requests/<int:pk>/cdai/<str:lang>/", cdai.cdai_pdf, name="cdai"),
    path(MEMBER + "answers/<int:pk>/", public.answer, name="answer"),
    path(MEMBER + "documents/", public.disclosures, name="disclosures"),
    path(MEMBER + "documents/new/", public.disclosure_new, name="disclosure_new"),
    path(MEMBER + "documents/<int:pk>/", public.disclosure, name="disclosure"),
    path(MEMBER + "documents/<int:pk>/file/", public.disclosure_file, name="disclosure_file"),
    path(MEMBER + "documents/<int:pk>/remove/", public.disclosure_remove, name="disclosure_remove"),
    path("information/mine/", requests.mine, name="mine"),
]
