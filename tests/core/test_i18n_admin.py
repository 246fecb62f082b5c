"""The admin in French and Arabic: the models' own labels, help texts and choices, the admin
actions, list filters and our admin pages, laid out right to left in Arabic; the services'
refusals reach the editor in the interface's language; and every module or template that
marks strings is one the extractor reads (so the catalogue test sees its strings)."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from campaigns import services
from campaigns.models import Message
from core.countries import country_choices
from scripts import compile_messages, extract_messages
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogues():
    compile_messages.compile_all()
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


def shown(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_admin_in_arabic_is_right_to_left_with_translated_models(client, editor):
    client.force_login(editor)
    page = shown(client.get("/admin/", headers={"accept-language": "ar"}))
    assert re.search(r'<html lang="ar" dir="rtl"', page)
    assert "admin/css/rtl.css" in page  # Django's own right-to-left stylesheet
    assert "نظام محتوى الرسائل المضادة" in page  # the site header
    assert "الحملات" in page and "الرسائل" in page  # the app and its models
    assert "Counter-messaging content system" not in page


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        (
            "fr",
            ["Titre", "Corps du texte", "Texte alternatif", "Décrit l'image pour les lecteurs"],
            ["Alt text", "Describes the image"],
        ),
        (
            "ar",
            ["العنوان الرئيسي", "نص الرسالة", "النص البديل", "يصف الصورة لقارئات الشاشة"],
            ["Alt text", "Headline:"],
        ),
    ],
)
def test_message_form_labels_and_help_texts_are_translated(
    client, editor, language, expected, absent
):
    message = MessageFactory(author=editor)
    client.force_login(editor)
    page = shown(
        client.get(
            f"/admin/campaigns/message/{message.pk}/change/",
            headers={"accept-language": language},
        )
    )
    for text in expected:
        assert text in page, text
    for text in absent:
        assert text not in page, text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Soumettre les messages sélectionnés à la relecture",
                "Programmer les messages sélectionnés…",
                "Brouillon",  # a status choice in the list filter
            ],
        ),
        ("ar", ["إرسال الرسائل المحددة للمراجعة", "جدولة الرسائل المحددة…", "مسودة"]),
    ],
)
def test_message_list_actions_and_filters_are_translated(client, editor, language, expected):
    MessageFactory(author=editor)
    client.force_login(editor)
    page = shown(client.get("/admin/campaigns/message/", headers={"accept-language": language}))
    for text in expected:
        assert text in page, text
    assert "Submit selected messages for review" not in page


def test_bulk_action_reports_each_refusal_in_french(client, editor):
    message = MessageFactory(author=editor, status=Message.Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        "/admin/campaigns/message/",
        {"action": "unschedule_selected", "_selected_action": [message.pk]},
        headers={"accept-language": "fr"},
        follow=True,
    )
    page = shown(response)
    assert "Un message au statut « brouillon » ne peut pas être déprogrammé." in page
    message.refresh_from_db()
    assert message.status == Message.Status.DRAFT


def test_custodian_intake_page_in_arabic(client, custodian):
    client.force_login(custodian)
    page = shown(
        client.get("/admin/narratives/sourcerecord/add/", headers={"accept-language": "ar"})
    )
    assert re.search(r'<html lang="ar" dir="rtl"', page)
    for text in ["تسجيل مصدر جديد", "المسودة المُجهَّلة", "الخزنة (مشفّرة)", "المرجع الخارجي"]:
        assert text in page, text
    assert "Anonymized draft" not in page
    # Pickers in the page's language: the reasons' own names stay as the analysts wrote them,
    # the choices the code defines are translated.
    assert "غير معروف" in page and "أقل من 18 سنة" in page


def test_intake_refusal_is_translated(client, custodian):
    client.force_login(custodian)
    page = shown(
        client.post(
            "/admin/narratives/sourcerecord/add/",
            {"external_ref": "X-1", "title": "t", "text": "t", "left": "2014-13"},
            headers={"accept-language": "fr"},
        )
    )
    assert "Saisissez un mois au format AAAA-MM." in page


def test_workflow_refusals_follow_the_active_language(editor):
    message = MessageFactory(author=editor, status=Message.Status.DRAFT)
    with translation.override("ar"), pytest.raises(services.MessageError) as refused:
        services.unschedule_message(user=editor, message=message)
    assert "لا يمكن إلغاء جدولة رسالة حالتها «مسودة»." in str(refused.value)
    with pytest.raises(services.MessageError, match="A message that is draft cannot be"):
        services.unschedule_message(user=editor, message=message)


def test_country_names_follow_the_interface_language():
    with translation.override("fr"):
        french = dict(country_choices())
    with translation.override("ar"):
        arabic = dict(country_choices())
    english = dict(country_choices())
    assert english["DE"] == "Germany"
    assert french["DE"] == "Allemagne"
    assert arabic["DE"] == "ألمانيا"
    assert french[""] == "Inconnu"
    assert set(french) == set(english) == set(arabic)


# --- Every marking module and template is extracted --------------------------------------------

APPS = ["config", "core", "narratives", "campaigns", "partners", "evidence"]
TRANSLATION_IMPORT = re.compile(r"^from django\.utils\.translation import", re.M)


def test_every_module_that_marks_strings_is_extracted():
    root = extract_messages.ROOT
    marking = {
        str(path.relative_to(root))
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        and TRANSLATION_IMPORT.search(path.read_text(encoding="utf-8"))
    }
    assert "campaigns/models.py" in marking
    assert sorted(marking - set(extract_messages.MODULES)) == []


def test_every_template_that_loads_i18n_is_extracted():
    root = extract_messages.ROOT
    templates = [*(root / "templates").rglob("*.html"), *root.glob("*/templates/**/*.html")]
    loading = {
        str(path.relative_to(root))
        for path in templates
        if re.search(r"{%\s*load\b[^%]*\bi18n\b", path.read_text(encoding="utf-8"))
    }
    assert "templates/admin/narratives/intake.html" in loading
    assert sorted(loading - set(extract_messages.TEMPLATES)) == []
