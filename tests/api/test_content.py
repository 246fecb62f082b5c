"""What each endpoint shows: published content only, disclosure-controlled, public ids."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from campaigns.models import Message, Rendition
from narratives.models import Excerpt, Narrative
from narratives.selectors import _attributes, disclosure_index
from tests.api.conftest import make_narrative
from tests.factories import ExcerptFactory, NarrativeFactory

pytestmark = pytest.mark.django_db


def _ids(response) -> list[str]:
    return [item["id"] for item in response.json()["results"]]


def test_messages_are_live_only_with_ready_renditions(world, make_key, api):
    Rendition.objects.filter(message=world.live, format="story").update(
        status=Rendition.Status.RENDERING
    )
    response = api.get("/api/v1/messages/", key=make_key())
    assert response.status_code == 200
    assert set(_ids(response)) == {world.live.public_id, world.live_fr.public_id}
    live = next(m for m in response.json()["results"] if m["id"] == world.live.public_id)
    assert [r["format"] for r in live["renditions"]] == ["landscape", "square"]
    square = live["renditions"][1]
    assert square["url"].startswith("http://testserver/media/r/")  # by lookup, not by path
    assert (square["width"], square["height"]) == (1080, 1080)
    assert square["alt_text"] == "A quote card."
    assert live["campaign"] == world.campaign.public_id
    assert live["cta_text"] == "Call us"  # the campaign's, when the message has none
    assert [e["id"] for e in live["excerpts"]] == [e.public_id for e in world.excerpts[:2]]
    assert live["reasons"] == ["brutality_civilians", "corruption"]


def test_a_message_in_french_quotes_the_french_translation(world, make_key, api):
    response = api.get(f"/api/v1/messages/{world.live_fr.public_id}/", key=make_key())
    (quote,) = response.json()["excerpts"]
    assert quote == {
        "id": world.excerpts[2].public_id,
        "language": "fr",
        "text": "Récit numéro",
        "attribution": quote["attribution"],
    }
    assert quote["attribution"].startswith("Ancien membre")


def test_future_withdrawn_and_expired_messages_are_not_found(world, make_key, api):
    key = make_key()
    world.live.unpublish_at = timezone.now() - timedelta(seconds=1)
    world.live.publish_at = timezone.now() - timedelta(days=2)
    world.live.save()
    bodies = []
    for message in (world.future, world.withdrawn, world.live):
        response = api.get(f"/api/v1/messages/{message.public_id}/", key=key)
        assert response.status_code == 404
        body = response.json()
        assert body.pop("request_id") == response["X-Request-ID"]
        bodies.append(body)
    assert bodies[0]["code"] == "not_found"
    assert bodies[0] == bodies[1] == bodies[2]


def test_only_approved_narratives_with_released_attributes(world, make_key, api):
    draft = NarrativeFactory(title="Draft story")
    response = api.get("/api/v1/narratives/", key=make_key())
    ids = _ids(response)
    assert draft.public_id not in ids
    assert set(ids) == {n.public_id for n in world.narratives}
    index = disclosure_index()
    for item in response.json()["results"]:
        narrative = Narrative.objects.get(public_id=item["id"])
        assert item["attributes"] == index.release(_attributes(narrative)).as_dict()
        assert set(item) == {
            "id",
            "title",
            "text",
            "language",
            "attributes",
            "primary_reason",
            "reasons",
            "changed_at",
        }


def test_attributes_are_released_not_raw(world, make_key, api):
    # Enough French men of 25-34 who left in March 2015 for their cell to be released as is,
    # and one Moroccan who must not be shown as "MA".
    reason = world.narratives[0].reason_links.get().reason
    for n in range(10, 16):
        make_narrative(n, country="FR", reason=reason)
    # Enough narratives with nothing known for the fully generalised group to hold k, so no
    # released group has to be pulled up into it.
    for _ in range(6):
        NarrativeFactory(
            approved=True, country="", gender="unknown", age_band="unknown", left_on=None
        )
    for narrative in Narrative.objects.filter(country="FR"):
        narrative.left_on = date(2015, 3, 1)
        narrative.save()
    response = api.get("/api/v1/narratives/?page_size=100", key=make_key())
    by_id = {item["id"]: item["attributes"] for item in response.json()["results"]}
    moroccan = world.narratives[6]
    assert by_id[moroccan.public_id]["origin"] != "MA"
    assert any(a["origin"] == "FR" for a in by_id.values())


@override_settings(DISCLOSURE_K=50)
def test_below_k_no_attributes_at_all(world, make_key, api):
    response = api.get("/api/v1/narratives/", key=make_key())
    assert all(item["attributes"] is None for item in response.json()["results"])
    excerpt = api.get(f"/api/v1/excerpts/{world.excerpts[0].public_id}/", key=make_key())
    assert excerpt.json()["attribution"] == "Former member"


def test_excerpts_are_reusable_only_with_translations(world, make_key, api):
    proposed = ExcerptFactory(
        narrative=world.narratives[3], start=0, end=7, status=Excerpt.Status.PROPOSED
    )
    response = api.get("/api/v1/excerpts/", key=make_key())
    ids = _ids(response)
    assert proposed.public_id not in ids
    assert set(ids) == {e.public_id for e in world.excerpts}
    item = response.json()["results"][0]
    assert item["translations"][0]["language"] == "fr"
    assert item["attribution"].startswith("Former member")


def test_campaigns_show_no_planning_fields(world, make_key, api):
    world.campaign.risk_assessment = "internal risk notes"
    world.campaign.safeguarding_contact = "internal contact"
    world.campaign.save()
    response = api.get(f"/api/v1/campaigns/{world.campaign.public_id}/", key=make_key())
    body = response.content.decode()
    assert "internal risk notes" not in body and "internal contact" not in body
    assert "risk_assessment" not in response.json()


def test_campaign_without_live_message_is_hidden(world, make_key, api):
    Message.objects.filter(campaign=world.other_campaign).update(status=Message.Status.WITHDRAWN)
    response = api.get("/api/v1/campaigns/", key=make_key())
    assert _ids(response) == [world.campaign.public_id]


def test_identifiers_are_public_ids_never_pks(world, make_key, api):
    key = make_key()
    for path, prefix in (
        ("/api/v1/messages/", "msg_"),
        ("/api/v1/narratives/", "nar_"),
        ("/api/v1/excerpts/", "exc_"),
        ("/api/v1/campaigns/", "cmp_"),
    ):
        for item in api.get(path, key=key).json()["results"]:
            assert item["id"].startswith(prefix)
    assert api.get(f"/api/v1/messages/{world.live.pk}/", key=key).status_code == 404


def test_language_and_region_restrictions(world, make_key, api):
    key = make_key(languages=["en"], regions=["western europe"])
    assert _ids(api.get("/api/v1/messages/", key=key)) == [world.live.public_id]
    assert _ids(api.get("/api/v1/campaigns/", key=key)) == [world.campaign.public_id]
    narratives = _ids(api.get("/api/v1/narratives/?page_size=100", key=key))
    assert world.narratives[6].public_id not in narratives  # the French one
    assert api.get(f"/api/v1/messages/{world.live_fr.public_id}/", key=key).status_code == 404
    # A campaign with no audience region is open to every region.
    fr_only = make_key(languages=["fr"], regions=["Western Europe"])
    world.other_campaign.audience_regions = []
    world.other_campaign.save()
    assert _ids(api.get("/api/v1/messages/", key=fr_only)) == [world.live_fr.public_id]
