"""Celery application: eager in the embedded default, a real worker on Redis when ``REDIS_URL`` is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")

app = Celery("remacto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
