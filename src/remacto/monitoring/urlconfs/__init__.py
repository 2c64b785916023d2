"""URL patterns of implementation and monitoring, one module per area."""

PROGRAMME = "members/<slug:slug>/programme/<cycle:cycle>/"
PROJECT = "members/<slug:slug>/projects/<int:project>/"
