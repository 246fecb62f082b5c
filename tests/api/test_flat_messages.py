"""The messages' flat path (partners.flat: values() rows and plain prefetched data) answers
byte for byte as the serializer path (MessageSerializer over prefetched instances) did, on a
varied world: Arabic and French messages and quotes, translated and untranslated quotes, a
carousel with a rendition per slide and its own alt texts, renditions not ready or not
approved, quotes no longer reusable, sub-reasons, the campaign's call to action as fallback,
an end time, a withdrawn message (a tombstone in the feed), sparse fields, filters, cursors.

Each request is made twice at the same frozen instant, through the flat path and through the
serializer path (the views' ``rows``/``represent`` taken away), and the bodies compared."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import Message, MessageExcerpt, Rendition
from narratives.models import Excerpt, ExcerptTranslation, Reason
from partners.api import changes, resources
from tests.api.conftest import add_renditions, make_message
from tests.factories import CampaignFactory, ExcerptFactory, NarrativeFactory

ARABIC_HEADLINE = "وعدونا بالعدل فوجدنا الظلم"
ARABIC_BODY = "تركت التنظيم لأن القادة كانوا فاسدين، والوعود كانت فارغة."


@pytest.fixture
def varied(world):
    """The API world plus Arabic and French content, a carousel and odd renditions."""
    corruption = Reason.objects.get(code="corruption")
    brutality = Reason.objects.get(code="brutality")
    # No vault record: a vault change would make the world's leak checks stale.
    arabic_narrative = NarrativeFactory(
        approved=True, language="ar", country="MA", title="قصة", text="كان القادة فاسدين"
    )
    arabic_excerpt = ExcerptFactory(
        narrative=arabic_narrative, start=0, end=20, text="كان القادة فاسدين"
    )
    arabic_excerpt.reasons.add(corruption, brutality)
    french_narrative = world.narratives[6]
    french_excerpt = ExcerptFactory(
        narrative=french_narrative, start=0, end=12, text="Les promesses étaient vides"
    )
    english = world.excerpts[0]
    ExcerptTranslation.objects.bulk_create(
        [
            ExcerptTranslation(excerpt=english, language="ar", text="رواية رقم", status="approved"),
            # Not approved: never quoted.
            ExcerptTranslation(
                excerpt=french_excerpt, language="ar", text="ترجمة لم تعتمد", status="in_review"
            ),
            ExcerptTranslation(
                excerpt=arabic_excerpt,
                language="fr",
                text="Les chefs étaient corrompus",
                status="approved",
            ),
        ]
    )
    retired = ExcerptFactory(narrative=world.narratives[1], status=Excerpt.Status.RETIRED)
    campaign = CampaignFactory(
        audience_regions=["Northern Africa"],
        audience_languages=["ar", "fr"],
        cta_text="اتصل بنا",
        cta_url="https://example.org/aide",
    )
    now = timezone.now()
    arabic = make_message(
        campaign,
        [arabic_excerpt, english, french_excerpt, retired],
        language="ar",
        headline=ARABIC_HEADLINE,
        body=ARABIC_BODY,
        alt_text="بطاقة اقتباس",
        unpublish_at=now + timedelta(days=5),
        publish_at=now - timedelta(hours=5),
    )
    for slide, alt_text in enumerate(["الشريحة الأولى", "", "الشريحة الثالثة"]):
        Rendition.objects.create(
            message=arabic,
            format="square",
            slide=slide,
            input_hash=f"carousel-{slide}",
            status=Rendition.Status.READY,
            file=f"renditions/{arabic.public_id}/square-{slide}.png",
            mime_type="image/webp" if slide == 2 else "image/png",
            width=1080,
            height=1080,
            alt_text=alt_text,
        )
    Rendition.objects.create(  # not ready: not served
        message=arabic, format="story", input_hash="pending", status=Rendition.Status.PENDING
    )
    Rendition.objects.create(  # re-rendered after an edit, not yet approved: not served
        message=arabic,
        format="landscape",
        input_hash="edited",
        status=Rendition.Status.READY,
        file=f"renditions/{arabic.public_id}/landscape.png",
        mime_type="image/png",
        width=1200,
        height=675,
        content_hash="new",
        approved_hash="old",
    )
    french = make_message(
        world.campaign,
        [arabic_excerpt, french_excerpt, english],
        language="fr",
        headline="Ils nous ont promis la justice : « rien » n'est venu",
        body="J'ai quitté le groupe à cause de l'injustice.",
        cta_text="Écrivez-nous",
        cta_url="https://example.org/écrire",
        publish_at=now - timedelta(hours=2),
    )
    add_renditions(french, ["landscape", "story"])
    bare = make_message(world.campaign, [], publish_at=now - timedelta(hours=3), alt_text="")
    MessageExcerpt.objects.filter(message=bare).delete()
    return {"arabic": arabic, "french": french, "bare": bare}


@pytest.fixture
def serializer_path(monkeypatch):
    """Take the flat path away: the views and the feed build messages with the serializer."""

    def take_away() -> None:
        for view in (resources.MessageList, resources.MessageDetail):
            monkeypatch.setattr(view, "rows", None)
            monkeypatch.setattr(view, "represent", None)
        flat = changes.CHANGE_OUTPUT["message"]
        monkeypatch.setitem(
            changes.CHANGE_OUTPUT,
            "message",
            dataclasses.replace(flat, rows=None, represent=None),
        )

    return take_away


def _both(api, key, urls, serializer_path, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # the same instant for both paths
    flat = [api.get(url, key=key) for url in urls]
    serializer_path()
    old = [api.get(url, key=key) for url in urls]
    for url, new, before in zip(urls, flat, old, strict=True):
        assert new.status_code == before.status_code == 200, (url, new.content)
        assert new.content == before.content, url
        assert new["ETag"] == before["ETag"]
    return [response.json() for response in flat]


def test_lists_and_details_answer_byte_for_byte_as_the_serializer_did(
    varied, world, api, make_key, serializer_path, time_machine
):
    key = make_key()
    ids = [m.public_id for m in (varied["arabic"], varied["french"], varied["bare"], world.live)]
    urls = [
        "/api/v1/messages/",
        "/api/v1/messages/?ordering=-publish_at",
        "/api/v1/messages/?ordering=publish_at&page_size=2",
        "/api/v1/messages/?ordering=changed_at",
        "/api/v1/messages/?fields=headline,renditions",
        "/api/v1/messages/?fields=reasons",
        "/api/v1/messages/?fields=excerpts,cta_url&language=ar,fr",
        "/api/v1/messages/?reason=corruption",
        "/api/v1/messages/?reason=brutality",
        f"/api/v1/messages/?campaign={varied['arabic'].campaign.public_id}",
        *(f"/api/v1/messages/{public_id}/" for public_id in ids),
        f"/api/v1/messages/{varied['arabic'].public_id}/?fields=renditions",
    ]
    bodies = _both(api, key, urls, serializer_path, time_machine)

    listed = {item["id"]: item for item in bodies[0]["results"]}
    assert set(ids) <= set(listed)
    assert world.withdrawn.public_id not in listed and world.future.public_id not in listed
    arabic = listed[varied["arabic"].public_id]
    assert arabic["headline"] == ARABIC_HEADLINE
    assert [(r["format"], r["slide"], r["alt_text"]) for r in arabic["renditions"]] == [
        ("square", 0, "الشريحة الأولى"),
        ("square", 1, "بطاقة اقتباس"),
        ("square", 2, "الشريحة الثالثة"),
    ]
    assert [q["language"] for q in arabic["excerpts"]] == ["ar", "ar", "fr"]
    assert arabic["cta_text"] == "اتصل بنا" and arabic["unpublish_at"] is not None
    assert arabic["reasons"] == ["brutality", "corruption"]
    assert listed[varied["bare"].public_id]["excerpts"] == []
    assert bodies[2]["has_more"] and bodies[2]["next_cursor"]


def test_the_next_pages_answer_byte_for_byte_as_the_serializer_did(
    varied, api, make_key, serializer_path, time_machine
):
    key = make_key()
    first = api.get("/api/v1/messages/?page_size=2", key=key).json()
    url = f"/api/v1/messages/?page_size=2&cursor={first['next_cursor']}"

    (page,) = _both(api, key, [url], serializer_path, time_machine)

    assert page["results"] and not {i["id"] for i in page["results"]} & {
        i["id"] for i in first["results"]
    }


def test_the_changes_feed_answers_byte_for_byte_as_the_serializer_did(
    varied, world, api, make_key, serializer_path, time_machine, settings
):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    key = make_key()
    urls = ["/api/v1/changes/", "/api/v1/changes/?page_size=3", "/api/v1/changes/?type=message"]

    bodies = _both(api, key, urls, serializer_path, time_machine)

    messages = {c["id"]: c for c in bodies[0]["results"] if c["type"] == "message"}
    assert messages[world.withdrawn.public_id]["deleted"] is True
    assert messages[varied["arabic"].public_id]["data"]["body"] == ARABIC_BODY


def test_a_restricted_partner_sees_the_same_either_way(
    varied, api, make_key, serializer_path, time_machine
):
    key = make_key(languages=["ar"], regions=["Northern Africa"])

    (page,) = _both(api, key, ["/api/v1/messages/"], serializer_path, time_machine)

    assert {item["id"] for item in page["results"]} == {varied["arabic"].public_id}


def test_the_flat_path_reads_a_page_in_a_fixed_number_of_queries(
    varied, api, make_key, django_assert_max_num_queries
):
    key = make_key(["read:messages"])
    for _ in range(3):
        make_message(Message.objects.first().campaign, [], publish_at=timezone.now())
    api.get("/api/v1/messages/", key=key)  # warm: the key record, the disclosure index
    with django_assert_max_num_queries(12):
        assert len(api.get("/api/v1/messages/?page_size=100", key=key).json()["results"]) >= 7
