"""``manage.py revoke_api_key PREFIX``: revoke a key at once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from partners import keys, services
from partners.models import ApiKey


class Command(BaseCommand):
    help = "Revoke the API key with this prefix (the 8 characters after cms_) or this key."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, **options):
        prefix = keys.parse_prefix(options["prefix"]) or options["prefix"]
        api_key = ApiKey.objects.select_related("partner").filter(prefix=prefix).first()
        if api_key is None:
            raise CommandError("No API key with this prefix.")
        if api_key.revoked_at is not None:
            self.stdout.write(
                f"Key {api_key} was revoked already at {api_key.revoked_at.isoformat()}."
            )
            return
        services.revoke_api_key(api_key=api_key)
        self.stdout.write(f"Revoked key {api_key} of {api_key.partner.name}.")
