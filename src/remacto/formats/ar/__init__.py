"""Arabic (Morocco)."""
