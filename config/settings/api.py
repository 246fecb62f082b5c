"""The partner API (Django REST framework, the schema) and its webhooks."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import PRODUCTION, env

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
