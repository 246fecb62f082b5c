"""Visual regression (issue 15): every layout x format x script against a committed
reference (tests/campaigns/visual/*.png, greyscale, 128 px wide), by a perceptual
difference: the mean absolute difference of the reduced images, and of every 8 x 8 tile
of them, so that a small change in one place (a reordered phone number in the footer) is
not averaged away. The references are written only by ``python -m
tests.campaigns.visual.cases``, never by this test."""

from __future__ import annotations

import dataclasses

import pytest
from PIL import Image, ImageChops, ImageStat

from campaigns.rendering import render_card
from campaigns.rendering.fonts import RAQM_AVAILABLE
from tests.campaigns.visual.cases import CASES, reduced, reference_path, spec

MAX_MEAN = 1.5  # 0-255, whole card
MAX_TILE = 8.0  # 0-255, worst 8 x 8 tile of the reduced card
TILE = 8

# The references are drawn with raqm (FriBiDi + HarfBuzz); the basic layout's
# presentation-form shaping differs visibly (and is tested on its own in test_render_bidi).
pytestmark = pytest.mark.skipif(not RAQM_AVAILABLE, reason="references are raqm renderings")


def differences(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    assert a.size == b.size, (a.size, b.size)
    diff = ImageChops.difference(a, b)
    w, h = diff.size
    tiles = (
        ImageStat.Stat(diff.crop((x, y, min(w, x + TILE), min(h, y + TILE)))).mean[0]
        for x in range(0, w, TILE)
        for y in range(0, h, TILE)
    )
    return ImageStat.Stat(diff).mean[0], max(tiles)


@pytest.mark.parametrize(("layout", "fmt", "script"), CASES)
def test_card_matches_its_reference(layout, fmt, script):
    path = reference_path(layout, fmt, script)
    assert path.exists(), f"no reference {path.name}: run python -m tests.campaigns.visual.cases"
    with Image.open(path) as ref:
        reference = ref.convert("L")
    mean, tile = differences(reference, reduced(render_card(spec(layout, fmt, script)).data))
    assert mean <= MAX_MEAN and tile <= MAX_TILE, (path.name, mean, tile)


@pytest.mark.parametrize(
    "change",
    [
        {"cta_contact": "000 000 800 33+"},  # the scrambled helpline of problem 1
        {"headline": "They lied to me"},
        {"accent_color": "#C0392B"},  # another palette
    ],
)
@pytest.mark.parametrize("case", [CASES[2], CASES[7], CASES[13]], ids=str)
def test_the_threshold_catches_small_changes(case, change):
    with Image.open(reference_path(*case)) as ref:
        reference = ref.convert("L")
    changed = dataclasses.replace(spec(*case), **change)
    mean, tile = differences(reference, reduced(render_card(changed).data))
    assert mean > MAX_MEAN or tile > MAX_TILE, (case, change, mean, tile)
