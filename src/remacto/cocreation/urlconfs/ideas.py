"""URL patterns of co-creation: ideas (list, page, submission, staff entry and import) and the committee's triage."""

from django.urls import path

from ..views import ideas
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME + "ideas/", ideas.idea_list, name="ideas"),
    path(PROGRAMME + "ideas/new/", ideas.idea_submit, name="idea_submit"),
    path(PROGRAMME + "ideas/record/", ideas.ideas_record, name="ideas_record"),
    path(PROGRAMME + "ideas/import/", ideas.ideas_import, name="ideas_import"),
    path(PROGRAMME + "ideas/import/template.csv", ideas.ideas_import_template, name="ideas_import_template"),
    path(PROGRAMME + "ideas/import/<int:job>/", ideas.import_status, name="import_status"),
    path(PROGRAMME + "ideas/<int:pk>/", ideas.idea_detail, name="idea"),
    path(PROGRAMME + "ideas/<int:pk>/edit/", ideas.idea_edit, name="idea_edit"),
    path(PROGRAMME + "ideas/<int:pk>/files/<int:attachment>/", ideas.idea_attachment, name="idea_attachment"),
    path(PROGRAMME + "triage/", ideas.triage, name="triage"),
    path(PROGRAMME + "triage/<int:pk>/", ideas.triage_decide, name="triage_decide"),
]
