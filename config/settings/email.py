"""E-mail for notices (core.notices): Django's e-mail framework, configured from the environment.

Embedded default: the file backend, one file per e-mail under ``var/mail/`` (or the console
with ``EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend``). Production: SMTP,
from ``EMAIL_URL`` (``smtp+tls://user:password@host:587``, parsed by django-environ) or from
``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
``EMAIL_USE_TLS`` / ``EMAIL_USE_SSL``.
"""

from __future__ import annotations

from config.settings.environment import PRODUCTION, VAR_DIR, env

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_FILE = "django.core.mail.backends.filebased.EmailBackend"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=_SMTP if PRODUCTION else _FILE)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
if env.str("EMAIL_URL", default=""):
    _url = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _url["EMAIL_BACKEND"]
    EMAIL_HOST = _url["EMAIL_HOST"]
    EMAIL_PORT = _url["EMAIL_PORT"] or EMAIL_PORT
    EMAIL_HOST_USER = _url["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _url["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = bool(_url.get("EMAIL_USE_TLS", False))
    EMAIL_USE_SSL = bool(_url.get("EMAIL_USE_SSL", False))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="notices@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The absolute links in notice e-mails start with this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
