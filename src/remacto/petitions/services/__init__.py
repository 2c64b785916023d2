"""Petition services: filing and the lifecycle (:mod:`.lifecycle`), signatures (:mod:`.signatures`), thresholds
and populations (:mod:`.thresholds`)."""
