# (Arabic script in test data is intended.)
"""A death notice's bare number is the age at death ("RIP Kemal 🕊️ only 19", "rabi yr7mo ya
Anouar 💔 20 sna w mcha"), not a duration or a count after the cue ("RIP, 3 years since",
"RIP to the 40 martyrs"; pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("RIP Kemal 🕊️ only 19, taken too soon", "19"),
        ("rabi yr7mo ya Anouar 💔 20 sna w mcha", "20 sna"),
        ("Repose en paix Yanis, 17 ans seulement", "17 ans"),
    ],
)
def test_the_age_at_death(text, age):
    assert age in ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "RIP 4 years since the bombing",
        "RIP to the 40 martyrs of the camp",
        "RIP, 9 days of silence",
    ],
)
def test_a_duration_or_count_after_the_cue_is_no_age(text):
    assert ages(text) == []
