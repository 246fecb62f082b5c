"""``manage.py create_partner NAME --scope read:messages ...``: prints the new key last."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from partners import services
from partners.scopes import SCOPES


def _list(values: list[str] | None) -> list[str]:
    found: list[str] = []
    for value in values or []:
        found.extend(part.strip() for part in value.split(",") if part.strip())
    return found


def parse_expiry(raw: str) -> dt.datetime:
    """``90d``, an ISO date (end of that day, UTC) or an ISO date-time."""
    raw = raw.strip()
    if raw.endswith("d") and raw[:-1].isdigit():
        return timezone.now() + dt.timedelta(days=int(raw[:-1]))
    moment = parse_datetime(raw)
    if moment is not None:
        return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)
    day = parse_date(raw)
    if day is not None:
        return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    raise CommandError(f"--expires: use 90d, YYYY-MM-DD or an ISO date-time, not {raw!r}")


class Command(BaseCommand):
    help = "Create a partner organisation and its first API key; the key is printed last."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--scope",
            action="append",
            help=f"Repeat or comma-separate; any of {', '.join(SCOPES)}. Default: every read scope.",
        )
        parser.add_argument("--languages", action="append", help="Restrict to these languages.")
        parser.add_argument(
            "--regions", action="append", help="Restrict to these audience regions."
        )
        parser.add_argument("--expires", help="90d, YYYY-MM-DD or an ISO date-time.")
        parser.add_argument("--webhook-url", default="", help="Where to send message events.")
        parser.add_argument("--key-name", default="", help="What the key is for.")

    def handle(self, *args, **options):
        scopes = _list(options["scope"]) or [s for s in SCOPES if s.startswith("read:")]
        expires_at = parse_expiry(options["expires"]) if options["expires"] else None
        try:
            with transaction.atomic():
                partner = services.create_partner(
                    name=options["name"],
                    languages=_list(options["languages"]),
                    regions=_list(options["regions"]),
                )
                secret = ""  # nosec B105 - no webhook yet: no secret to show
                if options["webhook_url"]:
                    secret = services.set_webhook(partner=partner, url=options["webhook_url"])
                created = services.create_api_key(
                    partner=partner, scopes=scopes, name=options["key_name"], expires_at=expires_at
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Partner {partner.name} ({partner.public_id})")
        self.stdout.write(f"Scopes: {', '.join(created.api_key.scopes)}")
        if expires_at:
            self.stdout.write(f"Expires: {expires_at.isoformat()}")
        if secret:
            self.stdout.write(f"Webhook secret (shown once): {secret}")
        self.stdout.write("API key (shown once; only its hash is kept):")
        self.stdout.write(created.key)
