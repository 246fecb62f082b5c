import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Load the leak scanner's data (gazetteer and German nouns: about 2 s, 150 MB) once, before gunicorn forks its
# workers with --preload, so they share it and the first review page is not slow.
from django.conf import settings  # noqa: E402

if settings.SCANNER_PRELOAD:
    import gc

    from narratives.anonymize import preload

    preload()
    # Long-lived from now on: out of the collector's way (and of copy-on-write in the forks).
    gc.freeze()
