"""Security headers: the CSP in every mode, and HSTS, secure cookies and the rest in production."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from tests.reliability.process import ROOT

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize("url", ["/accounts/login/", "/review/", "/admin/", "/admin/login/"])
def test_every_page_carries_a_strict_content_security_policy(client, superuser, url):
    client.force_login(superuser)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    everything = " ".join(" ".join(v) for v in policy.values())
    assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_own_templates_have_no_inline_script_or_style():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for needle in ("<script>", "style=", " onclick=", " onload=", " onsubmit=", "<style"):
            if path.name == "swagger_ui.html" and needle == "<script>":
                continue  # only for drf-spectacular's non-split view, which we do not use
            assert needle not in text, f"{needle} in {path.relative_to(ROOT)}"


PRODUCTION_PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
# No collectstatic here: read static files from the apps rather than the manifest.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client()
plain = client.get("/accounts/login/")
secure = client.get("/accounts/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "csrf_cookie_secure": bool(cookie["secure"]),
    "csrf_cookie_httponly": bool(cookie["httponly"]),
}))
"""


def test_production_mode_sends_hsts_secure_cookies_and_the_policy(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV="production",
        SECRET_KEY="k" + Fernet.generate_key().decode() + Fernet.generate_key().decode(),
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="testserver",
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://")
    assert probe["status"] == 200
    headers = probe["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert probe["csrf_cookie_secure"] and probe["csrf_cookie_httponly"]
