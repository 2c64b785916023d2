"""Settings of the processes the multi-node test starts: the production settings (``DEBUG=0`` comes from their
environment), except that static files are read from the apps, so the test needs no ``collectstatic``."""

from remacto.settings import *  # noqa: F403
from remacto.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
