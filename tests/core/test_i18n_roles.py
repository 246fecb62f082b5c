"""Every role's pages in French and in Arabic, as a new user of each role walks them: each
page says its language and direction, and none shows a marked string left in English.

"Left in English" is read from the catalogue itself: a msgid of two words or more whose
translation differs from it, found verbatim in the page's visible text or in the words of
its buttons, labels and alternative texts, is a string the page did not translate."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from core.models import User
from scripts import compile_messages, extract_messages
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [("fr", "ltr"), ("ar", "rtl")]


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogues():
    compile_messages.compile_all()
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@cache
def english_msgids(language: str) -> tuple[str, ...]:
    """The catalogue's whole-sentence msgids a translated page must not show as they are."""
    path = extract_messages.LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        catalogue = read_po(po_file, locale=language)
    return tuple(
        m.id
        for m in catalogue
        if isinstance(m.id, str)
        and len(m.id.split()) >= 2
        and m.string != m.id
        and not re.search(r"%\(\w+\)s|\{\w+\}|<", m.id)  # the filled-in forms differ
    )


READ_ATTRIBUTES = {"value", "aria-label", "title", "placeholder", "alt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class InterfaceWords(HTMLParser):
    """The page's text and the attribute words people read or hear, leaving out scripts,
    styles and content in its own language (an element whose ``lang`` is not the page's:
    a headline, a quote, the card's attribution line)."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.words: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        lang = values.get("lang")
        skipped = (
            self.skipping
            or tag in {"script", "style"}
            or (lang is not None and tag != "html" and lang.split("-")[0] != self.language)
        )
        if not skipped:
            self.words.extend(v for k, v in attrs if k in READ_ATTRIBUTES and v)
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skipping:
            self.words.append(data)


def visible_words(page: str, language: str = "fr") -> str:
    parser = InterfaceWords(language)
    parser.feed(page)
    parser.close()
    return "\n".join(parser.words)


def walk(client: Client, urls: list[str], language: str, direction: str) -> None:
    leftovers: dict[str, list[str]] = {}
    for url in urls:
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == 200, (url, response.status_code)
        page = response.content.decode()
        assert re.search(rf'<html lang="{language}" dir="{direction}"', page), url
        words = visible_words(page, language)
        found = [msgid for msgid in english_msgids(language) if msgid in words]
        if found:
            leftovers[url] = found
    assert leftovers == {}


@pytest.fixture
def content(editor, analyst2):
    """A little of everything the pages list: a narrative in review with a vault record and
    an excerpt, a message in review quoting it, a campaign."""
    narrative = NarrativeFactory(author=analyst2, status="in_review")
    SourceRecordFactory(narrative=narrative)
    excerpt = ExcerptFactory()
    message = MessageFactory(author=editor, status="in_review", campaign=CampaignFactory())
    message.excerpt_links.create(excerpt=excerpt, position=0)
    return {"narrative": narrative, "excerpt": excerpt, "message": message}


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_analyst_pages(client, analyst, content, language, direction):
    client.force_login(analyst)
    narrative, message = content["narrative"], content["message"]
    walk(
        client,
        [
            reverse("review:queue"),
            reverse("review:narrative", args=[narrative.public_id]),
            reverse("review:edit", args=[narrative.public_id]),
            reverse("review:narrative", args=[content["excerpt"].narrative.public_id]),
            reverse("message_review:queue"),
            reverse("message_review:detail", args=[message.public_id]),
            reverse("message_review:calendar"),
            reverse("review:dashboard"),
        ],
        language,
        direction,
    )


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_editor_pages(client, editor, content, language, direction):
    client.force_login(editor)
    message = content["message"]
    walk(
        client,
        [
            "/admin/",
            "/admin/campaigns/message/",
            "/admin/campaigns/message/add/",
            f"/admin/campaigns/message/{message.pk}/change/",
            "/admin/campaigns/campaign/",
            "/admin/campaigns/campaign/add/",
            f"/admin/campaigns/campaign/{message.campaign.pk}/change/",
            "/admin/campaigns/visualtemplate/add/",
            "/admin/campaigns/publication/",
            "/admin/campaigns/publishevent/",
            "/admin/narratives/excerpt/",
            reverse("message_review:calendar"),
        ],
        language,
        direction,
    )


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_custodian_pages(client, custodian, content, language, direction):
    client.force_login(custodian)
    narrative = content["narrative"]
    record = narrative.source_record
    walk(
        client,
        [
            "/admin/",
            "/admin/narratives/sourcerecord/",
            "/admin/narratives/sourcerecord/add/",
            "/admin/narratives/sourcerecord/find/",
            f"/admin/narratives/sourcerecord/{record.pk}/change/",
            "/admin/narratives/narrative/",
            f"/admin/narratives/narrative/{narrative.pk}/change/",
            "/admin/narratives/vaultaccess/",
        ],
        language,
        direction,
    )


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_administrator_pages(client, content, language, direction):
    admin_user: User = UserFactory(username="t_admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    walk(
        client,
        [
            "/admin/",
            "/admin/partners/partner/add/",
            "/admin/partners/apikey/add/",
            "/admin/partners/webhookdelivery/",
            "/admin/partners/metricreport/",
            "/admin/core/privilegerequest/",
            "/admin/core/auditentry/",
            # Not the user form: its permission picker lists the permissions by the names Django
            # stored in the database when the models were migrated (English; Django never
            # translates them).
            "/admin/core/user/",
        ],
        language,
        direction,
    )


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_signed_out_pages(client, language, direction):
    walk(client, [reverse("login")], language, direction)


def test_the_check_finds_a_string_left_in_english():
    page = '<p>Reason for withdrawal</p><input type="submit" value="Save and schedule">'
    words = visible_words(page)
    found = [m for m in english_msgids("fr") if m in words]
    assert sorted(found) == ["Reason for withdrawal", "Save and schedule"]
