"""What campaigns keeps revisions of (``core.revisions``): a message's content, its quoted
excerpts included. ``services.workflow.save_message`` writes them; ``revert_message`` reads
one back."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Message, VisualTemplate
from core import revisions

# The message's own content fields (``services.CONTENT_FIELDS``), then its quotes.
MESSAGE_FIELDS = (
    "campaign",
    "language",
    "headline",
    "body",
    "statistic",
    "cta_text",
    "cta_url",
    "alt_text",
    "template",
    "palette",
)
RELATED = {"campaign": Campaign, "template": VisualTemplate}
EXCERPTS = "excerpts"


def message_snapshot(message: Message) -> dict[str, str]:
    """The message's content as text: related rows by id, quotes as public ids in order."""
    snapshot = {}
    for name in MESSAGE_FIELDS:
        value = getattr(message, f"{name}_id" if name in RELATED else name)
        snapshot[name] = "" if value is None else str(value)
    links = message.excerpt_links.select_related("excerpt").order_by("position", "pk")
    snapshot[EXCERPTS] = " ".join(link.excerpt.public_id for link in links) if message.pk else ""
    return snapshot


def shown(name: str, value: str) -> str:
    """What a compare page shows of a stored value: a related row's name, not its id."""
    model = RELATED.get(name)
    if model is None or not value:
        return value
    row = model._default_manager.filter(pk=value).first()
    return str(row) if row is not None else f"#{value}"


def register_revisions() -> None:
    fields = {
        name: capfirst(getattr(Message._meta.get_field(name), "verbose_name", name))
        for name in MESSAGE_FIELDS
    }
    fields[EXCERPTS] = _("Quoted excerpts")
    revisions.register(Message, fields=fields, snapshot=message_snapshot)  # type: ignore[arg-type]
