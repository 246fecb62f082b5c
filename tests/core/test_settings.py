"""Settings come from the environment; the embedded defaults generate their secrets once."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from cryptography.fernet import Fernet

from tests.reliability.process import ROOT

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECRET_KEY); print(s.FIELD_ENCRYPTION_KEY[0]); print(s.DATABASES['default']['ENGINE']);"
    "print(s.CELERY_BROKER_URL); print(s.CACHES['default']['BACKEND'])"
)


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "FIELD_ENCRYPTION_KEY",
            "DJANGO_ENV",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(extra)
    return env


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_env(**env), capture_output=True, text=True
    )


def test_embedded_defaults_generate_private_secrets_once(tmp_path):
    first = _run(PRINT_SETTINGS, VAR_DIR=str(tmp_path))
    second = _run(PRINT_SETTINGS, VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    secret, fernet_key, engine, broker, cache = first.stdout.split()
    assert len(secret) >= 50
    Fernet(fernet_key.encode())  # a valid key
    assert engine == "django.db.backends.sqlite3"
    # The embedded Redis, on a socket in VAR_DIR, is broker and cache.
    assert broker == f"redis+socket://{tmp_path}/redis.sock"
    assert cache.endswith("RedisCache")
    for name in ("secret_key", "field_encryption_key"):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, oct(mode)


def test_redis_url_switches_broker_and_cache(tmp_path):
    result = _run(PRINT_SETTINGS, VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6399/3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[3] == "redis://127.0.0.1:6399/3"
    assert lines[4] == "django.core.cache.backends.redis.RedisCache"
    assert not (tmp_path / "broker").exists()


def test_production_refuses_to_start_without_secrets(tmp_path):
    result = _run(PRINT_SETTINGS, VAR_DIR=str(tmp_path), DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment in production" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_debug(tmp_path):
    result = _run(
        PRINT_SETTINGS,
        VAR_DIR=str(tmp_path),
        DJANGO_ENV="production",
        DEBUG="true",
        SECRET_KEY="x" * 60,
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env(
            VAR_DIR=str(tmp_path),
            DJANGO_ENV="production",
            SECRET_KEY="k" + Fernet.generate_key().decode() + Fernet.generate_key().decode(),
            FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
            ALLOWED_HOSTS="cms.example.org",
        ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_object_storage_is_a_private_bucket_with_presigned_urls(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.STORAGES['default']['OPTIONS']; "
        "print(o['querystring_auth'], o['querystring_expire'], o['default_acl'])"
    )
    ok = _run(code, VAR_DIR=str(tmp_path), MEDIA_STORAGE="s3", MEDIA_S3_BUCKET="b")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.split() == ["True", "60", "None"]
    unsigned = _run(
        code,
        VAR_DIR=str(tmp_path),
        MEDIA_STORAGE="s3",
        MEDIA_S3_BUCKET="b",
        MEDIA_S3_CUSTOM_DOMAIN="cdn.example.org",
    )
    assert unsigned.returncode != 0
    assert "MEDIA_S3_CUSTOM_DOMAIN serves files without signatures" in unsigned.stderr


def test_importing_the_settings_writes_nothing(tmp_path):
    var_dir = tmp_path / "var"
    code = (
        "import config.settings as s; print(len(s.INSTALLED_APPS)); "
        "import django; django.setup(); from django.conf import settings; "
        "print(len(settings.SECRET_KEY))"
    )
    imported = _run("import config.settings", VAR_DIR=str(var_dir))
    assert imported.returncode == 0, imported.stderr
    assert not var_dir.exists()  # folders and secrets are made at start-up, not on import
    started = _run(code, VAR_DIR=str(var_dir))
    assert started.returncode == 0, started.stderr
    assert {p.name for p in var_dir.iterdir()} >= {"secret_key", "field_encryption_key"}
