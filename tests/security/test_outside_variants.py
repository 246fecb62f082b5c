"""Outside check of issue 11: vault values the gate does not recognise go out to partners.

Each case plants one vault record, then an analyst or an editor types a form of one of its
values that a reader recognises at once (the same name with a homoglyph, an Arabic name
without its article, a name the custodian wrote only in the raw testimony or the consent
notes, the record's external reference) into an outbound text. Reviewers then do everything
they may to let it out (dismiss what they can, approve, schedule, publish), and the partner
API and the served cards are read. Every case must end with the value nowhere outside.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.test.utils import override_settings

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt
from narratives import services as narrative_services
from narratives.models import Narrative, Reason, SourceRecord
from narratives.selectors import open_findings
from tests.factories import CampaignFactory, MessageFactory, NarrativeFactory, UserFactory
from tests.security.test_egress_canaries import push_new_message, served_cards, try_to_release

pytestmark = pytest.mark.django_db

REFUSED = (narrative_services.NarrativeError, ValidationError, PermissionDenied)


def _record(custodian, **fields) -> SourceRecord:
    values = {
        "real_name": "Qwynn Zarthuli",
        "kunya": "Abu Qwynn",
        "home_town": "Zarthville",
        "contacts": "qz.contact@example.org",
        "raw_text": "Notes.",
    }
    values.update(fields)
    record = SourceRecord(narrative=NarrativeFactory(title="Vault record's own story"), **values)
    return narrative_services.save_source_record(user=custodian, source_record=record)


def _partner_sees(key: str) -> str:
    partner = Client(headers={"Authorization": f"Api-Key {key}"})
    seen = []
    for path in ("/api/v1/messages/", "/api/v1/narratives/", "/api/v1/excerpts/"):
        response = partner.get(path)
        assert response.status_code == 200, path
        seen.append(response.content.decode())
        for item in json.loads(response.content)["results"]:
            detail = partner.get(f"{path}{item['id']}/")
            seen.append(detail.content.decode())
    return "\n".join(seen)


def _approved_by_the_book(analyst, analyst2, text: str) -> Narrative:
    """An analyst writes ``text`` as an anonymized narrative; a second analyst approves it
    after the first dismissed every finding the review lets them dismiss."""
    narrative = NarrativeFactory(title="A new account", text=text, author=analyst, status="draft")
    reason = Reason.objects.get(code="corruption")
    narrative_services.tag_narrative(
        user=analyst, narrative=narrative, reasons=[reason], primary=reason
    )
    narrative_services.submit_narrative(user=analyst, narrative=narrative)
    for finding in open_findings(narrative):
        with contextlib.suppress(*REFUSED):
            narrative_services.dismiss_finding(
                user=analyst,
                narrative=narrative,
                start=finding.start,
                end=finding.end,
                reason="Identifies nobody.",
            )
    with contextlib.suppress(*REFUSED):
        narrative_services.approve_narrative(user=analyst2, narrative=narrative)
    return narrative


# Identifiers the custodian wrote only in the free-text fields, which the detectors do not
# pick up, so the gate never learns them (leak 1 of the issue, with other canaries).
FREE_TEXT_CASES = {
    "guest_house": (
        "raw_text",
        "We slept two weeks in the Qorvandel guest house before crossing.",
        "Qorvandel",
    ),
    "handler": (
        "raw_text",
        "My handler was called Zindrabek; he took our passports.",
        "Zindrabek",
    ),
    "training_camp": (
        "raw_text",
        "He trained at the Ghaztrem camp with the others from his street.",
        "Ghaztrem",
    ),
    "wife": ("raw_text", "His wife Malvika stayed behind with the children.", "Malvika"),
    "mosque": ("raw_text", "They recruited him at the Tazrukine mosque.", "Tazrukine"),
    "obfuscated_email": (
        "raw_text",
        "Write to qorvmail at protonmail dot com for the rest.",
        "qorvmail",
    ),
    # Arabic raw testimony: a brother's full name is not picked up by the detectors.
    "arabic_brother_name": ("raw_text", "أخي اسمه سليم القرقوري.", "سليم القرقوري"),
    "passport_number": ("raw_text", "His passport number was 12AB34567.", "12AB34567"),
    # A full date of birth is kept only as a generic (dismissable) date finding.
    "date_of_birth": ("raw_text", "Born 14/03/1991 in a village near the border.", "14/03/1991"),
    "lawyer_in_consent_notes": (
        "consent_notes",
        "Consent only through his lawyer, Maitre Vrendolak.",
        "Vrendolak",
    ),
}


@pytest.mark.parametrize("case", sorted(FREE_TEXT_CASES))
def test_identifier_only_in_vault_free_text_is_not_served_in_an_approved_narrative(
    case, custodian, analyst, make_key
):
    """Leak: an identifier the custodian wrote only in ``raw_text`` / ``consent_notes`` (a
    guest-house or mosque name, a handler's or wife's first name, an e-mail written out in
    words, a lawyer's name) is not derived by the detectors, so the gate does not know it.
    Route: narrative text -> review (no finding at all) -> approval ->
    ``/api/v1/narratives/<id>/`` served to partners."""
    field, free_text, canary = FREE_TEXT_CASES[case]
    _record(custodian, **{field: free_text})
    analyst2 = UserFactory(username="t_analyst2", role="Analyst")
    key = make_key()
    _approved_by_the_book(
        analyst, analyst2, f"I will never forget {canary}, and what was done to us there."
    )
    assert canary not in _partner_sees(key)


# Forms of a structured vault value that any reader reads as the value itself.
VARIANT_CASES = {
    # Cyrillic і (U+0456) for the Latin i: looks identical, matches nothing, flags nothing.
    "cyrillic_homoglyph_in_name": ({"real_name": "Qwynn Zarthuli"}, "Zarthul\u0456"),
    # Cyrillic е (U+0435) in the alias.
    "cyrillic_homoglyph_in_alias": ({"aliases": "Vendrabok"}, "V\u0435ndrabok"),
    # Invisible format characters the normaliser does not drop (it drops U+200B, U+2066...):
    # the Arabic letter mark U+061C and the Mongolian vowel separator U+180E.
    "invisible_arabic_letter_mark": ({"real_name": "Qwynn Zarthuli"}, "Zarth\u061culi"),
    "invisible_mongolian_separator": ({"real_name": "Qwynn Zarthuli"}, "Zarth\u180euli"),
    # The vault holds the home town with its Arabic article; the text drops it.
    "arabic_town_without_article": ({"home_town": "الزقازيق"}, "زقازيق"),
    # The vault holds the nisba with its article; the text drops it.
    "arabic_nisba_without_article": ({"kunya": "أبو زكريا الزقاوي"}, "الشيخ زقاوي"),
    # The vault holds the kunya in Arabic; the French text transliterates it. The generic
    # kunya finding is dismissable, so it is dismissed.
    "arabic_kunya_transliterated": ({"kunya": "أبو عائشة"}, "Abou Aicha"),
    # Across scripts: the vault holds the Latin spelling, an Arabic text writes the name
    # (only a dismissable generic finding on the first name; none on the family name).
    "latin_name_in_arabic_script": ({"real_name": "Youssef Haddad"}, "يوسف حداد"),
    # The vault holds the town in Arabic, the text in Latin: no finding at all.
    "arabic_town_in_latin_script": ({"home_town": "الرقة"}, "Raqqa"),
    # The vault holds the town in French spelling, the Arabic text writes it: no finding.
    "latin_town_in_arabic_script": ({"home_town": "Mossoul"}, "الموصل"),
    # A hyphen inside a one-word home town.
    "hyphenated_town": ({"home_town": "Zarthbourg"}, "Zarth-bourg"),
    # The full name written as one hashtag, as campaigns write them.
    "name_as_hashtag": ({"real_name": "Qwynn Zarthuli"}, "#JusticeForQwynnZarthuli"),
    # The vault phone inside a WhatsApp link: only a generic (dismissable) URL finding.
    "phone_in_whatsapp_link": ({"contacts": "+33 6 98 76 54 32"}, "https://wa.me/33698765432"),
    # The custodian's external reference (a vault field) typed by an editor.
    "external_ref": ({"external_ref": "DOSSIER-QZ-7731"}, "DOSSIER-QZ-7731"),
}


@pytest.mark.parametrize("case", sorted(VARIANT_CASES))
def test_recognisable_form_of_a_vault_value_is_not_published_in_a_message(
    case, world, custodian, editor, analyst, make_key
):
    """Leak: a form of a vault value a reader recognises (homoglyph, article dropped,
    transliteration, hyphen) or a vault field the gate does not read (``external_ref``)
    passes the gate. Route: an editor's new message body -> submit -> review (nothing, or only
    a dismissable generic finding) -> approve -> schedule -> publish -> partner API
    ``/api/v1/messages/`` and the served card's inputs."""
    fields, variant = VARIANT_CASES[case]
    _record(custodian, **fields)
    key = make_key()
    with override_settings(API_CHANGES_SETTLE_SECONDS=0):
        push_new_message(world, editor, analyst, variant)
        try_to_release(editor, analyst, UserFactory(username="t_analyst2", role="Analyst"))
    where = {"partner API": _partner_sees(key), "served cards": served_cards()}
    assert [name for name, seen in where.items() if variant in seen] == []


def test_a_vault_phone_split_between_headline_and_body_is_not_published(
    world, custodian, editor, analyst, make_key
):
    """Leak: the vault phone "+33 6 98 76 54 32" split over two outbound texts of one card
    (headline "Call 06 98 76", body "54 32, day or night.") matches nothing in either text, so
    the card drawn and served carries the whole number. Route: a new message -> review ->
    approve -> publish -> ``/api/v1/messages/`` and the served card."""
    _record(custodian, contacts="+33 6 98 76 54 32")
    key = make_key()
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(),
        headline="Call 06 98 76",
        body="54 32, day or night.",
        status="draft",
    )
    MessageExcerpt.objects.create(message=message, excerpt=world.excerpts[0])
    campaign_services.submit_message(user=editor, message=message)
    with override_settings(API_CHANGES_SETTLE_SECONDS=0):
        try_to_release(editor, analyst, UserFactory(username="t_analyst2", role="Analyst"))
    served = _partner_sees(key) + served_cards()
    assert not ("06 98 76" in served and "54 32" in served)
