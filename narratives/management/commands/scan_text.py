import json
import sys

from django.core.management.base import BaseCommand, CommandError

from narratives.anonymize import KnownIdentifier, LeakScanner


class Command(BaseCommand):
    help = (
        "Scan text from standard input for anything that could identify a person. "
        "Offsets are Unicode code points, end exclusive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="Print findings as a JSON list."
        )
        parser.add_argument(
            "--known",
            action="append",
            default=[],
            metavar="STRING",
            help="A known identifier to look for, with its variants; repeatable.",
        )
        parser.add_argument(
            "--vault",
            action="store_true",
            help="Also look for every identifier in the vault (needs the database).",
        )

    def handle(self, *args, as_json: bool, known: list[str], vault: bool, **options):
        raw = sys.stdin.buffer.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError("Standard input is not valid UTF-8.") from None
        identifiers = [KnownIdentifier(value) for value in known if value.strip()]
        if vault:
            from narratives.selectors import vault_identifiers

            identifiers.extend(vault_identifiers())
        findings = LeakScanner(identifiers).scan(text)
        if as_json:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False))
            return
        for f in findings:
            self.stdout.write(f"{f.start}-{f.end}\t{f.category}\t{f.text}")
