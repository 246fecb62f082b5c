"""Intake of new source material: one record = an anonymized draft plus its vault part.

The same form validates a line of ``import_narratives`` and the custodian's admin page, so a
record is judged the same way whichever door it comes through. Error messages name the field
and the rule, never the value: a rejected value may be someone's name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.countries import country_names
from core.languages import CONTENT_LANGUAGES
from narratives.anonymize import KnownIdentifier, LeakScanner
from narratives.models import Narrative, Reason
from narratives.services.intake import (  # noqa: F401  (IntakeResult: re-exported)
    IntakeResult,
    create_narrative,
    intake_name,
    source_record_from_intake,
)
from narratives.vault import VAULT_FIELDS

# The draft part of an intake record (the vault part is narratives.vault's list of fields).
DRAFT_PART = (
    "title",
    "text",
    "language",
    "source_kind",
    "gender",
    "age_band",
    "country",
    "left",
    "made_public",
    "reasons",
    "primary_reason",
)
VAULT_PART = tuple(intake_name(f.name) for f in VAULT_FIELDS if f.name != "external_ref")
FIELDS = ("external_ref", *DRAFT_PART, *VAULT_PART)
# Nested JSON keys accepted as well as the flat ones above.
NESTED = {
    "narrative": {name: name for name in DRAFT_PART},
    "vault": {name: name for name in VAULT_PART if not name.startswith("consent_")},
    "consent": {
        name.removeprefix("consent_"): name for name in VAULT_PART if name.startswith("consent_")
    },
}


class MonthField(forms.CharField):
    """A month as ``YYYY-MM``, stored as the first day of that month."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = value.split("-")
            parsed = date(int(year), int(month), 1)
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 1990 <= parsed.year <= 2100:
            raise ValidationError(_("Enter a month between 1990 and 2100."), code="range")
        return parsed


