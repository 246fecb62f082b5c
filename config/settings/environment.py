"""What every part of the settings reads first: the environment, the mode and the folders.

No I/O here: ``VAR_DIR`` is only named; ``core.runtime.prepare`` (run by ``core``'s
``AppConfig.ready()``) creates it.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'embedded' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var"))).resolve()

# The folders ``core.runtime.prepare`` creates at start-up.
RUNTIME_DIRECTORIES = [VAR_DIR]
