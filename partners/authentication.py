"""``Authorization: Api-Key cms_<prefix>_<secret>``: one indexed lookup, a constant-time
comparison, and a write of the last-used time at most once a minute per key."""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from partners import keys
from partners.models import ApiKey

KEYWORD = "Api-Key"
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PartnerClient:
    """``request.user`` for a request made with an API key: a partner, never a staff user."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, api_key: ApiKey) -> None:
        self.api_key = api_key
        self.partner = api_key.partner
        self.username = f"api-key:{api_key.prefix}"

    def __str__(self) -> str:
        return self.username

    def has_role(self, *roles: str) -> bool:
        return False

    def has_perm(self, perm, obj=None) -> bool:
        return False


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticate a partner by API key; every failure reads the same, naming no detail."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != KEYWORD.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid API key header.")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid API key.") from None
        api_key = authenticate_key(raw)
        if api_key is None:
            raise exceptions.AuthenticationFailed("Invalid, revoked or expired API key.")
        return PartnerClient(api_key), api_key

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'


# The key records (with their partner) this process read lately, by prefix: a request reads
# the database for its key at most once a KEY_CACHE_SECONDS. A change made here (revocation,
# a partner's languages or regions) clears the entry at once; one made by another process
# takes effect here within KEY_CACHE_SECONDS.
KEY_CACHE_SECONDS = 1.0
_clock = time.monotonic  # a test moves it on instead of sleeping
_recent_keys: dict[str, tuple[float, ApiKey | None]] = {}


def forget_keys() -> None:
    """Read every key afresh on its next use (called on any change to keys or partners)."""
    _recent_keys.clear()


def _key_record(prefix: str) -> ApiKey | None:
    clock = _clock()
    cached = _recent_keys.get(prefix)
    if cached is not None and clock - cached[0] < KEY_CACHE_SECONDS:
        return cached[1]
    api_key = ApiKey.objects.select_related("partner").filter(prefix=prefix).first()
    if len(_recent_keys) > 10_000:  # prefixes are guessable: bound what guesses can fill
        _recent_keys.clear()
    _recent_keys[prefix] = (clock, api_key)
    return api_key


def authenticate_key(raw: str, *, now=None) -> ApiKey | None:
    """Return the usable key ``raw`` names, recording its use; None if there is none."""
    prefix = keys.parse_prefix(raw)
    if prefix is None:
        return None
    api_key = _key_record(prefix)
    # Hash even when no row matched, so timing does not tell a known prefix from an unknown.
    stored = api_key.key_hash if api_key is not None else "0" * 64
    if not keys.matches(raw, stored) or api_key is None:
        return None
    now = now or timezone.now()
    if not api_key.is_usable(now):
        return None
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_RESOLUTION:
        # Conditional, so concurrent requests write once; never more than once a minute.
        ApiKey.objects.filter(pk=api_key.pk).exclude(
            last_used_at__gt=now - LAST_USED_RESOLUTION
        ).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Send "Authorization: Api-Key cms_<prefix>_<secret>".',
        }
