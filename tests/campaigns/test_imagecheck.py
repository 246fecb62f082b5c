"""check_image: whole, decodable, the expected type and size — or an error saying what."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from campaigns.imagecheck import ImageCheckFailed, check_image


def _encoded(fmt: str, size=(120, 80)) -> bytes:
    buf = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_a_whole_image_of_the_right_kind_and_size_passes(fmt, mime):
    check_image(_encoded(fmt), mime_type=mime, width=120, height=80)


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_a_truncated_image_fails(fmt, mime):
    data = _encoded(fmt)
    with pytest.raises(ImageCheckFailed, match="does not decode"):
        check_image(data[: len(data) // 2], mime_type=mime, width=120, height=80)


def test_the_wrong_size_fails():
    with pytest.raises(ImageCheckFailed, match="120×80, expected 1080×1080"):
        check_image(_encoded("PNG"), mime_type="image/png", width=1080, height=1080)


def test_the_wrong_type_fails():
    with pytest.raises(ImageCheckFailed, match="not a PNG"):
        check_image(_encoded("JPEG"), mime_type="image/png", width=120, height=80)


def test_an_empty_file_fails():
    with pytest.raises(ImageCheckFailed, match="empty"):
        check_image(b"", mime_type="image/png", width=120, height=80)
