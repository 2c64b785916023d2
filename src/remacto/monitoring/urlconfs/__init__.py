"""URL patterns of implementation and monitoring, one module per area."""

import remacto.cocreation.urlconfs  # noqa: F401 - registers the ``cycle`` path converter used below

PROGRAMME = "members/<slug:slug>/programme/<cycle:cycle>/"
PROJECT = "members/<slug:slug>/projects/<int:project>/"
