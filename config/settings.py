"""Settings, read from the environment only.

Two modes:

* embedded (the default): SQLite, an embedded Redis (broker and cache) on a socket under
  ``var/``, secrets generated once into ``var/``; for a demo or a single-machine install.
* production (``DJANGO_ENV=production``): every secret must come from the environment, and
  ``manage.py check --deploy`` is clean.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'embedded' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _generated_secret(name: str, make) -> str:
    """Return a secret kept in ``var/``, creating it (mode 0600) on first use."""
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in the environment in production.")
    path = VAR_DIR / name.lower()
    if not path.exists():
        # Write a private temporary file, then link it into place: link() fails if another
        # process got there first, so every process ends up reading the same secret.
        tmp = VAR_DIR / f".{name.lower()}.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _generated_secret(
    "SECRET_KEY", lambda: secrets.token_urlsafe(64)
)

# A comma-separated list of Fernet keys, newest first: the first encrypts, all decrypt.
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEY", default=[]) or [
    _generated_secret("FIELD_ENCRYPTION_KEY", lambda: Fernet.generate_key().decode())
]

DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production: error pages could leak data.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.apps.CmsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "core.apps.CoreConfig",
    "narratives",
    "campaigns.apps.CampaignsConfig",
    "partners",
    "evidence.apps.EvidenceConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    # First: every response, errors included, carries X-Request-ID (core.problems).
    "core.problems.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.audit.AuditContextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: the database or Redis being down is a 503, never a 500.
    "core.outages.OutageMiddleware",
    "core.security.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.security.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the view into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the web server read while the worker writes; IMMEDIATE takes the write
            # lock at BEGIN, so concurrent writers queue on busy_timeout instead of failing.
            # secure_delete zeroes what a DELETE or UPDATE frees, so erased words do not linger
            # in free pages of the database file (core.erasure checkpoints the WAL after).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA secure_delete=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

# --- Broker and cache -----------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
# Without REDIS_URL, `make run` supervises an embedded Redis (core/embedded_redis.py) on a unix
# socket in var/: the same broker and cache code as production, with nothing to install.
EMBEDDED_REDIS = not REDIS_URL
if EMBEDDED_REDIS:
    from core.embedded_redis import socket_path as _embedded_socket

    _socket = _embedded_socket(VAR_DIR)
    CELERY_BROKER_URL = f"redis+socket://{_socket}"
    _cache_location = f"unix://{_socket}?db=1"
else:
    CELERY_BROKER_URL = REDIS_URL
    _cache_location = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the hard time limit, so a running task is never redelivered.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CACHES = {
    "default": {
        # Shared by every web, worker and beat process; INCR is atomic across them.
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_location,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
    }
}

# --- Celery ---------------------------------------------------------------------------------

CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True  # tasks write their outcome to the database
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# A worker holds a rendition or webhook delivery under a lease it renews while it works;
# a lease that has run out means the worker died, and the sweeper hands the work out again.
WORK_LEASE_SECONDS = env.float("WORK_LEASE_SECONDS", default=15.0)
# Messages one publishing transaction claims (campaigns/publishing.py).
PUBLISH_BATCH_SIZE = env.int("PUBLISH_BATCH_SIZE", default=100)
WORK_LEASE_RENEW_SECONDS = env.float("WORK_LEASE_RENEW_SECONDS", default=5.0)

HEARTBEAT_INTERVAL = env.float("HEARTBEAT_INTERVAL", default=10.0)
# How old the last beat tick or worker heartbeat may be before /healthz calls it down.
HEARTBEAT_STALE_AFTER = env.float("HEARTBEAT_STALE_AFTER", default=HEARTBEAT_INTERVAL * 4)

CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "core.tasks.heartbeat",
        "schedule": HEARTBEAT_INTERVAL,
        "kwargs": {"from_beat": True},
        "options": {"expires": HEARTBEAT_INTERVAL * 3},
    },
    # The database holds the schedule; beat only wakes the sweeper. Expiring quickly keeps a
    # backlog of wake-ups from piling up while workers are down.
    "publish-due-messages": {
        "task": "campaigns.tasks.publish_due_messages",
        "schedule": env.float("PUBLISH_SWEEP_INTERVAL", default=0.5),
        "options": {"expires": 10},
    },
    # With WORK_LEASE_SECONDS, work whose worker died is taken up again within
    # lease + sweep interval (about 25 s).
    "sweep-renditions": {
        "task": "campaigns.tasks.sweep_renditions",
        "schedule": env.float("RENDITION_SWEEP_INTERVAL", default=10.0),
        "options": {"expires": 30},
    },
    "sweep-webhook-deliveries": {
        "task": "partners.tasks.sweep_webhook_deliveries",
        "schedule": env.float("WEBHOOK_SWEEP_INTERVAL", default=10.0),
        "options": {"expires": 30},
    },
    "retire-expired-consents": {
        "task": "narratives.tasks.retire_expired_consents",
        "schedule": env.float("CONSENT_SWEEP_INTERVAL", default=3600.0),
    },
}

# --- Passwords, auth ------------------------------------------------------------------------

# Argon2id first: new and re-saved passwords use it; older hashes are upgraded at next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username+address before the password is even checked.
    "core.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Analysts are not staff, so they sign in on our own page rather than the admin's.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/review/"

# Lockout (django-axes): this many failures for one username from one address lock that pair
# out for the cool-off time. Both login pages (admin and /accounts/login/) are covered.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit trail
AXES_VERBOSE = False  # the audit trail records failures; no second log line per attempt
# Budgets that hold against spraying (core/lockout.py), per window of LOGIN_LOCKOUT_MINUTES:
# failures for one username from any address, from one address over any usernames, and in
# all. Once one is spent, signing in needs the password and the authenticator code together.
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=10)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_GLOBAL_FAILURE_LIMIT = env.int("LOGIN_GLOBAL_FAILURE_LIMIT", default=200)
# How many proxies in front of the web processes append to X-Forwarded-For. 0 (the embedded
# default): the client is REMOTE_ADDR. Behind one TLS-terminating proxy, set 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (TOTP, django-otp): members of these roles (and superusers, when
# OTP_REQUIRED_FOR_SUPERUSERS) must enrol and verify a device before anything else. Every
# staff role is on the list: analysts read unpublished testimony.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=PRODUCTION)
OTP_REQUIRED_FOR_ROLES = env.list(
    "OTP_REQUIRED_FOR_ROLES", default=["Editor", "Analyst", "Custodian"]
)
OTP_REQUIRED_FOR_SUPERUSERS = env.bool("OTP_REQUIRED_FOR_SUPERUSERS", default=True)
# Enrolment needs a one-time link from an administrator or custodian; it expires after this.
OTP_ENROLMENT_LINK_HOURS = env.int("OTP_ENROLMENT_LINK_HOURS", default=24)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Counter-messaging CMS")

# --- I18N, time -----------------------------------------------------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Media URLs name database rows, never files (campaigns/media.py): Django answers every one
# of them, checks the row, and streams the file or, with object storage, redirects to a
# presigned URL. Never let a web server or a public bucket serve MEDIA_ROOT directly.
MEDIA_PREVIEW_SECONDS = env.int("MEDIA_PREVIEW_SECONDS", default=300)
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=60)
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "filesystem":
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if env.str("MEDIA_S3_CUSTOM_DOMAIN", default=""):
        raise ImproperlyConfigured(
            "MEDIA_S3_CUSTOM_DOMAIN serves files without signatures: unset it; the bucket "
            "must stay private and files are handed out through presigned URLs."
        )
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("MEDIA_S3_REGION", default=None),
            # A private bucket: objects get no ACL of their own (the bucket's policy, which
            # must block public access, applies) and every URL is presigned and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": MEDIA_SIGNED_URL_SECONDS,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")

STORAGES = {
    "default": _media_backend,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FORMS_URLFIELD_ASSUME_HTTPS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Django REST framework ------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # No ?format= override: every query parameter of the API is one it documents.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Counter-messaging content API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DESCRIPTION": (
        "Published counter-messaging content for partner organisations. Authenticate with "
        "the header `Authorization: Api-Key <key>`; each endpoint needs one scope."
    ),
    "SERVE_PUBLIC": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The paths are absolute (/api/v1/...): the server is the host serving the schema.
    "SERVERS": [{"url": "/", "description": "This deployment (the host serving this schema)."}],
    # Staff sessions work too, but partners are told of the one scheme they use.
    "AUTHENTICATION_WHITELIST": ["partners.authentication.ApiKeyAuthentication"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "partners.schema.problem_responses",
    ],
}

# --- Partner API and webhooks (see README, "API") -------------------------------------------

# Requests per API key (or staff user) per window, counted in the shared cache.
API_RATE = env.str("API_RATE", default="600/min")
# Largest JSON body the API parses (a metrics batch of 100 reports is about 15 KB).
# How long an Idempotency-Key's answer is kept for replay.
API_IDEMPOTENCY_TTL_SECONDS = env.int("API_IDEMPOTENCY_TTL_SECONDS", default=24 * 3600)
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=256 * 1024)
API_THROTTLE_CACHE = "default"
# With the cache (Redis) down, "open" serves without counting, "closed" answers 503. Counted
# with Redis INCR when the cache is Redis, else with an SQL upsert (partners.RateLimitCount).
API_RATE_LIMIT_ON_OUTAGE = env.str("API_RATE_LIMIT_ON_OUTAGE", default="open")
if API_RATE_LIMIT_ON_OUTAGE not in {"open", "closed"}:
    raise ImproperlyConfigured("API_RATE_LIMIT_ON_OUTAGE must be 'open' or 'closed'.")
# Retry-After (seconds) of the 503 answered while the database or Redis is unreachable.
OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=15)
# The changes feed serves only changes older than this, so a transaction that commits late
# cannot land behind a partner's cursor; keep it above the longest write transaction.
API_CHANGES_SETTLE_SECONDS = env.float("API_CHANGES_SETTLE_SECONDS", default=5.0)
# Base of absolute URLs where there is no request (webhook payloads).
API_PUBLIC_URL = env.str("API_PUBLIC_URL", default="http://127.0.0.1:8000")
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=10)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=10.0)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=3600.0)
# Retries due sooner than this are queued by the task itself; later ones by the sweeper.
WEBHOOK_INLINE_RETRY_MAX_SECONDS = env.float("WEBHOOK_INLINE_RETRY_MAX_SECONDS", default=300.0)
WEBHOOK_REQUIRE_HTTPS = env.bool("WEBHOOK_REQUIRE_HTTPS", default=PRODUCTION)
# Loopback (127.0.0.0/8, ::1) as a webhook address, for local development only; every other
# address that is not public is refused in every mode.
WEBHOOK_ALLOW_LOOPBACK = env.bool("WEBHOOK_ALLOW_LOOPBACK", default=False)

# --- Domain settings ------------------------------------------------------------------------

# Load the scanner's gazetteer in the web and worker parent processes before they fork.
SCANNER_PRELOAD = env.bool("SCANNER_PRELOAD", default=True)

# Disclosure control: attributes leave the system only when k approved narratives share them.
DISCLOSURE_K = env.int("DISCLOSURE_K", default=5)

# Custodians are alerted when one person's texts match other records' vault values this many
# times within this many days (each save of a draft that does so counts once).
VAULT_MATCH_ALERT_THRESHOLD = env.int("VAULT_MATCH_ALERT_THRESHOLD", default=3)
VAULT_MATCH_ALERT_DAYS = env.int("VAULT_MATCH_ALERT_DAYS", default=7)

# --- Security -------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
# Idle expiry: a session ends SESSION_IDLE_TIMEOUT seconds after its last request (activity
# moves the expiry on; core.security.SessionExpiryMiddleware), and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, a session ends this many seconds after the login.
SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=12 * 3600)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy, in both modes (so the tests and the demo run under it): only our
# own scripts, styles, images and fonts; no inline script, no eval, no framing. Rendition
# previews in the admin are blob: URLs, Swagger UI's icons data: URLs.
_img_src = [SELF, "data:", "blob:"]
if MEDIA_URL.startswith(("https://", "http://")):
    _img_src.append("/".join(MEDIA_URL.split("/", 3)[:3]))
if MEDIA_STORAGE == "s3":  # presigned redirects from /media/ lead to the bucket's endpoint
    _endpoint = env.str("MEDIA_S3_ENDPOINT_URL", default="")
    _img_src.append(
        "/".join(_endpoint.split("/", 3)[:3]) if _endpoint else "https://*.amazonaws.com"
    )
_csp_directives = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": _img_src,
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
if env.str("CSP_REPORT_URI", default=""):
    _csp_directives["report-uri"] = [env.str("CSP_REPORT_URI")]
_csp = {"DIRECTIVES": _csp_directives}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Logging --------------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's request logger would print request bodies on errors; keep it to the line.
        "django.request": {"level": "WARNING", "propagate": True},
        # Beat wakes the publisher every second: one line per wake-up would drown the rest.
        "celery.beat": {"level": env.str("CELERY_BEAT_LOG_LEVEL", default="WARNING")},
        "celery.app.trace": {"level": env.str("CELERY_TASK_LOG_LEVEL", default="WARNING")},
        "celery.worker.strategy": {"level": env.str("CELERY_TASK_LOG_LEVEL", default="WARNING")},
    },
}
