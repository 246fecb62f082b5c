"""Django's core settings: apps, middleware, templates, the database, time, the domain."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.settings.environment import BASE_DIR, PRODUCTION, VAR_DIR, env

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
    # Widget templates through TEMPLATES (FORM_RENDERER below): Django's own come from here.
    "django.forms",
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
    # The interface language: the language cookie, else Accept-Language (after the session,
    # before CommonMiddleware, as Django asks); core.i18n's middleware below puts a signed-in
    # user's own choice first.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.audit.AuditContextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: the database or Redis being down is a 503, never a 500.
    "core.outages.OutageMiddleware",
    "core.i18n.UserLanguageMiddleware",
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
                "core.context_processors.notice_counts",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ can override one of the admin's (the split
# date and time inputs get a <label> each: templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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

# --- I18N, time -----------------------------------------------------------------------------

LANGUAGE_CODE = "en"
# The interface languages (content languages are core.languages). Arabic is laid out right to
# left: base.html takes its dir from Django's bidi list.
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
# Our own catalogues, compiled to .mo at install by scripts/compile_messages.py (not committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Domain settings ------------------------------------------------------------------------

# Load the scanner's gazetteer in the web and worker parent processes before they fork.
SCANNER_PRELOAD = env.bool("SCANNER_PRELOAD", default=True)

# Disclosure control: attributes leave the system only when k approved narratives share them.
DISCLOSURE_K = env.int("DISCLOSURE_K", default=5)

# Custodians are alerted when one person's texts match other records' vault values this many
# times within this many days (each save of a draft that does so counts once).
VAULT_MATCH_ALERT_THRESHOLD = env.int("VAULT_MATCH_ALERT_THRESHOLD", default=3)
VAULT_MATCH_ALERT_DAYS = env.int("VAULT_MATCH_ALERT_DAYS", default=7)
