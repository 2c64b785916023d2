"""Locale formats the project adds to Django's own (Amazigh)."""
