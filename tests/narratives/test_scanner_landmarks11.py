"""The Syrian desert (the Badiya) is a region, never identifying, in every language. (Raqqa's
execution squares, the Naim and clock roundabouts, stay places below city level: two of four
independent writers, held3's among them, marked them identifying.)"""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "A training camp out in the Badiya, I couldn't tell you where.",
        "Er sei in einem Trainingslager in der Badiya ausgebildet worden.",
    ],
)
def test_no_finding(text):
    assert found(text) == []
