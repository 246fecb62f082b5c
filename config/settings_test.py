"""Settings for the test suite: the environment's settings, with a private ``var/``.

Only defaults are set here, so ``DATABASE_URL`` and ``REDIS_URL`` from the environment still
decide which database and broker the suite runs against. Processes the tests start (Celery
workers, servers) inherit the same environment and therefore the same settings.
"""

import os
from pathlib import Path

os.environ.setdefault("VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test"))
os.environ.setdefault("CACHE_KEY_PREFIX", "cms-test")
# Worker processes started by tests load the gazetteer lazily, only if they scan.
os.environ.setdefault("SCANNER_PRELOAD", "false")

from config.settings import *  # noqa: F403
from config.settings import DATABASES, RUNTIME_DIRECTORIES, STORAGES, VAR_DIR

# Tests do not run collectstatic; serve static files from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps' folders, as runserver would.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
RUNTIME_DIRECTORIES = [*RUNTIME_DIRECTORIES, VAR_DIR / "staticfiles"]  # made at start-up
# Fast hashing: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so worker processes started by the tests see the same database;
    # one per test session (the processes it starts inherit the name): two sessions in one
    # checkout sharing a file would recreate and flush it under each other, and a live
    # server's requests would find no tables (every one a 503, database unavailable).
    os.environ.setdefault("TEST_DB_SESSION", str(os.getpid()))
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test-db-{os.environ['TEST_DB_SESSION']}.sqlite3")
    }

# The suite's webhook receivers listen on 127.0.0.1; tests of the URL check turn this off.
WEBHOOK_ALLOW_LOOPBACK = True
