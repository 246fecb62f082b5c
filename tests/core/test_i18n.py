"""The interface in English, French and Arabic: negotiation, right-to-left layout, the
switcher remembered on the account, and catalogues that translate every marked string."""

from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from core.i18n import set_interface_language
from core.models import User
from scripts import compile_messages, extract_messages
from tests.factories import PASSWORD, MessageFactory, NarrativeFactory

LANGUAGES = ["fr", "ar"]


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogues():
    """The .mo files as `make test` builds them; re-entering LOCALE_PATHS makes Django drop
    any catalogue it loaded before they were written."""
    compile_messages.compile_all()
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


def shown(response) -> str:
    return html.unescape(response.content.decode())


def log_in(client: Client, user: User, **headers) -> None:
    """Through the login form, as a person would (the login signal and middleware run)."""
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 302, response.content[:300]


# --- Negotiation and layout ----------------------------------------------------------------


@pytest.mark.django_db
def test_queue_follows_accept_language_french(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("review:queue"), headers={"accept-language": "fr"})
    page = shown(response)
    assert '<html lang="fr" dir="ltr">' in page
    assert "File de relecture" in page
    assert "Raison du départ" in page
    assert "Review queue" not in page
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_queue_in_arabic_is_laid_out_right_to_left(client, analyst):
    client.force_login(analyst)
    page = shown(client.get(reverse("review:queue"), headers={"accept-language": "ar"}))
    assert '<html lang="ar" dir="rtl">' in page
    assert "قائمة المراجعة" in page
    assert "تسجيل الخروج" in page  # the header's log-out button


@pytest.mark.django_db
def test_english_stays_the_default_left_to_right(client, analyst):
    client.force_login(analyst)
    page = shown(client.get(reverse("review:queue"), headers={"accept-language": "de"}))
    assert '<html lang="en" dir="ltr">' in page
    assert "Review queue" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Texte anonymisé", "Brouillon", "Soumettre à la relecture", "Historique"]),
        ("ar", ["النص المُجهَّل", "مسودة", "إرسال للمراجعة", "السجل"]),
    ],
)
def test_narrative_page_is_translated(client, analyst, language, expected):
    narrative = NarrativeFactory(author=analyst)
    client.force_login(analyst)
    page = shown(
        client.get(
            reverse("review:narrative", args=[narrative.public_id]),
            headers={"accept-language": language},
        )
    )
    for text in expected:
        assert text in page
    # The narrative's own text keeps its own language and direction.
    assert f'lang="{narrative.language}" dir="auto">{narrative.title}' in page


@pytest.mark.django_db
def test_view_messages_are_translated(client, analyst):
    narrative = NarrativeFactory(author=analyst)
    client.force_login(analyst)
    response = client.post(
        reverse("review:submit", args=[narrative.public_id]),
        headers={"accept-language": "fr"},
        follow=True,
    )
    assert "Soumis à la relecture." in shown(response)


@pytest.mark.django_db
def test_login_page_is_translated_for_anonymous_visitors(client):
    page = shown(client.get(reverse("login"), headers={"accept-language": "ar"}))
    assert '<html lang="ar" dir="rtl">' in page
    assert "تسجيل الدخول" in page
    assert 'name="language"' in page  # the switcher is offered before signing in


# --- The switcher, remembered on the account --------------------------------------------------


