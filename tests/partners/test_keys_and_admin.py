"""API keys: format, hashing, commands to create and revoke, and the admin."""

from __future__ import annotations

import io
import re
import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from partners import keys, services
from partners.authentication import authenticate_key
from partners.models import ApiKey, Partner

pytestmark = pytest.mark.django_db


def test_keys_are_random_and_stored_hashed():
    partner = services.create_partner(name="Org")
    made = [services.create_api_key(partner=partner, scopes=["read:messages"]) for _ in range(3)]
    assert len({m.key for m in made}) == 3
    for new in made:
        assert re.fullmatch(r"cms_[a-z0-9]{8}_[A-Za-z0-9_-]{43}", new.key)
        stored = ApiKey.objects.get(pk=new.api_key.pk)
        assert stored.prefix == new.key[4:12]
        assert stored.key_hash == keys.hash_key(new.key) != new.key
        assert new.key not in repr(stored) and new.key not in str(stored)


def test_unknown_scope_is_refused():
    partner = services.create_partner(name="Org")
    with pytest.raises(Exception, match="unknown scopes: read:vault"):
        services.create_api_key(partner=partner, scopes=["read:vault"])


def test_key_check_is_fast():
    partner = services.create_partner(name="Org")
    key = services.create_api_key(partner=partner, scopes=["read:messages"]).key
    authenticate_key(key)
    start = time.perf_counter()
    for _ in range(200):
        assert authenticate_key(key) is not None
    assert (time.perf_counter() - start) / 200 < 0.005  # generous for CI; bench/api.py measures


def test_create_partner_prints_the_key_last():
    out = io.StringIO()
    call_command(
        "create_partner",
        "Youth Network",
        "--scope",
        "read:messages,read:campaigns",
        "--scope",
        "write:metrics",
        "--languages",
        "en,fr",
        "--expires",
        "90d",
        stdout=out,
    )
    lines = out.getvalue().rstrip("\n").split("\n")
    key = lines[-1]
    assert keys.parse_prefix(key)
    api_key = authenticate_key(key)
    assert api_key.scopes == ["read:campaigns", "read:messages", "write:metrics"]
    assert api_key.partner.languages == ["en", "fr"]
    assert api_key.expires_at > timezone.now() + timedelta(days=89)
    with pytest.raises(CommandError, match="exists"):
        call_command("create_partner", "Youth Network", stdout=io.StringIO())
    with pytest.raises(CommandError, match="unknown scopes"):
        call_command("create_partner", "Other", "--scope", "admin", stdout=io.StringIO())
    assert Partner.objects.count() == 1


def test_revoke_api_key_command():
    out = io.StringIO()
    call_command("create_partner", "Org", stdout=out)
    key = out.getvalue().strip().split("\n")[-1]
    call_command("revoke_api_key", key[4:12], stdout=io.StringIO())
    assert authenticate_key(key) is None
    assert ApiKey.objects.get().revoked_at is not None
    with pytest.raises(CommandError):
        call_command("revoke_api_key", "zzzzzzzz", stdout=io.StringIO())


def test_admin_creates_a_key_shown_once_and_revokes(superuser, editor):
    partner = services.create_partner(name="Org")
    client = Client()
    client.force_login(superuser)
    response = client.post(
        "/admin/partners/apikey/add/",
        {
            "partner": partner.pk,
            "name": "CMS sync",
            "scopes": ["read:messages"],
            "expires_at_0": "",
            "expires_at_1": "",
        },
    )
    assert response.status_code == 200, response.content[:2000]
    match = re.search(rb"cms_[a-z0-9]{8}_[A-Za-z0-9_-]{43}", response.content)
    assert match
    key = match.group().decode()
    assert authenticate_key(key).name == "CMS sync"
    listing = client.get("/admin/partners/apikey/")
    assert key[4:12].encode() in listing.content and key.encode() not in listing.content
    api_key = ApiKey.objects.get()
    client.post(
        "/admin/partners/apikey/",
        {"action": "revoke", "_selected_action": [api_key.pk]},
    )
    assert authenticate_key(key) is None
    # Editors cannot manage keys or partners.
    client.force_login(editor)
    assert client.get("/admin/partners/apikey/").status_code == 403
    assert client.get("/admin/partners/partner/").status_code == 403
    assert client.get("/admin/partners/webhookdelivery/").status_code == 200


def test_admin_partner_with_webhook_shows_secret_once(superuser):
    client = Client()
    client.force_login(superuser)
    response = client.post(
        "/admin/partners/partner/add/",
        {
            "name": "Hooked",
            "is_active": "on",
            "languages": "[]",
            "regions": "[]",
            "webhook_url": "http://127.0.0.1:9/hook",
            "contact_email": "",
            "notes": "",
            "api_keys-TOTAL_FORMS": "0",
            "api_keys-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200, response.content[:3000]
    assert b"whsec_" in response.content
    assert Partner.objects.get().has_webhook
