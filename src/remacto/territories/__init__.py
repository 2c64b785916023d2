"""Territories: regions, prefectures/provinces, collectivities, network membership and the charter."""
