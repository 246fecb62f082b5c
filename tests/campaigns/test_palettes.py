"""Colour palettes (issue 15, deliverable 6): every named palette passes WCAG AA, and a
campaign's or message's choice reaches the card."""

from __future__ import annotations

import pytest

from campaigns.rendering.palettes import AA_NORMAL, PALETTES, contrast_ratio


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_palette_passes_aa_for_text_and_accent(name):
    p = PALETTES[name]
    assert contrast_ratio(p.text, p.background) >= AA_NORMAL, name
    assert contrast_ratio(p.accent, p.background) >= AA_NORMAL, name


def test_there_are_light_and_dark_palettes():
    from campaigns.rendering.palettes import relative_luminance

    backgrounds = [relative_luminance(p.background) for p in PALETTES.values()]
    assert min(backgrounds) < 0.05 and max(backgrounds) > 0.8
    assert len(PALETTES) >= 5
