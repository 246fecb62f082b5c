from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from demo.seed import DEMO_USERS, STUDY_SIZE, demo_password_file, seed_demo


class Command(BaseCommand):
    help = (
        "Create demo users and clearly fictional sample data; safe to run again. "
        "The password comes from DEMO_PASSWORD, or is generated once and printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--narratives",
            type=int,
            default=STUDY_SIZE,
            help=f"How many sample narratives should exist (default {STUDY_SIZE}).",
        )

    def handle(self, *args: Any, narratives: int, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo does not run in production mode: it adds sample data.")
        if narratives < 0:
            raise CommandError("--narratives must be zero or more.")
        import os

        with tqdm(
            total=narratives, desc="sample narratives", unit="narr", disable=narratives <= 1000
        ) as bar:
            report = seed_demo(
                narratives=narratives,
                password=os.environ.get("DEMO_PASSWORD") or None,
                progress=bar.update,
            )
        self.stdout.write(
            f"Demo data: {report.narratives_created} narratives, {report.campaigns_created} "
            f"campaigns, {report.messages_created} messages and {report.experiments_created} "
            "experiments added; "
            f"{len(report.users_created)} users created."
        )
        logins = ", ".join(f"{name} ({role.lower()})" for name, role, _ in DEMO_USERS)
        self.stdout.write(f"Demo logins: {logins}")
        if report.password_generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Generated demo password (shown once, kept in {demo_password_file()}): "
                    f"{report.password}"
                )
            )
