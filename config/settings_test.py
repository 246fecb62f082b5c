"""Settings for the test suite: the environment's settings, with a private ``var/``.

Only defaults are set here, so ``DATABASE_URL`` and ``REDIS_URL`` from the environment still
decide which database and broker the suite runs against. Processes the tests start (Celery
workers, servers) inherit the same environment and therefore the same settings.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _redis_url_for_worker(url: str, index: int) -> str:
    """The shared Redis at ``url``, one database number further per xdist worker (gw0 keeps
    the number given), so workers never see, consume or delete each other's keys."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = base + index
    if number > 15:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"REDIS_URL's database {base} plus {index} for xdist worker {index} is past 15: "
            "give REDIS_URL a lower database number or run fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{number}"))


# Each test session, and each pytest-xdist worker of it, has its own VAR_DIR under var/test/
# (or under the VAR_DIR given): its SQLite file, the embedded Redis's socket, media and secrets.
# Two sessions in one checkout, or two workers, sharing one would start two Redis servers on
# one socket, flush each other's data and recreate each other's database. The processes the
# tests start inherit the environment set here (TEST_VAR_OWNER says it is set already), and
# tests/conftest.py removes the folder when the session ends.
_TEST_VAR_BASE = os.environ.setdefault(
    "TEST_VAR_BASE",
    os.environ.get("VAR_DIR") or str(Path(__file__).resolve().parent.parent / "var" / "test"),
)
_SESSION = os.environ.setdefault("TEST_DB_SESSION", str(os.getpid()))
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_OWNER = f"{_SESSION}-{_WORKER}" if _WORKER else _SESSION
if os.environ.get("TEST_VAR_OWNER") != _OWNER:
    os.environ["TEST_VAR_OWNER"] = _OWNER
    os.environ["VAR_DIR"] = str(Path(_TEST_VAR_BASE) / _OWNER)
    if _WORKER and os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _redis_url_for_worker(
            os.environ["REDIS_URL"], int(_WORKER.removeprefix("gw") or 0)
        )
os.environ.setdefault("CACHE_KEY_PREFIX", "cms-test")
# Worker processes started by tests load the gazetteer lazily, only if they scan.
os.environ.setdefault("SCANNER_PRELOAD", "false")

from config.settings import *  # noqa: E402, F403
from config.settings import DATABASES, RUNTIME_DIRECTORIES, STORAGES, VAR_DIR  # noqa: E402

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
    # in the session's own VAR_DIR (the processes it starts inherit it): two sessions sharing
    # a file would recreate and flush it under each other, and a live server's requests would
    # find no tables (every one a 503, database unavailable). Under xdist pytest-django adds
    # the worker's name (test-db.sqlite3_gw0); on PostgreSQL, test_<name>_gw0.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

# The suite's webhook receivers listen on 127.0.0.1; tests of the URL check turn this off.
WEBHOOK_ALLOW_LOOPBACK = True
