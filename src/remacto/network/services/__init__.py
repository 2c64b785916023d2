"""Writes of the network layer: membership applications (``applications``) and news (``news``)."""
