"""What narratives keeps revisions of (``core.revisions``): a narrative's title and text, an
excerpt's words, a translation's text. The services write them (``narratives.services``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import revisions
from narratives.models import Excerpt, ExcerptTranslation, Narrative


def register_revisions() -> None:
    revisions.register(Narrative, fields={"title": _("Title"), "text": _("Text")})
    revisions.register(Excerpt, fields={"text": _("Text")})
    revisions.register(ExcerptTranslation, fields={"language": _("Language"), "text": _("Text")})
