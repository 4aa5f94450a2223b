"""WSGI entry point for production servers (gunicorn, uWSGI) and ``runserver``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderlink.settings")
application = get_wsgi_application()

# Build the screening index while the server starts, not on the first checkpoint query.
from borderlink.screening.runtime import warm_in_background  # noqa: E402  (needs the settings above)

warm_in_background()
