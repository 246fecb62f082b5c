"""Each template's text limits: one table (campaigns.limits) that matches what the renderer
accepts, refused by the admin's form and by submission, and shown to the live counters."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from django.core.files.base import ContentFile

from campaigns import services
from campaigns.limits import COUNTED_FIELDS, counted_length, quotes_required, text_limits
from campaigns.models import Message, MessageExcerpt, VisualTemplate
from campaigns.rendering import MAX_LENGTHS, CardSpec
from tests.campaigns.test_admin_messages import message_form
from tests.campaigns.visual.cases import photo
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    VisualTemplateFactory,
)

LAYOUTS = list(VisualTemplate.Layout.values)


def _renders(message: Message, excerpts) -> bool:
    try:
        services.card_specs(message, excerpts=excerpts)
    except ValueError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("quotes", [True, False])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_limit_is_exactly_what_the_card_or_the_model_accepts(layout, quotes):
    """At its limit a text is drawn, one more character and it is refused; on a layout that
    requires quotes (a carousel, a photo card) a message without one is refused at any
    length, and its limits are those it will have once it quotes one."""
    template = VisualTemplateFactory(layout=layout)
    if layout == VisualTemplate.Layout.PHOTO_CARD:
        template.background_photo.save("photo.png", ContentFile(photo()), save=True)
    campaign = CampaignFactory(cta_text="Talk to us")
    excerpts = [ExcerptFactory()] if quotes else []
    refused = quotes_required(layout) and not quotes
    if refused:
        assert text_limits(layout, quotes=False) == text_limits(layout, quotes=True)
    for name, rule in text_limits(layout, quotes=quotes).items():
        if rule.limit is None:
            assert name == "alt_text"
            continue
        model_max = Message._meta.get_field(name).max_length
        for length in (rule.limit, rule.limit + 1):
            fields = {"headline": "A headline", "body": "", "statistic": "7 in 10"}
            message = Message(campaign=campaign, template=template, language="en", **fields)
            setattr(message, name, "x" * length)
            accepted = _renders(message, excerpts) and (model_max is None or length <= model_max)
            assert accepted == (length == rule.limit and not refused), (name, length)


def test_only_the_carousel_and_the_photo_card_require_quotes():
    required = {layout for layout in LAYOUTS if quotes_required(layout)}
    assert required == {VisualTemplate.Layout.CAROUSEL, VisualTemplate.Layout.PHOTO_CARD}
    # What each draws: the carousel's cover the headline and body; the photo card no body.
    carousel, photo_card = (
        text_limits("carousel", quotes=True),
        text_limits("photo_card", quotes=True),
    )
    assert (carousel["headline"].shown, carousel["body"].shown, carousel["cta_text"].shown) == (
        True,
        True,
        True,
    )
    assert not carousel["statistic"].shown and carousel["body"].limit == MAX_LENGTHS["body"]
    assert (photo_card["headline"].shown, photo_card["body"].shown) == (True, False)
    assert photo_card["body"].limit == MAX_LENGTHS["body"]  # refused past it, though not drawn


@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["carousel", "photo_card"])
def test_submission_is_refused_without_a_quote_on_a_layout_that_requires_one(editor, layout):
    message = MessageFactory(author=editor, template=VisualTemplateFactory(layout=layout))
    with pytest.raises(services.MessageError) as refused:
        services.submit_message(user=editor, message=message)
    assert "add at least one excerpt" in refused.value.messages[0]
    assert Message.objects.get(pk=message.pk).status == Message.Status.DRAFT
    if layout == "photo_card":
        message.template.background_photo.save("photo.png", ContentFile(photo()), save=True)
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.submit_message(user=editor, message=message)
    assert Message.objects.get(pk=message.pk).status == Message.Status.IN_REVIEW


def test_the_quote_card_takes_a_longer_body_only_when_it_draws_it_as_the_quote():
    with_quotes = text_limits("quote_card", quotes=True)["body"]
    without = text_limits("quote_card", quotes=False)["body"]
    assert (with_quotes.limit, with_quotes.shown) == (MAX_LENGTHS["body"], False)
    assert (without.limit, without.shown) == (MAX_LENGTHS["quote"], True)
    assert text_limits("cta_card", quotes=True)["body"].shown
    assert not text_limits("quote_card", quotes=True)["statistic"].shown
    assert text_limits("statistic_card", quotes=False)["statistic"].shown


@pytest.mark.parametrize(
    "text",
    [
        "e\u0301" * 600,  # decomposed é: 1,200 code points, 600 once composed
        "e\u0301" * 601,
        "a\r\n" * 300,  # CRLF is one line break
        "  " + "b" * 600 + "\n\n",  # surrounding white space does not count
        "  " + "b" * 601,
        "قَالَ" * 120,  # Arabic with its vowel marks: each mark is a code point
        "قَالَ" * 121,
        "👍🏽" * 300,  # an emoji with a skin tone: two code points
        "👍🏽" * 301,
    ],
)
def test_the_count_is_the_one_the_renderer_checks(text):
    try:
        CardSpec(layout="cta_card", format="square", headline="h", cta_text="c", body=text)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == (counted_length(text) <= MAX_LENGTHS["body"])
    assert counted_length(text) == len(unicodedata.normalize("NFC", text.strip()).replace("\r", ""))


@pytest.mark.django_db
def test_the_admin_refuses_a_body_longer_than_the_card_takes(client, editor):
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory(layout="cta_card")
    data = message_form(campaign, template, body="x" * 601)
    response = client.post("/admin/campaigns/message/add/", data)
    assert response.status_code == 200
    assert Message.objects.count() == 0
    errors = response.context["adminform"].form.errors
    assert errors["body"] == [
        "This text is 601 characters long; the card takes at most 600. Shorten it by 1."
    ]
    data["body"] = "x" * 600
    response = client.post("/admin/campaigns/message/add/", data)
    assert response.status_code == 302
    assert Message.objects.get().body == "x" * 600


@pytest.mark.django_db
def test_a_quote_card_without_excerpts_takes_the_body_as_a_quote_of_up_to_1000(client, editor):
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory(layout="quote_card")
    excerpt = ExcerptFactory()
    quoting = message_form(campaign, template, [excerpt], body="x" * 800)
    response = client.post("/admin/campaigns/message/add/", quoting)
    assert response.status_code == 200
    assert "at most 600" in response.context["adminform"].form.errors["body"][0]
    alone = message_form(campaign, template, body="x" * 800)
    response = client.post("/admin/campaigns/message/add/", alone)
    assert response.status_code == 302
    message = Message.objects.get()
    assert services.card_specs(message)[("square", 0)].quote == "x" * 800


@pytest.mark.django_db
def test_submission_is_refused_while_a_text_is_over_its_limit(editor):
    message = MessageFactory(
        author=editor, template=VisualTemplateFactory(layout="cta_card"), body="y" * 650
    )
    with pytest.raises(services.MessageError) as refused:
        services.submit_message(user=editor, message=message)
    assert "Body: This text is 650 characters long" in refused.value.messages[0]
    message.refresh_from_db()
    assert message.status == Message.Status.DRAFT


@pytest.mark.django_db
def test_the_limit_counts_the_excerpts_a_saved_message_quotes(editor):
    message = MessageFactory(
        author=editor, template=VisualTemplateFactory(layout="quote_card"), body="z" * 700
    )
    # Without an excerpt the body is the quote: within its 1,000.
    services.submit_message(user=editor, message=message)
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    draft = MessageFactory(
        author=editor, template=VisualTemplateFactory(layout="quote_card"), body="z" * 700
    )
    MessageExcerpt.objects.create(message=draft, excerpt=ExcerptFactory())
    with pytest.raises(services.MessageError):
        services.submit_message(user=editor, message=draft)


@pytest.mark.django_db
def test_the_change_form_gives_the_counters_the_limits_and_each_templates_layout(client, editor):
    client.force_login(editor)
    statistic = VisualTemplateFactory(layout="statistic_card")
    message = MessageFactory(template=statistic)
    page = client.get(f"/admin/campaigns/message/{message.pk}/change/").content.decode()
    assert "js/message_char_counts.js" in page
    for name in COUNTED_FIELDS:
        assert re.search(rf'<(input|textarea)[^>]*data-char-count="{name}"', page), name
    config = re.search(r'<div id="message-char-counts"([^>]*)>', page).group(1)
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', config))
    unescape = {"&quot;": '"', "&amp;": "&", "&#x27;": "'", "&lt;": "<", "&gt;": ">"}
    for entity, char in unescape.items():
        attrs = {k: v.replace(entity, char) for k, v in attrs.items()}
    limits = json.loads(attrs["limits"])
    assert limits["cta_card"]["quotes"]["body"] == {"limit": MAX_LENGTHS["body"], "shown": True}
    assert limits["quote_card"]["no_quotes"]["body"]["limit"] == MAX_LENGTHS["quote"]
    assert limits["statistic_card"]["quotes"]["statistic"]["limit"] == MAX_LENGTHS["statistic"]
    assert limits["cta_card"]["quotes"]["alt_text"] == {"limit": None, "shown": None}
    assert limits["carousel"]["needs_quotes"] and limits["photo_card"]["needs_quotes"]
    assert not limits["quote_card"]["needs_quotes"]
    assert limits["photo_card"]["quotes"]["body"] == {"limit": MAX_LENGTHS["body"], "shown": False}
    assert json.loads(attrs["layouts"])[str(statistic.pk)] == "statistic_card"
    assert attrs["default-layout"] == "quote_card"
    assert "{count}" in attrs["text-count"] and "{over}" in attrs["text-over"]
    assert re.search(r'<p class="cms-visually-hidden" role="status" aria-live="polite">', page)


@pytest.mark.django_db
def test_approval_is_refused_when_the_template_no_longer_takes_a_text(editor, analyst):
    """A message submitted on a quote card without excerpts may hold a body of 1,000; moved
    to a call-to-action template in review (by a template edit), the card takes 600."""
    template = VisualTemplateFactory(layout="quote_card")
    message = MessageFactory(author=editor, template=template, body="q" * 700)
    services.submit_message(user=editor, message=message)
    VisualTemplate.objects.filter(pk=template.pk).update(layout="cta_card")
    message = Message.objects.get(pk=message.pk)
    with pytest.raises(services.MessageError) as refused:
        services.approve_message(user=analyst, message=message)
    assert "at most 600" in refused.value.messages[0]
    assert Message.objects.get(pk=message.pk).status == Message.Status.IN_REVIEW
