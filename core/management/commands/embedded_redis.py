"""Run the embedded Redis server in the foreground (``make run`` supervises it)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.embedded_redis import server_command


class Command(BaseCommand):
    help = "Run the embedded Redis (Valkey) server on var/redis.sock, in the foreground."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.EMBEDDED_REDIS:
            raise CommandError("REDIS_URL is set: the embedded Redis is not used; unset it.")
        command = server_command(settings.VAR_DIR)
        # Replace this process, so the supervisor signals and watches the server itself.
        os.execv(command[0], command)  # noqa: S606  # nosec B606 - a fixed binary from an installed wheel
