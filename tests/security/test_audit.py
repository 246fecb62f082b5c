"""The audit trail: what it records, that it holds identifiers only, and that it is append-only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from campaigns import publishing
from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt
from core import audit
from core.models import AppendOnlyError, AuditEntry
from narratives import services as narrative_services
from narratives.models import Reason
from tests.factories import (
    PASSWORD,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARK = "CANARY"  # in every text the flow below writes; never in an audit entry


def _trail_text() -> str:
    return json.dumps(list(AuditEntry.objects.values()), default=str)


def test_every_audited_action_is_recorded_without_any_content(
    client, analyst, analyst2, editor, custodian
):
    # A narrative and its vault record, every text carrying a canary.
    narrative = NarrativeFactory(
        title="CANARYTITLE",
        text="I guarded empty buildings for months. CANARYTEXT",
        author=analyst,
        status="in_review",
    )
    record = SourceRecordFactory(
        narrative=narrative,
        real_name="CANARYREAL Person",
        kunya="Abu CANARYKUNYA",
        raw_text="CANARYRAW notes",
        home_town="CANARYTOWN",
        consent_notes="CANARYCONSENT notes",
    )
    reasons = Reason.objects.get(code="qol_menial"), Reason.objects.get(code="corruption_leaders")
    narrative_services.tag_narrative(
        user=analyst, narrative=narrative, reasons=reasons, primary=reasons[0]
    )
    narrative_services.request_changes(
        user=analyst2, narrative=narrative, comment="CANARY comment: fix the dates"
    )
    narrative.status = "in_review"
    narrative.save(update_fields=["status"])
    narrative_services.approve_narrative(user=analyst2, narrative=narrative)

    # A custodian opens the vault record in the admin.
    client.force_login(custodian)
    assert client.get(f"/admin/narratives/sourcerecord/{record.pk}/change/").status_code == 200

    # A message: approved, scheduled, published by the sweeper, withdrawn.
    message = MessageFactory(
        author=editor, status="in_review", headline="CANARY headline", body="CANARY body"
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    campaign_services.approve_message(user=analyst2, message=message)
    campaign_services.schedule_message(
        user=editor, message=message, publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert publishing.sweep(worker="worker@host-1").published == 1
    campaign_services.withdraw_message(user=editor, message=message, reason="CANARY reason")

    # Consent withdrawn, with notes.
    narrative_services.withdraw_consent(
        user=custodian, source_record=record, notes="CANARY withdrawal notes"
    )

    # Logins: one failed with a canary password, one good.
    Client().post("/accounts/login/", {"username": "t_analyst", "password": "CANARYPASSWORD"})
    Client().post("/accounts/login/", {"username": "t_analyst", "password": PASSWORD})

    rows = {
        (e.action, e.actor_username, e.target_type, e.target_id) for e in AuditEntry.objects.all()
    }
    nid, mid = narrative.public_id, message.public_id
    expected = {
        ("narrative.changes_requested", "t_analyst2", "narrative", nid),
        ("narrative.approved", "t_analyst2", "narrative", nid),
        ("vault.view", "t_custodian", "narrative", nid),
        ("message.approved", "t_analyst2", "message", mid),
        ("message.scheduled", "t_editor", "message", mid),
        ("message.published", "", "message", mid),
        ("message.withdrawn", "t_editor", "message", mid),
        ("vault.change", "t_custodian", "narrative", nid),
        ("consent.withdrawn", "t_custodian", "narrative", nid),
        ("auth.login_failed", "t_analyst", "", ""),
        ("auth.login", "t_analyst", "", ""),
    }
    assert expected <= rows, expected - rows
    published = AuditEntry.objects.get(action="message.published")
    assert published.detail == {"worker": "worker@host-1"}
    assert AuditEntry.objects.get(action="auth.login", actor_username="t_analyst").ip == "127.0.0.1"
    assert MARK not in _trail_text()
    assert MARK.lower() not in _trail_text().lower()


def test_a_failed_login_keeps_only_a_known_username_never_the_password(client):
    UserFactory(username="t_known")
    client.post("/accounts/login/", {"username": "t_known", "password": "CANARY-secret-1"})
    # A password typed into the username field is not kept either.
    client.post("/accounts/login/", {"username": "CANARY-secret-2", "password": "x"})
    client.post("/admin/login/", {"username": "t_known", "password": "CANARY-secret-3"})
    failed = list(AuditEntry.objects.filter(action="auth.login_failed").order_by("pk"))
    assert [(e.actor_username, e.detail["unknown_username"]) for e in failed] == [
        ("t_known", False),
        ("", True),
        ("t_known", False),
    ]
    assert "CANARY" not in _trail_text()


def test_logout_is_recorded(client, analyst):
    client.force_login(analyst)
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(action="auth.logout", actor_username="t_analyst").exists()


@pytest.mark.parametrize(
    "detail",
    [
        {"comment": "I left because the emir lied"},
        {"text": "x" * 101},
        {"nested": {"a": 1}},
        {"Bad Key": 1},
        {"names": ["Abu Zaid al-Faransi"]},
    ],
)
def test_detail_refuses_anything_that_looks_like_content(detail):
    with pytest.raises(ValueError) as raised:
        audit.record(action="test.action", detail=detail)
    assert "emir" not in str(raised.value) and "Zaid" not in str(raised.value)
    assert not AuditEntry.objects.exists()


def test_detail_accepts_identifiers_counts_and_flags():
    entry = audit.record(
        action="api_key.created",
        target=("api_key", "key_7Hq2"),
        detail={"prefix": "cms_7Hq2", "partner": "prt_x1", "count": 3, "ok": True, "at": None},
    )
    entry.refresh_from_db()
    assert entry.detail["prefix"] == "cms_7Hq2"
    assert (entry.target_type, entry.target_id) == ("api_key", "key_7Hq2")


# --- Append-only -------------------------------------------------------------------------


@pytest.fixture
def entry():
    return audit.record(action="auth.login", username="", detail={"n": 1})


def test_the_model_refuses_changes_and_deletion(entry):
    entry.action = "auth.logout"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "auth.login"


def test_the_database_refuses_an_update_behind_the_orms_back(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "auth.login"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps DELETE for the suite's flush"
)
def test_postgresql_refuses_a_delete_behind_the_orms_back(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# --- Admin -------------------------------------------------------------------------------


def test_superusers_read_the_trail_and_nobody_changes_it(client, superuser, entry):
    client.force_login(superuser)
    changelist = client.get("/admin/core/auditentry/")
    assert changelist.status_code == 200
    assert b"auth.login" in changelist.content
    for query in (
        "?action=auth.login",
        "?q=auth",
        f"?at__year={timezone.now().year}",
        "?actor_username=x",
    ):
        assert client.get("/admin/core/auditentry/" + query).status_code == 200
    detail = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"action": "forged"})
    assert AuditEntry.objects.get(pk=entry.pk).action == "auth.login"


@pytest.mark.parametrize("role_user", ["editor", "custodian"])
def test_other_staff_cannot_read_the_trail(client, role_user, request, entry):
    client.force_login(request.getfixturevalue(role_user))
    assert client.get("/admin/core/auditentry/").status_code == 403
    assert b"Audit trail" not in client.get("/admin/").content
