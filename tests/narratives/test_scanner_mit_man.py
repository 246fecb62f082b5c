"""German "mit 16 ... man": a rule for anyone is no one's age, the "mit" inside the age's
span too ("Mit 16 bekam man eine Waffe")."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    "text",
    [
        "Mit 16 bekam man eine Waffe.",
        "Damals, mit 16 bekam man eine Waffe.",
        "Mit 16 hat man keine Wahl.",
    ],
)
def test_anyones_age_is_none(text):
    assert ages(text) == []


@pytest.mark.parametrize("text", ["Mit 16 bekam ich eine Waffe.", "Mit 17 ist er gegangen."])
def test_the_speakers_age_is_found(text):
    assert ages(text)
