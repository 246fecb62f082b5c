from __future__ import annotations

import importlib
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps

from core.roles import ANALYST, CUSTODIAN, EDITOR, PARTNER
from scripts import provision_browser
from tests.factories import UserFactory

# --- The session's own VAR_DIR (config/settings_test.py) ---------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pytest_configure(config):
    """Remove what sessions that were killed left in var/test/ (their pid is gone)."""
    base = os.environ.get("TEST_VAR_BASE")
    if os.environ.get("PYTEST_XDIST_WORKER") or not base or not Path(base).is_dir():
        return
    for entry in Path(base).iterdir():
        found = re.fullmatch(r"(\d+)(-gw\d+)?", entry.name)
        if found and entry.is_dir() and int(found[1]) != os.getpid() and not _alive(int(found[1])):
            shutil.rmtree(entry, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker per CPU, at most 8, and no more than the shared Redis has
    database numbers from REDIS_URL's on (each worker takes the next; settings_test.py)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(cpus or 1, 8)
    if os.environ.get("REDIS_URL"):
        workers = min(workers, 16 - int(urlsplit(os.environ["REDIS_URL"]).path.strip("/") or 0))
    return max(workers, 1)


def pytest_unconfigure(config):
    """Remove this session's (or this xdist worker's) VAR_DIR once everything has stopped."""
    base, owner = os.environ.get("TEST_VAR_BASE"), os.environ.get("TEST_VAR_OWNER")
    var_dir = os.environ.get("VAR_DIR")
    if base and owner and var_dir and Path(var_dir) == Path(base) / owner:
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def embedded_redis():
    """Without REDIS_URL, broker and cache are the embedded Redis, as under `make run`: start
    one for the session (in the suite's own var/, without persistence)."""
    from django.conf import settings

    if not settings.EMBEDDED_REDIS:
        yield None
        return
    import subprocess

    import redis

    from core.embedded_redis import server_command, socket_path

    client = redis.Redis(unix_socket_path=str(socket_path(settings.VAR_DIR)))
    server = subprocess.Popen(
        server_command(settings.VAR_DIR, durable=False), start_new_session=True
    )
    try:
        for _ in range(300):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None:
                    pytest.fail("the embedded Redis exited at start; see its output above")
                time.sleep(0.05)
        client.flushall()
        yield server
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(autouse=True)
def _fresh_login_budgets():
    """Login failure budgets (core/lockout.py) live in Redis across tests: start each empty."""
    yield
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if isinstance(cache, RedisCache):
        try:
            client = cache._cache.get_client(write=True)
            keys = list(client.scan_iter(match="*login-failures:*", count=1000))
            if keys:
                client.delete(*keys)
        except Exception:  # noqa: S110 - a test that stopped its Redis
            pass


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through LocaleMiddleware leaves
    its language active in the thread, which would leak into the next test's refusals."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_disclosure_check():
    """The disclosure index's version is checked at most once a second per process
    (narratives.selectors): each test's database is another, so each checks it afresh."""
    from narratives.selectors import forget_disclosure_index

    forget_disclosure_index()
    yield


ROLE_USERNAMES = {EDITOR: "t_editor", ANALYST: "t_analyst", CUSTODIAN: "t_custodian"}


@pytest.fixture
def editor(db):
    return UserFactory(username="t_editor", role=EDITOR, is_staff=True)


@pytest.fixture
def analyst(db):
    return UserFactory(username="t_analyst", role=ANALYST)


@pytest.fixture
def analyst2(db):
    """A second analyst, for the four-eyes rules."""
    return UserFactory(username="t_analyst2", role=ANALYST)


@pytest.fixture
def custodian(db):
    return UserFactory(username="t_custodian", role=CUSTODIAN, is_staff=True)


@pytest.fixture
def partner_user(db):
    return UserFactory(username="t_partner", role=PARTNER)


@pytest.fixture
def superuser(db):
    return UserFactory(username="t_root", is_staff=True, is_superuser=True)


# --- Browser tests ----------------------------------------------------------------------------
# A real Chromium, driven by Playwright. `make test` finds or installs one first
# (scripts/provision_browser.py) and records its path; a missing browser fails the test with
# what to do, it never skips.

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
BROWSER_WAIT_MS = 15_000


def chromium_path() -> str | None:
    """The Chromium `make test` provisioned, else one this machine already has."""
    record = provision_browser.RECORD
    recorded = record.read_text(encoding="utf-8").strip() if record.exists() else ""
    return provision_browser.executable(recorded) or provision_browser.provision(
        install=False, log=print
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.fail("No Chromium for the browser tests. " + provision_browser.ADVICE)
    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM
    # calls are still synchronous, so let Django run them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect

    # Assertions wait as long as the tests' actions do (15 s, not Playwright's 5 s): a machine
    # running two suites at once took longer than 5 s to redraw a counter after a template
    # change (seen once in a fresh clone's `make test` beside `.ci/run`).
    expect.set_options(timeout=BROWSER_WAIT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def reasons(transactional_db):
    """Re-seed the reasons: the flush between transactional tests drops what the data
    migration seeded (role groups come back through post_migrate, reasons do not)."""
    importlib.import_module("narratives.migrations.0002_seed_reasons").seed(django_apps, None)


# --- Outages ----------------------------------------------------------------------------------


class DatabaseOutage:
    """Refuse every connection from now on, at ``ensure_connection`` (the step every query
    goes through), the way a stopped server refuses them."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch

    def start(self) -> None:
        from django.db import OperationalError, connections

        def refuse(*args, **kwargs):
            raise OperationalError("connection refused (simulated outage)")

        self.monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


@pytest.fixture
def database_outage(db, monkeypatch):
    return DatabaseOutage(monkeypatch)


@pytest.fixture
def redis_cache(tmp_path):
    """A private redis-server as the cache (``.stop()`` it for a real Redis outage)."""
    from django.test.utils import override_settings

    from tests.reliability.process import ThrowawayRedis

    server = ThrowawayRedis(tmp_path)
    server.start()
    cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
    try:
        with override_settings(CACHES={"default": cache}):
            yield server
    finally:
        server.stop()