class ListField(forms.CharField):
    """A list given as a JSON array or as text separated by ``;`` or new lines."""

    def to_python(self, value):
        if isinstance(value, list | tuple):
            items = value
        else:
            text = super().to_python(value) or ""
            items = text.replace("\n", ";").split(";")
        if not all(isinstance(item, str) for item in items):
            raise ValidationError(_("Give a list of texts."), code="invalid")
        return [item.strip() for item in items if item.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def _choice(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": _("Not one of the accepted values.")},
        **kwargs,
    )


class IntakeForm(forms.Form):
    """One intake record: the anonymized draft, its attributes, and the vault part."""

    external_ref = forms.CharField(
        label=_("External reference"),
        max_length=200,
        help_text=_("Your own reference for this source; re-importing it is a no-op."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("Anonymized title."))
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea, help_text=_("The anonymized draft.")
    )
    language = _choice(CONTENT_LANGUAGES, label=_("Language"))
    source_kind = _choice(Narrative.SourceKind.choices, label=_("Source kind"))
    gender = _choice(Narrative.Gender.choices, required=False, label=_("Gender"))
    age_band = _choice(Narrative.AgeBand.choices, required=False, label=_("Age band"))
    country = forms.CharField(
        label=_("Country of origin"),
        max_length=2,
        required=False,
        help_text=_("ISO 3166-1 alpha-2."),
    )
    left = MonthField(
        label=_("Left the group"),
        required=False,
        help_text=_("Month the person left (YYYY-MM)."),
    )
    made_public = MonthField(
        label=_("Made public"),
        required=False,
        help_text=_("Month it became public (YYYY-MM)."),
    )
    reasons = ListField(
        label=_("Reasons for leaving"),
        required=False,
        help_text=_("Reason codes, separated by ';'."),
    )
    primary_reason = forms.CharField(label=_("Primary reason"), required=False, max_length=64)
    raw_text = forms.CharField(label=_("Raw text"), widget=forms.Textarea, required=False)
    real_name = forms.CharField(label=_("Real name"), required=False, max_length=300)
    aliases = ListField(
        label=_("Aliases"), required=False, widget=forms.Textarea, help_text=_("One per line.")
    )
    kunya = ListField(
        label=_("Kunya"), required=False, widget=forms.Textarea, help_text=_("One per line.")
    )
    home_town = forms.CharField(label=_("Home town"), required=False, max_length=300)
    contacts = ListField(
        label=_("Contacts"), required=False, widget=forms.Textarea, help_text=_("One per line.")
    )
    consent_scope = forms.CharField(label=_("Consent scope"), required=False, widget=forms.Textarea)
    consent_expires = forms.DateField(
        label=_("Consent expires on"),
        required=False,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    consent_notes = forms.CharField(label=_("Consent notes"), required=False, widget=forms.Textarea)
    confirm_vault_overlap = forms.BooleanField(
        required=False,
        label=_("Save anyway"),
        help_text=_(
            "File the draft although it repeats vault values; it cannot be approved "
            "until they are redacted."
        ),
    )

    DRAFT_FIELDS = FIELDS[:12]
    VAULT_FIELDS = FIELDS[12:]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vault_overlaps: dict[str, int] = {}

    def draft_fields(self):
        return [self[name] for name in self.DRAFT_FIELDS]

    def vault_fields(self):
        return [self[name] for name in self.VAULT_FIELDS]

    def clean_country(self):
        code = (self.cleaned_data.get("country") or "").strip().upper()
        if code and code not in country_names():
            raise ValidationError(_("Not an ISO 3166-1 alpha-2 country code."), code="invalid")
        return code

    def clean(self):
        super().clean()
        data = self.cleaned_data
        codes = data.get("reasons") or []
        primary = (data.get("primary_reason") or "").strip() or (codes[0] if codes else "")
        if primary and primary not in codes:
            codes = [primary, *codes]
        known = {r.code: r for r in Reason.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in known]
        if unknown:
            # Not the codes themselves: a misplaced column could put a name here.
            self.add_error(
                "reasons",
                ngettext(
                    "%(count)s reason code not known; use the codes listed under Reasons.",
                    "%(count)s reason codes not known; use the codes listed under Reasons.",
                    len(unknown),
                )
                % {"count": len(unknown)},
            )
        data["reason_objects"] = [known[c] for c in dict.fromkeys(codes) if c in known]
        data["primary_reason"] = primary
        left, made_public = data.get("left"), data.get("made_public")
        if left and made_public and made_public < left:
            self.add_error("made_public", _("It cannot have become public before the person left."))
        self.vault_overlaps = vault_overlaps(data)
        if self.vault_overlaps and not data.get("confirm_vault_overlap"):
            for field, count in self.vault_overlaps.items():
                self.add_error(field, _vault_overlap_error(field, count))
        return data


def _vault_overlap_error(field: str, count: int) -> str:
    """Why the draft's title or text was refused: it repeats the record's own vault values."""
    if field == "title":
        text = ngettext(
            "The anonymized title repeats %(count)s value from this record's vault fields or "
            "source notes. Redact it, or file it anyway ('Save anyway' here, "
            "--accept-vault-overlap when importing): it cannot be approved while it remains.",
            "The anonymized title repeats %(count)s values from this record's vault fields or "
            "source notes. Redact them, or file it anyway ('Save anyway' here, "
            "--accept-vault-overlap when importing): it cannot be approved while they remain.",
            count,
        )
    else:
        text = ngettext(
            "The anonymized text repeats %(count)s value from this record's vault fields or "
            "source notes. Redact it, or file it anyway ('Save anyway' here, "
            "--accept-vault-overlap when importing): it cannot be approved while it remains.",
            "The anonymized text repeats %(count)s values from this record's vault fields or "
            "source notes. Redact them, or file it anyway ('Save anyway' here, "
            "--accept-vault-overlap when importing): it cannot be approved while they remain.",
            count,
        )
    return text % {"count": count}


def vault_overlaps(data: dict) -> dict[str, int]:
    """How many spans of the draft's title and text match the record's own vault values.

    The values are the structured fields and what the detectors find in the free text,
    exactly what the gate will know once the record is filed.
    """
    # The reference is a vault value like the others: the gate matches it once filed.
    record = source_record_from_intake(data, external_ref=data.get("external_ref") or "")
    known = [KnownIdentifier(v, c) for c, v in [*record.identifiers(), *record.derived()]]
    if not known:
        return {}
    scanner = LeakScanner(known)
    counts = {field: len(scanner.scan_known(data.get(field) or "")) for field in ("title", "text")}
    return {field: count for field, count in counts.items() if count}


# The service that files a record; re-exported under its old name here.
file_intake = create_narrative


# --- Reading files -------------------------------------------------------------------------


class RecordError(Exception):
    """A line of an import file that could not be read or validated."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def flatten(record: dict) -> dict:
    """Accept both the flat keys and the nested ``narrative``/``vault``/``consent`` objects."""
    flat = {k: v for k, v in record.items() if k in FIELDS}
    for section, keys in NESTED.items():
        nested = record.get(section)
        if nested is None and section == "consent":
            nested = (record.get("vault") or {}).get("consent")
        if isinstance(nested, dict):
            for key, target in keys.items():
                if key in nested:
                    flat[target] = nested[key]
    unknown = set(record) - set(FIELDS) - set(NESTED)
    if unknown:
        # Counted, not named: a key could be a value typed in the wrong place.
        raise ValueError(f"{len(unknown)} unknown field(s); accepted: {', '.join(FIELDS)}")
    return flat


def form_errors(form: IntakeForm) -> str:
    """Summarise a form's errors as 'field: message' pairs, without any submitted value."""
    parts: list[str] = []
    for field, errors in form.errors.items():
        label = "record" if field == "__all__" else field
        parts.extend(f"{label}: {error}" for error in errors)
    return "; ".join(parts)


def read_jsonl(stream: io.BufferedIOBase) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield ``(line number, record or error)`` for each non-blank line of a JSON Lines file."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, RecordError(number, "not valid UTF-8")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, RecordError(number, f"not valid JSON (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield number, RecordError(number, "each line must be a JSON object")
            continue
        yield number, record


def read_csv(stream: io.BufferedIOBase) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield ``(line number, record or error)`` for each row of a CSV file with a header."""
    data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield line, RecordError(line, "not valid UTF-8; save the file as UTF-8")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield 1, RecordError(1, f"unreadable CSV header ({exc})")
        return
    unknown = [number for number, name in enumerate(header, start=1) if name not in FIELDS]
    if unknown:
        # Column positions, not names: a file without a header row has data in line 1.
        positions = ", ".join(str(n) for n in unknown[:20])
        yield 1, RecordError(1, f"unknown column(s) at position {positions}; check the header row")
        return
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, RecordError(reader.line_num, f"unreadable CSV row ({exc})")
            return
        if None in row:
            yield start, RecordError(start, "more values than columns")
        elif any((value or "").strip() for value in row.values()):
            yield start, {k: v for k, v in row.items() if v is not None}
        start = reader.line_num + 1


def read_records(stream, fmt: str) -> Iterator[tuple[int, dict | RecordError]]:
    reader = {"jsonl": read_jsonl, "csv": read_csv}[fmt]
    for number, item in reader(stream):
        if isinstance(item, RecordError):
            yield number, item
            continue
        try:
            yield number, flatten(item)
        except ValueError as exc:
            yield number, RecordError(number, str(exc))
