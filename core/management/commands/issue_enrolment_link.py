"""Print a one-time two-factor enrolment link for a user (the first administrator's, say)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core import enrolment


class Command(BaseCommand):
    help = "Issue a one-time, expiring link that lets USERNAME enrol an authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        self.stdout.write(enrolment.issue(issuer=None, user=user))
