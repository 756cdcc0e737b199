"""The Celery app. Tasks stay thin: they load ids and call a service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "console.settings")

app = Celery("console")
# All CELERY_* settings in console/settings.py configure the app.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
