"""What an API key may do. Read scopes open one kind of content; ``write:metrics`` lets a
partner report its reach back."""

from __future__ import annotations

from django.utils.translation import gettext_noop

READ_REASONS = "read:reasons"
READ_NARRATIVES = "read:narratives"
READ_EXCERPTS = "read:excerpts"
READ_CAMPAIGNS = "read:campaigns"
READ_MESSAGES = "read:messages"
WRITE_METRICS = "write:metrics"

# The descriptions are msgids: the API's documentation shows them in English, the admin's
# key form in the interface's language.
SCOPES: dict[str, str] = {
    READ_REASONS: gettext_noop("Read the reasons for leaving"),
    READ_NARRATIVES: gettext_noop("Read approved, anonymized narratives"),
    READ_EXCERPTS: gettext_noop("Read excerpts approved for reuse"),
    READ_CAMPAIGNS: gettext_noop("Read campaigns that have live messages"),
    READ_MESSAGES: gettext_noop("Read live messages and their renditions"),
    WRITE_METRICS: gettext_noop("Report impressions, reach, clicks and shares"),
}
SCOPE_CHOICES = list(SCOPES.items())
READ_SCOPES = frozenset(scope for scope in SCOPES if scope.startswith("read:"))
# Which scope opens which kind of item in the changes feed.
CHANGE_TYPE_SCOPES = {
    "excerpt": READ_EXCERPTS,
    "experiment": READ_MESSAGES,
    "message": READ_MESSAGES,
    "narrative": READ_NARRATIVES,
}


def validate_scopes(scopes) -> list[str]:
    """Return the scopes, de-duplicated and sorted; raise ValueError naming unknown ones."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(unknown)}; use some of {', '.join(SCOPES)}")
    return sorted(set(scopes))
