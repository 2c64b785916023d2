"""URL patterns of co-creation, one module per area: ideas and triage, public outputs, staff management."""

from django.urls import register_converter


class CycleConverter:
    """A programme cycle in URLs: two years, ``2024-2025``."""

    regex = r"\d{4}-\d{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CycleConverter, "cycle")

PROGRAMME = "members/<slug:slug>/programme/<cycle:cycle>/"