@pytest.mark.django_db
def test_switcher_remembers_the_choice_across_sessions(analyst):
    first = Client()
    log_in(first, analyst)
    response = first.post(
        reverse("set_language"), {"language": "ar", "next": reverse("review:queue")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue")
    analyst.refresh_from_db()
    assert analyst.interface_language == "ar"

    # Another browser: no cookie, a browser asking for English; the account's choice wins.
    second = Client()
    log_in(second, analyst, **{"accept-language": "en"})
    response = second.get(reverse("review:queue"), headers={"accept-language": "en"})
    assert '<html lang="ar" dir="rtl">' in shown(response)
    # ... and is written into that browser's cookie, for the login page after a logout.
    cookies = second.cookies
    assert cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    second.post(reverse("logout"))
    page = shown(second.get(reverse("login"), headers={"accept-language": "en"}))
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.django_db
def test_switcher_selects_the_current_language(client, analyst):
    set_interface_language(user=analyst, language="fr")
    client.force_login(analyst)
    page = shown(client.get(reverse("review:queue")))
    assert re.search(r'<option value="fr" lang="fr" selected>français</option>', page)
    assert '<option value="ar" lang="ar">العربيّة</option>' in page


@pytest.mark.django_db
def test_switcher_refuses_a_post_without_csrf_token(analyst):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    response = client.post(reverse("set_language"), {"language": "fr"})
    assert response.status_code == 403
    analyst.refresh_from_db()
    assert analyst.interface_language == ""


@pytest.mark.django_db
def test_switcher_with_the_page_token_works(analyst):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    page = client.get(reverse("review:queue")).content.decode()
    token = re.search(
        r'action="/i18n/setlang/".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S
    ).group(1)
    response = client.post(
        reverse("set_language"), {"language": "fr", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    analyst.refresh_from_db()
    assert analyst.interface_language == "fr"


@pytest.mark.django_db
def test_switcher_ignores_an_unknown_language(client, analyst):
    client.force_login(analyst)
    client.post(reverse("set_language"), {"language": "de"})
    analyst.refresh_from_db()
    assert analyst.interface_language == ""


def test_switcher_is_post_only(client):
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_service_refuses_a_language_the_interface_lacks(analyst):
    with pytest.raises(ValidationError):
        set_interface_language(user=analyst, language="de")
    set_interface_language(user=analyst, language="fr")
    assert User.objects.get(pk=analyst.pk).interface_language == "fr"
    set_interface_language(user=analyst, language="")  # back to following the browser
    assert User.objects.get(pk=analyst.pk).interface_language == ""


# --- The catalogues ---------------------------------------------------------------------------


def catalogue(language: str):
    path = extract_messages.LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s|\{\w+\}", text))  # Python's, and review.js's


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated(language):
    entries = [m for m in catalogue(language) if m.id]
    assert entries
    untranslated = [
        m.id
        for m in entries
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert untranslated == []
    for m in entries:  # a lost or misspelt %(name)s would fail at render time
        if isinstance(m.id, tuple):  # a plural form may leave the number out ("نتيجتان")
            allowed = _placeholders(" ".join(m.id))
            assert all(_placeholders(form) <= allowed for form in m.string), m.id
        else:
            assert _placeholders(m.id) == _placeholders(m.string), m.id


def test_arabic_has_six_plural_forms():
    arabic, french = catalogue("ar"), catalogue("fr")
    assert arabic.num_plurals == 6
    assert french.num_plurals == 2
    plurals = [m for m in arabic if isinstance(m.id, tuple)]
    assert plurals
    assert all(len(m.string) == 6 for m in plurals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalogue(language):
    known = {(m.id, m.context) for m in catalogue(language) if m.id}
    marked = {(message, context) for message, context, _path, _line in extract_messages.extracted()}
    assert len(marked) > 100
    assert sorted(marked - known, key=str) == []


def test_the_extractor_sees_what_makemessages_sees():
    source = (
        '{% load i18n %}<p>{% translate "A new button" %}</p>'
        "{% blocktranslate with n=page.number %}Page {{ n }} here{% endblocktranslate %}"
        '{{ value|default:_("nobody") }}'
    )
    found = [m for m, _c, _p, _l in extract_messages.template_messages(source, "x.html")]
    assert found == ["A new button", "Page %(n)s here", "nobody"]
    known = {m.id for m in catalogue("fr")}
    assert "A new button" not in known  # so the test above fails once it is marked


def test_the_translated_templates_are_the_review_ui():
    for path in extract_messages.TEMPLATES:
        assert (extract_messages.ROOT / path).is_file(), path
    assert "templates/base.html" in extract_messages.TEMPLATES
    assert "templates/review/queue.html" in extract_messages.TEMPLATES
    assert "templates/review/narrative.html" in extract_messages.TEMPLATES


def test_compiling_writes_a_catalogue_per_language(tmp_path):
    for language in LANGUAGES:
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        source = extract_messages.LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        (target / "django.po").write_bytes(source.read_bytes())
    written = compile_messages.compile_all(tmp_path)
    assert sorted(p.parent.parent.name for p in written) == ["ar", "fr"]
    assert all(p.stat().st_size > 1000 for p in written)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Relecture des messages", "Campagne", "En relecture", "Approuver"]),
        ("ar", ["مراجعة الرسائل", "الحملة", "قيد المراجعة", "موافقة"]),
    ],
)
def test_message_review_pages_are_translated(client, analyst, language, expected):
    message = MessageFactory(status="in_review")
    client.force_login(analyst)
    queue = shown(
        client.get(reverse("message_review:queue"), headers={"accept-language": language})
    )
    detail = shown(
        client.get(
            reverse("message_review:detail", args=[message.public_id]),
            headers={"accept-language": language},
        )
    )
    assert expected[0] in queue
    assert expected[1] in queue
    for text in expected[1:]:
        assert text in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Calendrier de publication"), ("ar", "تقويم النشر")],
)
def test_calendar_is_translated(client, analyst, language, expected):
    client.force_login(analyst)
    page = shown(
        client.get(reverse("message_review:calendar"), headers={"accept-language": language})
    )
    assert expected in page
    assert "Publishing calendar" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Tableau de bord des preuves", "De qui viennent les témoignages"]),
        ("ar", ["لوحة الأدلة", "ممّن تأتي الشهادات"]),
    ],
)
def test_dashboard_is_translated(client, analyst, language, expected):
    client.force_login(analyst)
    page = shown(client.get(reverse("review:dashboard"), headers={"accept-language": language}))
    for text in expected:
        assert text in page


@pytest.mark.django_db
def test_refusal_page_is_translated(client, editor):
    client.force_login(editor)
    response = client.get(reverse("review:queue"), headers={"accept-language": "ar"})
    assert response.status_code == 403
    page = shown(response)
    assert '<html lang="ar" dir="rtl">' in page
    assert "غير مسموح" in page


@pytest.mark.django_db
def test_service_refusals_reach_the_page_translated(client, analyst):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    client.force_login(analyst)
    response = client.post(
        reverse("review:approve", args=[narrative.public_id]),
        headers={"accept-language": "ar"},
        follow=True,
    )
    page = shown(response)
    assert "أنت كتبت نص هذه الرواية؛ يجب أن يوافق عليها محلل آخر." in page
    narrative.refresh_from_db()
    assert narrative.status == "in_review"


@pytest.mark.django_db
def test_the_redact_button_names_the_placeholder_in_the_narratives_language(client, analyst):
    narrative = NarrativeFactory(
        author=analyst, language="ar", text="قال لي أبو قتادة البريطاني أن أحرس المستودع."
    )
    client.force_login(analyst)
    page = shown(
        client.get(
            reverse("review:narrative", args=[narrative.public_id]),
            headers={"accept-language": "fr"},
        )
    )
    assert "Caviarder en [كنية]" in page
