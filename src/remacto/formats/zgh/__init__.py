"""Amazigh (zgh)."""
