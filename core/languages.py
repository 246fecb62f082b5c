"""Content languages: the languages narratives, excerpts and messages are written in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

# The names are translated when shown (the interface language), the codes never.
CONTENT_LANGUAGES: list[tuple[str, _StrOrPromise]] = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
    ("bs", _("Bosnian")),
    ("sq", _("Albanian")),
    ("ku", _("Kurdish")),
    ("ur", _("Urdu")),
    ("id", _("Indonesian")),
    ("uz", _("Uzbek")),
]
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "ps", "he"})


def language_choices() -> list[tuple[str, _StrOrPromise]]:
    return CONTENT_LANGUAGES


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES
