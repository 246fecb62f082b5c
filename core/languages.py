"""Content languages: the languages narratives, excerpts and messages are written in."""

CONTENT_LANGUAGES = [
    ("ar", "Arabic"),
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
    ("nl", "Dutch"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("tr", "Turkish"),
    ("ru", "Russian"),
    ("bs", "Bosnian"),
    ("sq", "Albanian"),
    ("ku", "Kurdish"),
    ("ur", "Urdu"),
    ("id", "Indonesian"),
    ("uz", "Uzbek"),
]
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "ps", "he"})


def language_choices() -> list[tuple[str, str]]:
    return CONTENT_LANGUAGES


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES
