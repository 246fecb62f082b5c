# (Arabic script in test data is intended.)
"""Words of clean texts that are no one's name (pure Python, no Django): arabizi's own words
written with a capital (narratives/anonymize/runs.py)."""

import pytest

from narratives.anonymize import LeakScanner


@pytest.mark.parametrize(
    "text",
    [
        "Ana w s7abi kunna fel Hamburg, puis à Paris.",
        "daba f tlatinat, kolchi ghali. Rabi kbir, Allah karim.",
    ],
)
def test_an_arabizi_word_with_a_capital_is_the_word(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_name_in_arabizi_text_stays():
    found = LeakScanner().scan("khoya Yassine kan m3aya f l mokhayam, 3ndo 3 wlad.")
    assert "Yassine" in [f.text for f in found]
