"""Template fidelity (issue 15, problem 4): each layout declares what it draws; the preview,
the review page and the admin form name every filled field it leaves off; the statistic
card has its own big number and no attribution; the call-to-action card shows body and
quote; the quote card shows all (up to three) quotes."""

from __future__ import annotations

import json

import pytest

from campaigns import services
from campaigns.models import MessageExcerpt
from campaigns.rendering import TEMPLATE_FIELDS, CardSpec, render_card, undrawn_fields
from tests.campaigns.test_admin_messages import message_form
from tests.factories import CampaignFactory, ExcerptFactory, MessageFactory, VisualTemplateFactory


def spec(layout, **fields):
    base = {"headline": "They lied to us", "cta_text": "Talk to us", "cta_contact": "0800 000 000"}
    base.update(fields)
    return CardSpec(layout=layout, format="square", **base)


def test_every_layout_declares_what_it_draws():
    assert set(TEMPLATE_FIELDS) == {
        "quote_card",
        "statistic_card",
        "cta_card",
        "carousel",
        "photo_card",
    }
    # A carousel shows every quote a post can hold (ten slides: cover and closing around).
    assert TEMPLATE_FIELDS["carousel"]["quotes"] == 8 and TEMPLATE_FIELDS["carousel"]["body"]
    assert (
        TEMPLATE_FIELDS["photo_card"]["quotes"] == 1 and "body" not in TEMPLATE_FIELDS["photo_card"]
    )
    assert TEMPLATE_FIELDS["quote_card"]["quotes"] == 3
    assert "attribution" not in TEMPLATE_FIELDS["statistic_card"]
    assert "quotes" not in TEMPLATE_FIELDS["statistic_card"]
    assert TEMPLATE_FIELDS["cta_card"]["quotes"] >= 1 and TEMPLATE_FIELDS["cta_card"]["body"]


def test_undrawn_fields_names_each_filled_field_left_off():
    filled = {"headline": 1, "statistic": 1, "body": 1, "quotes": 4, "cta": 1, "logo": 0}
    quote = dict(undrawn_fields("quote_card", filled))
    assert set(quote) == {"statistic", "body", "quotes"}
    assert "3 of the 4 quotes" in quote["quotes"]
    stat = dict(undrawn_fields("statistic_card", filled))
    assert set(stat) == {"quotes"} and "does not show the quotes" in stat["quotes"]
    assert undrawn_fields("cta_card", {"headline": 1, "body": 1, "quotes": 1}) == []


def test_statistic_card_draws_a_big_number_and_never_an_attribution():
    card = render_card(
        spec(
            "statistic_card",
            statistic="7 in 10",
            headline="returnees left within a year",
            body="Most who went say the promises were false from the first month.",
            attribution="Former member, abroad, 2015",
        )
    )
    boxes = {b.role: b for b in card.boxes}
    assert set(boxes) == {"statistic", "headline", "body", "cta"}
    assert boxes["statistic"].lines == ("7 in 10",)
    assert boxes["statistic"].font_size > 2 * boxes["headline"].font_size
    assert boxes["statistic"].actual[3] < boxes["headline"].actual[1]  # number first


def test_cta_card_shows_body_and_quote():
    card = render_card(
        spec(
            "cta_card",
            body="People who left tell the same story.",
            quote="We were lied to.",
            attribution="Former member, 2015",
        )
    )
    roles = [b.role for b in card.boxes]
    assert {"headline", "body", "quote", "attribution", "cta", "contact"} <= set(roles)
    quote = next(b for b in card.boxes if b.role == "quote")
    assert "".join(quote.lines) == "\u201cWe were lied to.\u201d"


@pytest.mark.django_db
def test_quote_card_shows_all_three_quotes_and_says_when_there_are_more():
    template = VisualTemplateFactory(layout="quote_card")
    message = MessageFactory(template=template, language="en", body="")
    excerpts = [ExcerptFactory(text=f"Quote number {n} was true.") for n in range(4)]
    for position, excerpt in enumerate(excerpts):
        MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=position)
    square = services.card_specs(message)[("square", 0)]
    quote = next(b for b in render_card(square).boxes if b.role == "quote")
    drawn = " ".join(quote.lines)
    for n in range(3):
        assert f"\u201cQuote number {n} was true.\u201d" in drawn
    assert "Quote number 3" not in drawn
    warnings = services.undrawn_message_fields(message)
    assert any("3 of the 4 quotes" in w for w in warnings)


@pytest.mark.django_db
def test_statistic_message_renders_its_statistic_without_the_excerpts_attribution():
    template = VisualTemplateFactory(layout="statistic_card")
    message = MessageFactory(template=template, language="en", statistic="85%")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    square = services.card_specs(message)[("square", 0)]
    assert square.statistic == "85%" and square.attribution == "" and square.quote == ""
    roles = {b.role for b in render_card(square).boxes}
    assert "statistic" in roles and "attribution" not in roles
    assert any("does not show the quotes" in w for w in services.undrawn_message_fields(message))


@pytest.mark.django_db
def test_admin_preview_and_form_warn_about_undrawn_fields(client, editor):
    client.force_login(editor)
    campaign = CampaignFactory()
    template = VisualTemplateFactory(layout="statistic_card")
    data = message_form(campaign, template, [ExcerptFactory()], statistic="7 in 10")
    response = client.post("/admin/campaigns/message/preview/", data)
    assert response.status_code == 200
    assert "does not show the quotes" in response["X-Template-Warnings"]
    message = MessageFactory(campaign=campaign, template=template, statistic="7 in 10")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    page = client.get(f"/admin/campaigns/message/{message.pk}/change/").content.decode()
    assert "does not show the quotes" in page
    assert 'name="statistic"' in page


@pytest.mark.django_db
def test_review_page_warns_about_undrawn_fields(client, analyst):
    client.force_login(analyst)
    template = VisualTemplateFactory(layout="cta_card")
    message = MessageFactory(template=template, statistic="7 in 10")
    page = client.get(f"/review/messages/{message.public_id}/").content.decode()
    assert "does not show the statistic" in page


def test_the_preview_says_when_a_text_is_cut_short_to_fit(client, editor):
    """A text within its character limit can still be too long for a format's box: the card
    ends it with "…", and the preview says so instead of dropping the rest silently."""
    client.force_login(editor)
    campaign = CampaignFactory(cta_text="Talk to us")
    template = VisualTemplateFactory(layout="cta_card")
    long_body = ("The promises were empty and the leaders lied to all of us. " * 10)[:600]
    data = message_form(campaign, template, body=long_body, preview_format="square")
    response = client.post("/admin/campaigns/message/preview/", data)
    assert response.status_code == 200
    warnings = json.loads(response["X-Template-Warnings"])
    assert "The body does not fit on the square card and is cut short with “…”" in " ".join(
        warnings
    )
    data["body"] = "The promises were empty."
    response = client.post("/admin/campaigns/message/preview/", data)
    assert not any("cut short" in w for w in json.loads(response["X-Template-Warnings"]))
