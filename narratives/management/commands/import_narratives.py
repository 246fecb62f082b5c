from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.roles import CUSTODIAN, has_role
from narratives.intake import IntakeForm, RecordError, form_errors, read_records
from narratives.services import create_narrative


class Command(BaseCommand):
    help = (
        "Import source records (anonymized draft + vault part) from a JSON Lines or CSV file. "
        "Bad records are reported by line and skipped; good ones are imported; records whose "
        "external_ref is already in the vault are left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="The custodian filing the records (for the audit log)."
        )
        parser.add_argument(
            "--format", choices=["jsonl", "csv"], help="Default: from the file's extension."
        )
        parser.add_argument(
            "--accept-vault-overlap",
            action="store_true",
            help="Import drafts that repeat their own record's vault values (reported by line "
            "and field; they cannot be approved until redacted). Default: reject them.",
        )

    def handle(
        self,
        *args,
        file: Path,
        user: str,
        format: str | None,
        accept_vault_overlap: bool = False,
        **options,
    ):
        custodian = get_user_model().objects.filter(username=user).first()
        if custodian is None or not has_role(custodian, CUSTODIAN):
            raise CommandError(f"{user!r} is not an active custodian.")
        fmt = format or {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(
            file.suffix.lower()
        )
        if fmt is None:
            raise CommandError("Cannot tell the format from the extension; pass --format.")
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        created = unchanged = 0
        errors: list[str] = []
        warnings: list[str] = []
        with (
            file.open("rb") as stream,
            tqdm(
                desc="records", unit="rec", disable=options["verbosity"] < 1, file=self.stderr._out
            ) as bar,
        ):
            for number, item in read_records(stream, fmt):
                bar.update(1)
                if isinstance(item, RecordError):
                    errors.append(str(item))
                    continue
                form = IntakeForm(data={**item, "confirm_vault_overlap": accept_vault_overlap})
                if not form.is_valid():
                    errors.append(str(RecordError(number, form_errors(form))))
                    continue
                for field, count in form.vault_overlaps.items():
                    warnings.append(
                        f"line {number}: {field}: repeats {count} vault value(s) of its own "
                        "record; redact them before review"
                    )
                result = create_narrative(user=custodian, data=form.cleaned_data)
                if result.created:
                    created += 1
                else:
                    unchanged += 1
        for line in [*warnings, *errors]:
            self.stderr.write(line)
        self.stdout.write(f"Imported {created}, unchanged {unchanged}, rejected {len(errors)}.")
        if errors:
            raise CommandError(f"{len(errors)} record(s) rejected; see the lines above.")
