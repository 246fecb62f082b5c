"""The secret key and the vault's encryption keys.

From the environment; in embedded mode, generated once into ``var/`` (mode 0600). The
generated ones are lazy: nothing is read or written when the settings are imported, but on
first use, which ``core.runtime.prepare`` makes happen at start-up.
"""

from __future__ import annotations

import secrets

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import PRODUCTION, VAR_DIR, env
from core.runtime import generated_secret


def _generated_secret(name: str, make) -> str:
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in the environment in production.")
    return generated_secret(VAR_DIR, name, make)


SECRET_KEY = env.str("SECRET_KEY", default="") or _generated_secret(
    "SECRET_KEY", lambda: secrets.token_urlsafe(64)
)

# A comma-separated list of Fernet keys, newest first: the first encrypts, all decrypt.
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEY", default=[]) or [
    _generated_secret("FIELD_ENCRYPTION_KEY", lambda: Fernet.generate_key().decode())
]
