"""Partners and their keys: create a partner, make and revoke API keys, set the webhook."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import audit
from core.languages import CONTENT_LANGUAGES
from partners import keys, webhooks
from partners.authentication import forget_keys
from partners.models import ApiKey, Partner
from partners.scopes import validate_scopes

if TYPE_CHECKING:
    from core.models import User

logger = logging.getLogger("partners.services")


@dataclass(frozen=True)
class NewKey:
    """A key just made: ``key`` is its only appearance in clear; show it once."""

    api_key: ApiKey
    key: str


def _user(actor: User | None) -> User | None:
    """The actor as recorded: a saved user, else nobody (the system)."""
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def create_partner(
    *,
    name: str,
    languages: list[str] | None = None,
    regions: list[str] | None = None,
    webhook_url: str = "",
    actor: User | None = None,
) -> Partner:
    """Create a partner organisation (no key yet)."""
    languages = sorted(set(languages or []))
    unknown = set(languages) - {code for code, _ in CONTENT_LANGUAGES}
    if unknown:
        raise ValidationError(f"Unknown languages: {', '.join(sorted(unknown))}.")
    if Partner.objects.filter(name=name).exists():
        raise ValidationError("A partner with this name exists already.")
    partner = Partner(
        name=name,
        languages=languages,
        regions=sorted({r.strip() for r in regions or [] if r.strip()}),
    )
    partner.save()
    if webhook_url:
        set_webhook(partner=partner, url=webhook_url)
    logger.info("partner created", extra={"partner": partner.public_id})
    return partner


@transaction.atomic
def create_api_key(
    *,
    partner: Partner,
    scopes: list[str],
    name: str = "",
    expires_at: datetime | None = None,
    actor: User | None = None,
) -> NewKey:
    """Make a new random key for the partner; only its hash and prefix are stored."""
    try:
        scopes = validate_scopes(scopes)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("The expiry must be in the future.")
    while True:
        key, prefix, key_hash = keys.generate_key()
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    api_key = ApiKey.objects.create(
        partner=partner,
        name=name,
        scopes=scopes,
        created_by=_user(actor),
        expires_at=expires_at,
        prefix=prefix,
        key_hash=key_hash,
    )
    logger.info("api key created", extra={"partner": partner.public_id, "prefix": prefix})
    audit.record(
        action=audit.Action.API_KEY_CREATED,
        actor=_user(actor),
        target=("api_key", prefix),
        detail={"partner": partner.public_id},
    )
    return NewKey(api_key=api_key, key=key)


def revoke_api_key(*, api_key: ApiKey, actor: User | None = None) -> ApiKey:
    """Revoke a key at once; a revoked key never works again."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=now)
    forget_keys()  # at once here; other processes within KEY_CACHE_SECONDS
    api_key.refresh_from_db(fields=["revoked_at"])
    logger.info("api key revoked", extra={"prefix": api_key.prefix})
    audit.record(
        action=audit.Action.API_KEY_REVOKED,
        actor=_user(actor),
        target=("api_key", api_key.prefix),
    )
    return api_key


@transaction.atomic
def set_webhook(*, partner: Partner, url: str) -> str:
    """Point the partner's webhook at ``url`` with a new secret; return the secret (show it
    once). An empty URL turns webhooks off."""
    if not url:
        partner.webhook_url = ""
        partner.webhook_secret = ""  # nosec B105 - clearing the secret, not setting one
        partner.save(update_fields=["webhook_url", "webhook_secret", "updated_at"])
        return ""
    webhooks.validate_webhook_url(url)
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    partner.webhook_url = url
    partner.webhook_secret = secret
    partner.save(update_fields=["webhook_url", "webhook_secret", "updated_at"])
    return secret
