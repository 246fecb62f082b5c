"""Print a one-time two-factor enrolment link for a user (the first administrator's, say)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import enrolment


class Command(BaseCommand):
    help = "Issue a one-time, expiring link that lets USERNAME enrol an authenticator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        self.stdout.write(enrolment.issue(issuer=None, user=user))
