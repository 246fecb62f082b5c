"""Reads for campaigns: what a message sends out, and the leak check over it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from campaigns.models import (  # noqa: F401  (OVERDUE_GRACE: re-exported)
    OVERDUE_GRACE,
    Message,
    MessageExcerpt,
    Rendition,
    VisualTemplate,
    is_leak_check_current,
    leak_check_current_q,
    live_q,
    overdue_q,
)
from campaigns.rendering import MAX_CAROUSEL_QUOTES, carousel_alt_texts
from core.models import User
from core.notices import Waiting
from core.queries import filter_given
from narratives import crypto
from narratives.egress import gate_findings
from narratives.selectors import attribution_for, quote_in_language


@dataclass(frozen=True)
class OutboundText:
    field: str  # "headline", "body", "cta_text", "alt_text", "quote:<exc id>", "attribution:…"
    label: str
    text: str


@dataclass(frozen=True)
class MessageFinding:
    field: str
    label: str
    start: int
    end: int
    category: str
    text: str
    vault: bool  # a match on a vault record: can never be dismissed

    @property
    def fingerprint(self) -> str:
        return crypto.blind_index(f"message-finding:{self.category}:{self.text}")


def message_excerpts(message: Message) -> list:
    return [
        link.excerpt
        for link in message.excerpt_links.select_related("excerpt__narrative").prefetch_related(
            "excerpt__translations"
        )
    ]


# What a message takes from its campaign and its template, and sends out: the card draws the
# call to action and the help-line, the API serves the campaign's public fields beside it.
CAMPAIGN_OUTBOUND_FIELDS = {
    "name": "Campaign name",
    "key_message": "Campaign key message",
    "cta_text": "Campaign call to action",
    "cta_url": "Campaign call-to-action URL",
    "cta_helpline": "Campaign help-line",
}
# Everything a template gives the card: a change to any of it changes the image.
TEMPLATE_DRAWN_FIELDS = (
    "layout",
    "background_color",
    "text_color",
    "accent_color",
    "font_family",
    "logo",
    "background_photo",
    "formats",
    "output_format",
)


def message_cta(message: Message) -> tuple[str, str]:
    """The call to action a card draws: (its text, the help-line or URL)."""
    campaign = message.campaign
    return (
        message.cta_text or campaign.cta_text,
        campaign.cta_helpline or message.cta_url or campaign.cta_url,
    )


def slide_alt_texts(message: Message, quotes: list[tuple[str, str]]) -> list[str]:
    """The alt text of each slide of the message's carousel, given the (quote, attribution)
    pairs its quote slides draw."""
    cta_text, cta_contact = message_cta(message)
    return carousel_alt_texts(
        alt_text=message.alt_text,
        headline=message.headline,
        quotes=quotes,
        cta_text=cta_text,
        cta_contact=cta_contact,
    )


def outbound_texts(message: Message, excerpts: list | None = None) -> list[OutboundText]:
    """Every text the message sends out: its own fields, its campaign's public fields, its
    template's logo, quotes and attribution lines (each rendition input and API field)."""
    texts = [
        OutboundText("headline", "Headline", message.headline),
        OutboundText("body", "Body", message.body),
        OutboundText("statistic", "Statistic", message.statistic),
        OutboundText("cta_text", "Call to action", message.cta_text),
        OutboundText("cta_url", "Call-to-action URL", message.cta_url),
        OutboundText("alt_text", "Alt text", message.alt_text),
    ]
    campaign = message.campaign
    for name, label in CAMPAIGN_OUTBOUND_FIELDS.items():
        texts.append(OutboundText(f"campaign.{name}", label, getattr(campaign, name) or ""))
    regions = campaign.audience_regions if isinstance(campaign.audience_regions, list) else []
    texts.append(
        OutboundText("campaign.audience_regions", "Campaign regions", "\n".join(map(str, regions)))
    )
    if campaign.logo:
        texts.append(
            OutboundText("campaign.logo", "Campaign logo file", campaign.logo.name.rsplit("/")[-1])
        )
    template = message.template
    if template is not None and template.logo:
        texts.append(
            OutboundText("template.logo", "Template logo file", template.logo.name.rsplit("/")[-1])
        )
    if template is not None and template.background_photo:
        name = template.background_photo.name.rsplit("/")[-1]
        texts.append(OutboundText("template.background_photo", "Template photo file", name))
    quoted = []
    for excerpt in message_excerpts(message) if excerpts is None else excerpts:
        # Without words in the message's language nothing is quoted (approval is refused).
        quote = quote_in_language(excerpt, message.language) or ""
        attribution = attribution_for(excerpt.narrative, message.language)
        texts.append(OutboundText(f"quote:{excerpt.public_id}", "Quoted excerpt", quote))
        texts.append(
            OutboundText(f"attribution:{excerpt.public_id}", "Attribution line", attribution)
        )
        if quote:
            quoted.append((quote, attribution))
    if template is not None and template.layout == VisualTemplate.Layout.CAROUSEL and quoted:
        # Each slide's alt text joins texts scanned above; scanned again as joined.
        for i, alt in enumerate(slide_alt_texts(message, quoted[:MAX_CAROUSEL_QUOTES])):
            texts.append(OutboundText(f"slide_alt:{i}", "Alt text of a carousel slide", alt))
    return [t for t in texts if t.text]


