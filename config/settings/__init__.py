"""Settings, read from the environment only, one module per concern.

Two modes:

* embedded (the default): SQLite, an embedded Redis (broker and cache) on a socket under
  ``var/``, secrets generated once into ``var/``; for a demo or a single-machine install.
* production (``DJANGO_ENV=production``): every secret must come from the environment, and
  ``manage.py check --deploy`` is clean.

Importing the settings reads the environment and nothing else: the folders under ``var/``
and the generated secrets are made by ``core.runtime.prepare``, which ``core``'s
``AppConfig.ready()`` runs at start-up.

The parts: ``environment`` (mode and folders), ``keys`` (secrets), ``base`` (apps,
middleware, database, time, domain), ``celery`` (broker, cache, tasks, beat), ``storage``
(static and media), ``security`` (auth, sessions, HTTP headers), ``api`` (partner API and
webhooks), ``email`` (the notices' e-mail), ``logging``.
"""

# ruff: noqa: I001  (the order is the order of the checks: secrets first, as before)
from config.settings.environment import *  # noqa: F403
from config.settings.keys import *  # noqa: F403
from config.settings.base import *  # noqa: F403
from config.settings.celery import *  # noqa: F403
from config.settings.storage import *  # noqa: F403
from config.settings.security import *  # noqa: F403
from config.settings.api import *  # noqa: F403
from config.settings.email import *  # noqa: F403
from config.settings.logging import *  # noqa: F403
