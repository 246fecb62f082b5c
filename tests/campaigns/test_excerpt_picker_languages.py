"""The message form's excerpt picker names the languages each excerpt may be quoted in."""

from __future__ import annotations

import pytest

from narratives.models import ExcerptTranslation
from tests.factories import ExcerptFactory, NarrativeFactory

pytestmark = pytest.mark.django_db


def picker(client, term=""):
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "campaigns",
            "model_name": "messageexcerpt",
            "field_name": "excerpt",
            "term": term,
        },
    )
    assert response.status_code == 200
    return {r["text"] for r in response.json()["results"]}


def test_the_picker_lists_the_own_language_and_approved_translations_only(client, editor):
    french = ExcerptFactory(
        narrative=NarrativeFactory(approved=True, language="fr", text="Les promesses vides.")
    )
    ExcerptTranslation.objects.create(
        excerpt=french, language="ar", text="وعود فارغة", status="approved"
    )
    ExcerptTranslation.objects.create(excerpt=french, language="en", text="Empty promises")
    client.force_login(editor)
    labels = picker(client)
    assert f"“{french.text}” · fr, ar" in labels  # the English one awaits approval


def test_lang_filter_finds_excerpts_quotable_in_that_language(client, editor):
    french = ExcerptFactory(
        narrative=NarrativeFactory(approved=True, language="fr", text="Les promesses vides.")
    )
    other = ExcerptFactory(
        narrative=NarrativeFactory(approved=True, language="fr", text="Autre témoignage.")
    )
    ExcerptTranslation.objects.create(
        excerpt=french, language="ar", text="وعود فارغة", status="approved"
    )
    ExcerptTranslation.objects.create(excerpt=other, language="ar", text="شهادة أخرى")
    client.force_login(editor)
    labels = picker(client, "lang:ar")
    assert labels == {f"“{french.text}” · fr, ar"}
