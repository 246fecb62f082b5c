"""The API key record is read from the database at most once a second per process; a
revocation here takes effect at once, one made elsewhere within a second."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners import authentication, services
from partners.authentication import KEY_CACHE_SECONDS, authenticate_key
from partners.models import ApiKey, Partner
from partners.selectors import Audience

pytestmark = pytest.mark.django_db


def _key():
    partner = services.create_partner(name="Org")
    return services.create_api_key(partner=partner, scopes=["read:messages"])


def test_a_known_key_is_checked_without_reading_its_record_again():
    created = _key()
    assert authenticate_key(created.key) is not None
    with CaptureQueriesContext(connection) as captured:
        for _ in range(20):
            assert authenticate_key(created.key) is not None
    assert not [q for q in captured.captured_queries if "partners_apikey" in q["sql"]]


def test_a_wrong_secret_fails_even_when_the_record_is_cached():
    created = _key()
    assert authenticate_key(created.key) is not None
    assert authenticate_key(created.key[:-4] + "zzzz") is None


def test_revocation_here_takes_effect_at_once():
    created = _key()
    assert authenticate_key(created.key) is not None
    services.revoke_api_key(api_key=created.api_key)
    assert authenticate_key(created.key) is None


@pytest.fixture
def clock(monkeypatch):
    """This process's clock for the key cache, moved on by hand (no sleeping)."""
    now = [1000.0]
    monkeypatch.setattr(authentication, "_clock", lambda: now[0])
    return now


def test_revocation_by_another_process_takes_effect_within_a_second(clock):
    """Another process's write sends no signal here: a plain UPDATE stands for it."""
    created = _key()
    assert authenticate_key(created.key) is not None
    ApiKey.objects.filter(pk=created.api_key.pk).update(revoked_at=timezone.now())
    clock[0] += KEY_CACHE_SECONDS / 2
    assert authenticate_key(created.key) is not None  # the record this process read
    clock[0] += KEY_CACHE_SECONDS / 2
    assert authenticate_key(created.key) is None


def test_a_partner_narrowed_by_another_process_is_seen_within_a_second(clock):
    created = _key()
    assert Audience.for_key(authenticate_key(created.key)).languages is None
    Partner.objects.filter(pk=created.api_key.partner_id).update(languages=["fr"])
    assert Audience.for_key(authenticate_key(created.key)).languages is None
    clock[0] += KEY_CACHE_SECONDS
    assert Audience.for_key(authenticate_key(created.key)).languages == {"fr"}


def test_a_partner_narrowed_here_is_read_afresh():
    created = _key()
    assert authenticate_key(created.key).partner.languages in ([], None)
    partner = created.api_key.partner
    partner.languages = ["fr"]
    partner.save()
    assert authenticate_key(created.key).partner.languages == ["fr"]
