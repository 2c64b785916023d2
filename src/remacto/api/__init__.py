"""The public read API (django-ninja), versioned under /api/v1/."""
