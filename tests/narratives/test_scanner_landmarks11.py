"""Raqqa's squares of public executions and the Syrian desert are known from the news: a
landmark and a region, never identifying, in every language."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "Le juge : « Vous avez vu les exécutions au rond-point Naïm ? » Le prévenu : « Oui. »",
        "في الرقة كانوا يعلّقون الرؤوس عند دوار النعيم، وكنا نمرّ من هناك إلى السوق.",
        "القاضي: هل رأيت الإعدامات عند دوار الساعة؟",
        "They hung the bodies at the Naim roundabout for three days.",
        "A training camp out in the Badiya, I couldn't tell you where.",
        "Er sei in einem Trainingslager in der Badiya ausgebildet worden.",
    ],
)
def test_no_finding(text):
    assert found(text) == []
