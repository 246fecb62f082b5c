"""The custodian's vault pages: the intake form's pickers and empty sensitive attributes, and
the lookup by external reference through its keyed hash, never stored, logged or echoed."""

from __future__ import annotations

import logging
import re

import pytest

from core.models import AuditEntry
from narratives.crypto import blind_index
from narratives.models import Narrative, SourceRecord
from tests.factories import NarrativeFactory
from tests.narratives.test_intake import record

pytestmark = pytest.mark.django_db

ADD = "/admin/narratives/sourcerecord/add/"
FIND = "/admin/narratives/sourcerecord/find/"
REFERENCE = "CUST-Ref-7731-Qz"


def selected(html: str, name: str) -> list[str]:
    """The values pre-selected in the select named ``name``."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select[1])


def test_the_add_page_presets_no_sensitive_attribute_and_offers_pickers(client, custodian):
    client.force_login(custodian)
    html = client.get(ADD).content.decode()
    for name in ("language", "gender", "age_band", "source_kind"):
        assert selected(html, name) in ([], [""]), name
        assert re.search(rf'<select name="{name}"[^>]*required', html), name
    # Country and reasons are picked from lists, not typed as codes.
    assert '<select name="country"' in html and '<option value="FR">France</option>' in html
    assert 'type="checkbox" name="reasons" value="qol_promises"' in html
    assert '<select name="primary_reason"' in html
    assert 'type="month" name="left"' in html
    # Styled as every other admin form.
    assert "admin/css/forms.css" in html and "change-form" in html


def test_the_sensitive_attributes_must_be_chosen(client, custodian):
    client.force_login(custodian)
    data = record(21, language="", gender="", age_band="")
    data = {k: v for k, v in data.items() if not isinstance(v, list)}
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert not Narrative.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) >= {"language", "gender", "age_band"}


def test_a_record_filed_with_the_pickers(client, custodian):
    client.force_login(custodian)
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(22).items()}
    data["reasons"] = ["qol_promises", "corruption_leaders"]
    data["country"] = "FR"
    data["gender"] = "unknown"
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["form"].errors
    narrative = Narrative.objects.get()
    assert (narrative.country, narrative.gender) == ("FR", "unknown")
    assert set(narrative.reasons.values_list("code", flat=True)) == {
        "qol_promises",
        "corruption_leaders",
    }


def test_a_country_not_in_the_list_is_refused_without_echo(client, custodian):
    client.force_login(custodian)
    data = {k: "\n".join(v) if isinstance(v, list) else v for k, v in record(23).items()}
    data["country"] = "Canary-Qx-Country"
    html = client.post(ADD, data).content.decode()
    assert "Pick the country from the list" in html
    errors = "".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', html, re.S))
    assert "Canary-Qx-Country" not in errors


def test_find_by_reference_goes_to_the_record_and_leaves_no_trace(client, custodian, caplog):
    record_ = SourceRecord(narrative=NarrativeFactory(), external_ref=REFERENCE)
    record_.external_ref_index = blind_index(REFERENCE)
    record_.save()
    client.force_login(custodian)
    changelist = client.get("/admin/narratives/sourcerecord/").content.decode()
    assert f'href="{FIND}"' in changelist
    form = client.get(FIND)
    assert form.status_code == 200 and 'name="reference"' in form.content.decode()
    audit_before = AuditEntry.objects.count()
    with caplog.at_level(logging.DEBUG):
        # Case and spacing do not matter, as for the import's duplicate check.
        found = client.post(FIND, {"reference": "  cust-ref-7731-QZ "})
        missing = client.post(FIND, {"reference": "CUST-Ref-0000-None"})
    assert found.status_code == 302
    assert found["Location"] == f"/admin/narratives/sourcerecord/{record_.pk}/change/"
    assert missing.status_code == 200
    body = missing.content.decode()
    assert "No vault record has that reference." in body
    assert "CUST-Ref-0000-None" not in body
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert "7731" not in logged and "0000-None" not in logged
    texts = repr(list(AuditEntry.objects.values()[: AuditEntry.objects.count() - audit_before]))
    assert "7731" not in texts
    # Both lookups are on the trail, with where they led, and never the reference.
    lookups = list(
        AuditEntry.objects.filter(action="vault.lookup")
        .order_by("pk")
        .values("actor_username", "target_type", "target_id", "detail")
    )
    assert lookups == [
        {
            "actor_username": custodian.get_username(),
            "target_type": "narrative",
            "target_id": str(record_.narrative.public_id),
            "detail": {"found": True},
        },
        {
            "actor_username": custodian.get_username(),
            "target_type": "",
            "target_id": "",
            "detail": {"found": False},
        },
    ]


def test_only_custodians_may_look_up_references(client, superuser, editor):
    for user in (superuser, editor):
        client.force_login(user)
        assert client.post(FIND, {"reference": REFERENCE}).status_code == 403
