"""URL patterns of monitoring: the open data of a programme's implementation (downloads page and files)."""

from django.urls import path

from ..views import opendata
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME + "monitoring/data/", opendata.downloads, name="opendata"),
    path(PROGRAMME + "monitoring/data/<slug:what>.<slug:fmt>", opendata.download, name="opendata_file"),
]
