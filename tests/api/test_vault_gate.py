"""Translations and excerpts pass the vault gate: checked when saved, withheld when matching."""

from __future__ import annotations

import pytest

from narratives.models import Excerpt, ExcerptTranslation
from narratives.translations import TranslationError, save_translation
from tests.api.conftest import _canary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(db):
    return UserFactory(username="t_translator", role="Analyst")


def _translation_texts(body: dict) -> list[str]:
    return [t["text"] for item in body["results"] for t in item["translations"]]


def test_a_translation_holding_a_vault_alias_is_refused_when_saved(world, translator):
    alias = _canary(1, "aliases")
    translation = ExcerptTranslation(
        excerpt=world.excerpts[0], language="ar", text=f"قال {alias} إنه رحل"
    )
    with pytest.raises(TranslationError, match="matches a vault record") as info:
        save_translation(user=translator, translation=translation)
    assert alias not in str(info.value)
    assert not ExcerptTranslation.objects.filter(language="ar").exists()


def test_the_admin_refuses_a_translation_holding_a_vault_alias(world, superuser, client):
    alias = _canary(2, "aliases")
    excerpt = world.excerpts[0]
    client.force_login(superuser)
    url = f"/admin/narratives/excerpt/{excerpt.pk}/change/"
    assert client.get(url).status_code == 200
    existing = excerpt.translations.get()
    data = {
        "status": excerpt.status,
        "reasons": [r.pk for r in excerpt.reasons.all()],
        "translations-TOTAL_FORMS": "2",
        "translations-INITIAL_FORMS": "1",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-id": existing.pk,
        "translations-0-excerpt": excerpt.pk,
        "translations-0-language": "fr",
        "translations-0-text": existing.text,
        "translations-1-excerpt": excerpt.pk,
        "translations-1-language": "ar",
        "translations-1-text": f"وقال {alias} لي",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "matches a vault record" in body
    errors = body.split('class="errorlist', 1)[1].split("</ul>", 1)[0]
    assert alias not in errors
    assert not excerpt.translations.filter(language="ar").exists()


def test_the_excerpts_api_never_serves_a_translation_holding_a_vault_alias(world, make_key, api):
    # Saved before the gate existed, or around it: the API checks again as it serves.
    alias = _canary(1, "aliases")
    ExcerptTranslation.objects.filter(excerpt=world.excerpts[0]).update(text=f"Récit de {alias}")
    key = make_key()
    listing = api.get("/api/v1/excerpts/", key=key)
    assert listing.status_code == 200
    assert alias not in listing.content.decode()
    assert "Récit numéro" in _translation_texts(listing.json())  # the clean ones still go out
    detail = api.get(f"/api/v1/excerpts/{world.excerpts[0].public_id}/", key=key)
    assert detail.status_code == 200
    assert alias not in detail.content.decode()
    assert detail.json()["translations"] == []


def test_an_excerpt_whose_text_now_matches_the_vault_is_not_served(world, make_key, api):
    kunya = _canary(4, "kunya")
    excerpt = world.excerpts[1]
    Excerpt.objects.filter(pk=excerpt.pk).update(text=f"{kunya} said so")
    key = make_key()
    listing = api.get("/api/v1/excerpts/", key=key)
    assert listing.status_code == 200
    ids = [item["id"] for item in listing.json()["results"]]
    assert excerpt.public_id not in ids and world.excerpts[0].public_id in ids
    assert kunya not in listing.content.decode()
    assert api.get(f"/api/v1/excerpts/{excerpt.public_id}/", key=key).status_code == 404
