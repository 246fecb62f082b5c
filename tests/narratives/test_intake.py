"""import_narratives and the custodian's admin intake: validated, idempotent, leak-free errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from narratives.models import Narrative, NarrativeEvent, SourceRecord, VaultAccess

pytestmark = pytest.mark.django_db

CANARY = "Canary-Hamza-Qx9"


def record(n: int, **overrides) -> dict:
    data = {
        "external_ref": f"INT-{n:03d}",
        "title": f"Account {n}",
        "text": "I left when the promised salary never came.",
        "language": "en",
        "source_kind": "interview",
        "gender": "male",
        "age_band": "25_34",
        "country": "GB",
        "left": "2015-03",
        "made_public": "2016-01",
        "reasons": ["qol_promises", "corruption_leaders"],
        "primary_reason": "qol_promises",
        "raw_text": "Interview notes.",
        "real_name": f"{CANARY}-{n}",
        "aliases": ["Hamza Q."],
        "kunya": ["Abu Qx"],
        "home_town": "Smallville",
        "contacts": ["+44 7700 900123"],
        "consent_scope": "Anonymized use in prevention messages.",
        "consent_expires": "2030-01-01",
        "consent_notes": "Signed form on file.",
    }
    data.update(overrides)
    return data


def write_jsonl(path, lines) -> None:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    )


def run_import(path, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_narratives",
            str(path),
            "--user",
            "t_custodian",
            *extra,
            stdout=out,
            stderr=err,
            verbosity=0,
        )
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_jsonl_import_creates_drafts_with_vault_records(tmp_path, custodian):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [record(1), record(2, language="ar", country="SY")])
    out, err, exc = run_import(path)
    assert exc is None, err
    assert "Imported 2, unchanged 0, rejected 0." in out
    narrative = Narrative.objects.get(title="Account 1")
    assert narrative.status == "draft"
    assert narrative.left_on.isoformat() == "2015-03-01"
    assert narrative.reason_links.get(is_primary=True).reason.code == "qol_promises"
    vault = narrative.source_record
    assert vault.real_name == f"{CANARY}-1"
    assert vault.kunya == "Abu Qx"
    assert vault.consent_expires_on.isoformat() == "2030-01-01"
    assert VaultAccess.objects.filter(action="create", username="t_custodian").count() == 2
    assert NarrativeEvent.objects.filter(action="created").count() == 2


def test_import_is_idempotent_by_external_reference(tmp_path, custodian):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [record(1), record(2)])
    run_import(path)
    out, _, exc = run_import(path)
    assert exc is None
    assert "Imported 0, unchanged 2, rejected 0." in out
    assert Narrative.objects.count() == 2
    # The reference is matched ignoring case and spacing, and is not stored in clear.
    write_jsonl(path, [record(1, external_ref=" int-001 ")])
    out, _, _ = run_import(path)
    assert "unchanged 1" in out
    assert SourceRecord.objects.filter(external_ref_index__isnull=False).count() == 2


def test_bad_lines_are_reported_by_number_and_good_ones_still_imported(tmp_path, custodian):
    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [
            record(1),
            "{not json",
            record(3, language="xx"),
            record(4, left="March 2015"),
            "",
            record(6, reasons=["no_such_reason"]),
            record(7, text=""),
            "[1, 2]",
            record(9, country="Narnia-" + CANARY),
            record(10, surprise="field"),
            record(11),
        ],
    )
    out, err, exc = run_import(path)
    assert isinstance(exc, CommandError)
    assert "Imported 2, unchanged 0, rejected 8." in out
    assert "line 2: not valid JSON" in err
    assert "line 3: language: Not one of the accepted values." in err
    assert "line 4: left: Enter a month as YYYY-MM." in err
    assert "line 6: reasons: 1 reason code not known" in err
    assert "line 7: text: This field is required." in err
    assert "line 8: each line must be a JSON object" in err
    assert "line 9: country:" in err
    assert "line 10: 1 unknown field(s)" in err
    # Rejected values are never echoed: they may be names.
    assert CANARY not in err and "Narnia" not in err
    assert set(Narrative.objects.values_list("title", flat=True)) == {"Account 1", "Account 11"}


def test_nested_json_records_are_accepted(tmp_path, custodian):
    flat = record(5)
    nested = {
        "external_ref": flat["external_ref"],
        "narrative": {k: flat[k] for k in ("title", "text", "language", "source_kind", "reasons")},
        "vault": {"real_name": flat["real_name"], "kunya": "Abu Qx; Abu Q"},
        "consent": {"scope": "x", "expires": "2031-02-03"},
    }
    path = tmp_path / "nested.jsonl"
    write_jsonl(path, [nested])
    _, err, exc = run_import(path)
    assert exc is None, err
    vault = SourceRecord.objects.get()
    assert vault.kunya == "Abu Qx\nAbu Q"
    assert vault.consent_expires_on.isoformat() == "2031-02-03"


def test_csv_import_with_lists_and_line_numbers(tmp_path, custodian):
    path = tmp_path / "in.csv"
    rows = [record(1), record(2, source_kind="rumour"), record(3)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    out, err, _exc = run_import(path)
    assert "Imported 2, unchanged 0, rejected 1." in out
    assert "line 3: source_kind: Not one of the accepted values." in err
    assert Narrative.objects.get(title="Account 3").reasons.count() == 2


def test_csv_with_unknown_column_or_bad_encoding_is_refused(tmp_path, custodian):
    path = tmp_path / "bad.csv"
    path.write_text("external_ref,name_of_person\nx,y\n")
    _, err, exc = run_import(path)
    assert isinstance(exc, CommandError)
    assert "line 1: unknown column(s) at position 2" in err
    path.write_bytes(b"external_ref,title\nx,\xff\xfe\n")
    _, err, _exc = run_import(path)
    assert "line 2: not valid UTF-8" in err
    assert Narrative.objects.count() == 0


def test_only_custodians_may_import(tmp_path, analyst):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [record(1)])
    with pytest.raises(CommandError, match="not an active custodian"):
        call_command("import_narratives", str(path), "--user", "t_analyst")


def test_custodian_files_a_single_record_in_the_admin(client, custodian):
    client.force_login(custodian)
    page = client.get("/admin/narratives/sourcerecord/add/")
    assert page.status_code == 200
    assert "Vault (encrypted)" in page.content.decode()
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(7).items()}
    data["reasons"] = "qol_promises;corruption_leaders"
    response = client.post("/admin/narratives/sourcerecord/add/", data)
    assert response.status_code == 302
    narrative = Narrative.objects.get()
    assert narrative.source_record.contacts == "+44 7700 900123"
    # The same reference again changes nothing.
    client.post("/admin/narratives/sourcerecord/add/", data)
    assert Narrative.objects.count() == 1


def test_admin_intake_errors_do_not_echo_values(client, custodian):
    client.force_login(custodian)
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(8).items()}
    data["country"] = "QX"
    data["language"] = CANARY
    response = client.post("/admin/narratives/sourcerecord/add/", data)
    assert response.status_code == 200
    body = response.content.decode()
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', body, re.S)
    assert any("Not an ISO 3166-1 alpha-2 country code." in e for e in errors)
    assert any("Not one of the accepted values." in e for e in errors)
    assert not any(CANARY in e or "QX" in e for e in errors)
    assert Narrative.objects.count() == 0


def test_editor_cannot_open_the_intake(client, editor):
    client.force_login(editor)
    assert client.get("/admin/narratives/sourcerecord/add/").status_code == 403


# --- Leak 10: the draft repeating its own vault values -------------------------------------


def test_admin_intake_warns_when_the_draft_repeats_vault_values_and_files_only_if_confirmed(
    client, custodian
):
    client.force_login(custodian)
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(12).items()}
    data["reasons"] = "qol_promises;corruption_leaders"
    data["raw_text"] = "He slept at the guest house of Ahmed Kassar before crossing."
    data["text"] = f"{CANARY}-12 from Smallville stayed at the Kassar guest house."
    response = client.post("/admin/narratives/sourcerecord/add/", data)
    assert response.status_code == 200
    body = response.content.decode()
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', body, re.S)
    assert any("repeats 3 values from this record" in e for e in errors)
    assert not any(CANARY in e or "Kassar" in e or "Smallville" in e for e in errors)
    assert "Save anyway" in body
    assert Narrative.objects.count() == 0
    data["confirm_vault_overlap"] = "on"
    assert client.post("/admin/narratives/sourcerecord/add/", data).status_code == 302
    assert Narrative.objects.count() == 1


def test_a_draft_quoting_its_own_reference_is_an_overlap_like_any_vault_value(client, custodian):
    client.force_login(custodian)
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(14).items()}
    data["reasons"] = "qol_promises"
    data["text"] = "The case file INT-014 says he left when the salary never came."
    body = client.post("/admin/narratives/sourcerecord/add/", data).content.decode()
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', body, re.S)
    assert any("The anonymized text repeats 1 value from this record" in e for e in errors)
    assert not any("INT-014" in e for e in errors)
    assert Narrative.objects.count() == 0


def test_import_reports_a_draft_repeating_vault_values_by_line_and_field_only(tmp_path, custodian):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [record(1), record(2, title="Abu Qx", text=f"Then {CANARY}-2 left.")])
    out, err, exc = run_import(path)
    assert isinstance(exc, CommandError)
    assert "Imported 1, unchanged 0, rejected 1." in out
    assert "line 2: title: The anonymized title repeats 1 value from" in err
    assert re.search(r"; text: The anonymized text repeats \d+ values?", err)
    assert "--accept-vault-overlap" in err
    assert CANARY not in err and "Qx" not in err
    out, err, exc = run_import(path, "--accept-vault-overlap")
    assert exc is None
    assert "Imported 1, unchanged 1" in out
    assert re.search(r"line 2: text: repeats \d+ vault value\(s\) of its own record", err)
    assert CANARY not in err and "Qx" not in err


def test_intake_errors_never_echo_reason_codes_field_names_or_columns(tmp_path, custodian):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [record(1, reasons=[CANARY]), record(2, **{CANARY: "x"})])
    _, err, _exc = run_import(path)
    assert "line 1: reasons: 1 reason code not known" in err
    assert "line 2: 1 unknown field(s)" in err
    # A CSV without its header row: the first record's values are read as column names.
    headerless = tmp_path / "headerless.csv"
    headerless.write_text(f"INT-9,{CANARY},Smallville\n")
    _, err2, _exc = run_import(headerless)
    assert "line 1: unknown column(s) at position 1, 2, 3" in err2
    assert CANARY not in err + err2 and "Smallville" not in err2
