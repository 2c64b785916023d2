"""URLs of co-creation (inside the language prefix), gathered from one module per area."""

from .urlconfs import ideas, outputs, staff

app_name = "cocreation"

urlpatterns = [*outputs.urlpatterns, *ideas.urlpatterns, *staff.urlpatterns]
