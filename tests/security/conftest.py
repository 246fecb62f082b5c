"""The API tests' published world, key maker and client, for the canary walk."""

import pytest

from tests.api.conftest import api, make_key, world  # noqa: F401 - fixtures

# Open leaks found by the outside check (issue 11) that are not closed yet. Each stays a
# strict expected failure: the day a fix closes one, its test passes, the strict xfail fails
# the suite, and the entry must be removed here. Nothing is skipped.

OPEN_LEAKS = {
    # Recognisable forms of a structured vault value the matcher does not fold yet.
    *(
        f"test_recognisable_form_of_a_vault_value_is_not_published_in_a_message[{case}]"
        for case in (
            "arabic_kunya_transliterated",
            "arabic_nisba_without_article",
            "arabic_town_in_latin_script",
            "arabic_town_without_article",
            "cyrillic_homoglyph_in_alias",
            "cyrillic_homoglyph_in_name",
            "external_ref",
            "hyphenated_town",
            "invisible_arabic_letter_mark",
            "invisible_mongolian_separator",
            "latin_name_in_arabic_script",
            "latin_town_in_arabic_script",
            "name_as_hashtag",
            "phone_in_whatsapp_link",
        )
    ),
}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.name in OPEN_LEAKS:
            item.add_marker(
                pytest.mark.xfail(strict=True, reason="open leak (issue 11, outside check)")
            )
