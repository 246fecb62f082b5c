"""Passwords, sign-in, lockout, two-factor authentication, sessions and HTTP security."""

from __future__ import annotations

from datetime import timedelta

from csp.constants import NONE, SELF

from config.settings.environment import PRODUCTION, env
from config.settings.storage import MEDIA_STORAGE, MEDIA_URL

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
