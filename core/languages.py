"""Content languages: the languages narratives, excerpts and messages are written in."""

from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = [
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


def language_choices() -> list[tuple[str, str]]:
    return CONTENT_LANGUAGES


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES
