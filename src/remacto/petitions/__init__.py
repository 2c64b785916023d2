"""Petitions to the councils of member collectivities (organic laws 111.14, 112.14 and 113.14)."""