def message_findings(message: Message, excerpts: list | None = None) -> list[MessageFinding]:
    """Pass everything the message sends out through the egress gate.

    Returns the open findings: every vault match, and the generic findings nobody dismissed.
    """
    dismissed = (
        set(message.dismissals.values_list("fingerprint", flat=True)) if message.pk else set()
    )
    findings: list[MessageFinding] = []
    for found in gate_findings(outbound_texts(message, excerpts)):
        f = found.finding
        finding = MessageFinding(
            found.field, found.label, f.start, f.end, f.category, f.text, found.vault
        )
        if found.vault or finding.fingerprint not in dismissed:
            findings.append(finding)
    return findings


def vault_changed_at():
    """When any vault record last changed (None for an empty vault)."""
    from django.db.models import Max

    from narratives.models import SourceRecord

    return SourceRecord.objects.aggregate(t=Max("updated_at"))["t"]


def leak_check_is_current(message: Message, changed_at=...) -> bool:
    """Whether the message's last clean leak check still holds.

    While a message stays approved its outbound texts cannot change (every edit to it, to its
    campaign's public fields, to its template, to an excerpt it quotes or to a translation of
    one sends it back to review), and attribution
    lines are made of generalised attributes only; so the check holds until the vault
    changes. ``changed_at`` is the vault's last change if the caller already read it.
    """
    if message.leak_checked_at is None:
        return False  # without reading the vault
    if changed_at is ...:
        changed_at = vault_changed_at()
    return is_leak_check_current(message, changed_at)


def messages_awaiting_recheck() -> QuerySet[Message]:
    """Published messages held back from ``live`` because the vault changed after their last
    clean check (the recheck a vault write queues has not run yet, or was lost)."""
    changed = vault_changed_at()
    published = Message.objects.filter(status=Message.Status.PUBLISHED)
    return published.exclude(leak_check_current_q(changed))


def servable_renditions(now=None) -> QuerySet[Rendition]:
    """The renditions anyone outside the staff may receive: the one rule every public media
    URL and every API or webhook rendition list goes through.

    A ready rendition with a file, of a message live at ``now``, that shows what the last
    approval cleared (``Rendition.objects.approved()``): an edit's new card waits for review.
    """
    now = now or timezone.now()
    return (
        Rendition.objects.approved()
        # A join on the message row, not a list of every live message.
        .filter(live_q(now, prefix="message__"))
        .order_by("format", "slide")
    )


def review_queue(
    *, status: str | None = None, language: str | None = None, assignee: int | None = None
) -> QuerySet[Message]:
    """Messages for the analysts' review queue (``assignee``: a user's pk), with campaign,
    assignee, renditions and excerpts joined."""
    queryset = Message.objects.select_related(
        "campaign", "author", "template", "assignee"
    ).prefetch_related(
        Prefetch("renditions", queryset=Rendition.objects.order_by("format", "slide")),
        Prefetch(
            "excerpt_links",
            queryset=MessageExcerpt.objects.select_related("excerpt__narrative").order_by(
                "position", "pk"
            ),
        ),
    )
    queryset = filter_given(queryset, status=status, language=language)
    if assignee is not None:
        queryset = queryset.filter(assignee_id=assignee)
    return queryset.order_by("-updated_at", "-pk")


WAITING_LIMIT = 100


def waiting_messages(user: User) -> list[Waiting]:
    """What waits for ``user`` among messages (core.notices), in one query: for an analyst,
    those in review assigned to them; for an editor, their own messages sent back or
    approved (to schedule)."""
    own = {
        Message.Status.CHANGES_REQUESTED: gettext("Sent back for changes"),
        Message.Status.APPROVED: gettext("Approved: ready to schedule"),
    }
    rows = Message.objects.filter(
        Q(status=Message.Status.IN_REVIEW, assignee=user) | Q(author=user, status__in=list(own))
    ).order_by("updated_at", "pk")
    found: list[Waiting] = []
    for pk, public_id, status in rows.values_list("pk", "public_id", "status")[:WAITING_LIMIT]:
        if status == Message.Status.IN_REVIEW:
            path = reverse("message_review:detail", args=[public_id])
            why = gettext("In review, assigned to you")
        else:
            path, why = reverse("admin:campaigns_message_change", args=[pk]), own[status]
        found.append(Waiting(gettext("Message"), public_id, path, why))
    return found


def overdue_publications(now=None) -> QuerySet[Message]:
    """Scheduled messages past their publish time, or published ones past their unpublish
    time, by more than a minute: the workers are behind or failing."""
    return Message.objects.filter(overdue_q(now or timezone.now()))
