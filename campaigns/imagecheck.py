"""Check that image bytes are a whole, decodable image of the expected type and size.

Pure Python + Pillow: bytes in, an exception out when they are not what was asked for. Used
before a rendition file is published under its final name, and by the sweeper on files that
were stored before they were checked.
"""

from __future__ import annotations

import io

from PIL import Image

from campaigns.uploads import sniff_format

_PILLOW_FORMAT = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


class ImageCheckFailed(Exception):
    """The bytes are not the image expected; ``str(exc)`` says what is wrong (no content)."""


def check_image(data: bytes, *, mime_type: str, width: int, height: int) -> None:
    """Raise ``ImageCheckFailed`` unless ``data`` fully decodes as a ``width``×``height``
    image of ``mime_type``. Truncated files fail: every pixel is decoded."""
    if not data:
        raise ImageCheckFailed("the file is empty")
    expected = _PILLOW_FORMAT.get(mime_type)
    if expected is None:
        raise ImageCheckFailed(f"unexpected image type {mime_type}")
    if sniff_format(data) != expected:
        raise ImageCheckFailed(f"the file is not a {expected} image")
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            # The size comes from the header: refuse before decoding anything unexpected.
            if image.size != (width, height):
                raise ImageCheckFailed(
                    f"the image is {image.width}×{image.height}, expected {width}×{height}"
                )
            image.load()  # decodes every pixel: a truncated file raises here
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageCheckFailed(
            f"the {expected} image does not decode ({type(exc).__name__})"
        ) from None
