"""WSGI entry point for any WSGI server (the web tier is stateless)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.config.settings")
application = get_wsgi_application()
