from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from demo.seed import DEMO_USERS, demo_password_file


class Command(BaseCommand):
    help = "Print where the demo is served and how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, port: int, **options: Any) -> None:
        base = f"http://127.0.0.1:{port}"
        path = demo_password_file()
        if settings.PRODUCTION:
            shown = "(not a demo: production mode)"
        elif path.exists():
            shown = path.read_text().strip()
        else:
            shown = "the value of DEMO_PASSWORD"
        lines = [
            "",
            "Counter-messaging content system: starting web, worker and beat (Ctrl-C stops all).",
            f"  Admin (editors, custodians)  {base}/admin/",
            f"  Review UI (analysts)         {base}/review/",
            f"  API docs                     {base}/api/docs/",
            f"  Health                       {base}/healthz",
            "",
            "Demo logins (all share one password):",
            *(f"  {name:<10} {role}" for name, role, _ in DEMO_USERS),
            f"  password   {shown}",
            "",
        ]
        self.stdout.write("\n".join(lines))
