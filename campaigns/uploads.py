"""Upload sanitiser for logos and backgrounds: untrusted bytes in, clean image bytes out.

Pure Python + Pillow (no Django, no storage). Order of checks, cheapest and safest first:

1. size cap on the raw bytes (before any parsing);
2. type from the content: magic bytes must be PNG, JPEG or WebP, and Pillow is then only
   allowed to use that one decoder (``Image.open(formats=[...])``); the file name and the
   client's content type are never consulted;
3. pixel cap from the header (``Image.open`` parses only the header), before any pixel is
   decoded; Pillow's own decompression-bomb warning is escalated to an error locally;
4. full decode (``load()``): truncated or corrupt files fail here; truncated images are never
   accepted (``ImageFile.LOAD_TRUNCATED_IMAGES`` is left alone);
5. EXIF orientation applied, colour converted to sRGB when an ICC profile is present, then
   the pixels are copied into a brand-new image with an empty ``info`` and re-encoded with
   no metadata options. Nothing of the original container survives: trailing payloads after
   IEND/EOI (polyglots), comments, EXIF/GPS, XMP and ICC are all dropped.

Error messages are fixed, user-facing strings; they never include file content.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageOps

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PIXELS = 16_000_000

_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_ACCEPTED = "Please upload a PNG, JPEG or WebP image."


class UploadRejected(ValueError):
    """The upload is not acceptable; ``str(exc)`` is safe to show to the user."""


@dataclass(frozen=True)
class SanitizedImage:
    data: bytes = field(repr=False)
    width: int
    height: int
    mime_type: str


def sniff_format(data: bytes) -> str | None:
    """Container type from magic bytes: 'PNG', 'JPEG', 'WEBP' or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _describe_unsupported(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        return "SVG images are not accepted. " + _ACCEPTED
    if head.startswith(b"gif8"):
        return "GIF images are not accepted. " + _ACCEPTED
    if head.startswith(b"%pdf"):
        return "PDF files are not accepted. " + _ACCEPTED
    if head.startswith((b"ii*\x00", b"mm\x00*")):
        return "TIFF images are not accepted. " + _ACCEPTED
    if head.startswith(b"bm"):
        return "BMP images are not accepted. " + _ACCEPTED
    return "This file is not a supported image. " + _ACCEPTED


def sanitize_image_upload(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_side: int | None = None,
) -> SanitizedImage:
    """Clean image bytes from an untrusted upload (see the module's docstring); with
    ``max_side``, a larger image is scaled down to fit it (a background photo needs no more
    pixels than the largest card)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("sanitize_image_upload expects bytes")
    data = bytes(data)
    if not data:
        raise UploadRejected("The file is empty.")
    if len(data) > max_bytes:
        raise UploadRejected(
            f"The file is too large ({len(data) / 1048576:.1f} MB); "
            f"the maximum is {max_bytes / 1048576:.0f} MB."
        )
    kind = sniff_format(data)
    if kind is None:
        raise UploadRejected(_describe_unsupported(data))

    too_many_pixels = UploadRejected(
        f"The image dimensions are too large; the maximum is {max_pixels:,} pixels "
        "(for example 4000 x 4000)."
    )
    damaged = UploadRejected("The image file is damaged or incomplete. " + _ACCEPTED)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=[kind])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError):
            raise damaged from None
        with im:
            if im.format != kind:
                raise UploadRejected(_describe_unsupported(data))
            width, height = im.size
            if width < 1 or height < 1:
                raise damaged
            if width * height > max_pixels:
                raise too_many_pixels
            if getattr(im, "n_frames", 1) > 1:
                raise UploadRejected("Animated images are not accepted. " + _ACCEPTED)
            try:
                im.load()
                clean = _normalise(im)
                if max_side and max(clean.size) > max_side:
                    clean.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise too_many_pixels from None
            except (OSError, SyntaxError, ValueError, struct.error, EOFError, zlib.error):
                raise damaged from None
    return _encode(clean, kind)


def _normalise(im: Image.Image) -> Image.Image:
    """Orientation applied, sRGB, mode RGB/RGBA, in a fresh image with no metadata."""
    icc = im.info.get("icc_profile")
    try:
        oriented = ImageOps.exif_transpose(im) or im
    except Exception:  # malformed EXIF: orientation unknown, keep pixels as stored
        oriented = im
    has_alpha = oriented.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        oriented.mode in ("P", "L", "RGB") and "transparency" in oriented.info
    )
    if oriented.mode in ("I;16", "I;16B", "I;16L", "I"):
        oriented = oriented.point(lambda v: v / 257).convert("L")
    target = "RGBA" if has_alpha else "RGB"
    if icc and oriented.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(
                oriented, src, srgb, outputMode=target if oriented.mode != "L" else "RGB"
            )
            if converted is not None:
                oriented = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # unusable profile: keep the pixels as they are, drop the profile
    pixels = oriented.convert(target)
    # A new image carries nothing but pixels: .info (exif, icc_profile, comment, xmp,
    # text chunks, dpi...) is empty, so no encoder can copy metadata from it.
    return Image.frombytes(target, pixels.size, pixels.tobytes())


def _encode(im: Image.Image, kind: str) -> SanitizedImage:
    buf = io.BytesIO()
    if kind == "PNG":
        im.save(buf, "PNG", compress_level=6)
    elif kind == "JPEG":
        if im.mode != "RGB":
            im = im.convert("RGB")
        im.save(buf, "JPEG", quality=90, optimize=True)
    else:
        im.save(buf, "WEBP", quality=90, method=4)
    return SanitizedImage(buf.getvalue(), im.width, im.height, _MIME[kind])
