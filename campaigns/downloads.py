"""The editors' download of a message's cards: a ZIP of every rendition that passed the leak
check, with the alt text in a file per language.

Only what the last approval cleared goes in: the message must be approved, scheduled or live
with a current leak check (no edit since, and the vault unchanged since), and only the
renditions showing what that approval cleared (``Rendition.objects.approved()``). The alt
text is the message's own, scanned with everything else it sends out at that approval.
Members are stored uncompressed, so the egress canary test reads the archive's text as is.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from campaigns import media
from campaigns.models import Message, Rendition
from campaigns.selectors import leak_check_is_current

CLEARED = frozenset({Message.Status.APPROVED, Message.Status.SCHEDULED, Message.Status.PUBLISHED})


class DownloadError(Exception):
    """No download yet; the message says what to do."""


def cleared_renditions(message: Message) -> list[Rendition]:
    """The message's renditions that passed its current leak check; raise ``DownloadError``
    saying why there are none."""
    if message.status not in CLEARED or not leak_check_is_current(message):
        raise DownloadError(
            _(
                "The cards can be downloaded once the message is approved and its leak check "
                "is current: submit it for review, or wait for the recheck after a vault change."
            )
        )
    renditions = list(message.renditions.approved().order_by("format", "slide"))
    if not renditions:
        raise DownloadError(
            _(
                "No card of this message is rendered as approved yet: wait for the renderer, "
                "then reload the page."
            )
        )
    return renditions


def archive_name(message: Message) -> str:
    return f"{message.public_id}-renditions.zip"


def file_name(message: Message, rendition: Rendition) -> str:
    """A card's name in the ZIP: a carousel's slides numbered from 01, in posting order."""
    slide = f"-{rendition.slide + 1:02d}" if rendition.alt_text else ""
    return f"{message.public_id}-{rendition.format}{slide}.{media.extension(rendition)}"


def renditions_zip(message: Message) -> bytes:
    """The ZIP of the message's cleared renditions and its alt text, as bytes."""
    renditions = cleared_renditions(message)
    slides: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for rendition in renditions:
            try:
                with rendition.file.open("rb") as handle:
                    data = handle.read()
            except OSError:
                raise DownloadError(
                    _(
                        "The %(format)s card's file is missing from storage: ask an "
                        "administrator to check the media storage, whose sweep renders missing "
                        "cards again, then download again."
                    )
                    % {"format": rendition.get_format_display().lower()}
                ) from None
            name = file_name(message, rendition)
            archive.writestr(name, data)
            if rendition.alt_text:
                slides.append(f"{name}\t{rendition.alt_text}")
        alt = message.alt_text or ""
        # A carousel's slides each say what they show: one line per file, after the
        # message's own alt text.
        text = "\n".join([alt, *slides]) + "\n"
        archive.writestr(f"alt-text.{message.language}.txt", text.encode("utf-8"))
    return buffer.getvalue()
