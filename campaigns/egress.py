"""What leaves through cards, media, the message review and the campaigns admin, registered
in ``core.egress``.

Rendition inputs are named after ``CardSpec``'s attributes (``rendition:<attribute>``);
``gated_as`` names the outbound texts (``campaigns.selectors.outbound_texts``) the gate scans
for each, at approval and again at publication. Every change to one of them sends the message
back to review, and only renditions whose content the last approval cleared are served.
"""

from __future__ import annotations

from collections.abc import Iterator

from campaigns.models import Campaign, Rendition, VisualTemplate
from core.egress import (
    ANALYSTS,
    ANYONE,
    EDITORS,
    STAFF,
    Kind,
    queue_paths,
    register,
    register_admin,
)

NOT_TEXT = "a choice or colour validated by CardSpec: no free text"

RENDITION_INPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "layout": ("VisualTemplate.layout", ()),
    "format": ("the format being drawn", ()),
    "headline": ("Message.headline", ("headline",)),
    "body": ("Message.body", ("body",)),
    "statistic": ("Message.statistic: the big figure of a statistic card", ("statistic",)),
    "quote": (
        "the quoted excerpts the layout shows (TEMPLATE_FIELDS; or their translations), one "
        "paragraph each; the body or headline on a quote card without one",
        ("quote:*", "body", "headline"),
    ),
    "attribution": ("the shown quotes' attribution lines, joined", ("attribution:*",)),
    "cta_text": ("Message.cta_text, or Campaign.cta_text", ("cta_text", "campaign.cta_text")),
    "cta_contact": (
        "Campaign.cta_helpline, or Message.cta_url, or Campaign.cta_url",
        ("campaign.cta_helpline", "cta_url", "campaign.cta_url"),
    ),
    "language": ("Message.language", ()),
    "background_color": ("VisualTemplate.background_color", ()),
    "text_color": ("VisualTemplate.text_color", ()),
    "accent_color": ("VisualTemplate.accent_color", ()),
    "font_family": ("VisualTemplate.font_family", ()),
    "logo": (
        "Campaign.logo, else VisualTemplate.logo: sanitised image bytes; its file name is "
        "scanned, and a new logo sends every message drawn with it back to review, where the "
        "analyst sees the card",
        ("campaign.logo", "template.logo"),
    ),
    "output_format": ("VisualTemplate.output_format", ()),
    "background_photo": (
        "VisualTemplate.background_photo: sanitised image bytes (campaigns.uploads, as the "
        "logo); its file name is scanned, and a new photo sends every message drawn with it "
        "back to review, where the analyst sees the card",
        ("template.background_photo",),
    ),
    "slide_kind": ("the carousel slide being drawn: cover, quote or closing", ()),
    "slide": ("the carousel slide's number", ()),
    "slides": ("how many slides the carousel has", ()),
}


def _message_revision_paths() -> Iterator[str]:
    from django.urls import reverse

    from campaigns.models import Message
    from core import revisions

    for message in Message.objects.all()[:50]:
        yield reverse("admin:campaigns_message_history", args=[message.pk])
        newest = list(revisions.revisions_of(message)[:2])
        if len(newest) == 2:
            compare = reverse("admin:campaigns_message_compare_revisions", args=[message.pk])
            yield f"{compare}?a={newest[1].pk}&b={newest[0].pk}"


def _media_paths() -> Iterator[str]:
    """Every media URL there is: the lookup URL and a signed preview link of every rendition,
    every campaign and template logo, and the storage paths of their files (which must
    answer 404)."""
    from campaigns import media

    for rendition in Rendition.objects.exclude(file=""):
        yield media.rendition_url(rendition)
        yield media.preview_url(rendition)
        yield rendition.file.url
    for template in VisualTemplate.objects.exclude(logo=""):
        yield media.logo_url(template)
        yield template.logo.url
    for campaign in Campaign.objects.exclude(logo=""):
        yield media.campaign_logo_url(campaign)
        yield campaign.logo.url
    for template in VisualTemplate.objects.exclude(background_photo=""):
        yield media.background_photo_url(template)
        yield template.background_photo.url


def _calendar_paths() -> Iterator[str]:
    from django.urls import reverse

    from campaigns.models import Experiment, Message

    calendar = reverse("message_review:calendar")
    yield calendar
    for day in Message.objects.exclude(publish_at=None).dates("publish_at", "day")[:20]:
        yield f"{calendar}?start={day.isoformat()}&span=four_weeks"
    for day in Experiment.objects.exclude(started_at=None).dates("started_at", "day")[:20]:
        yield f"{calendar}?start={day.isoformat()}&span=four_weeks"


def _download_paths() -> Iterator[str]:
    """The ZIP download of every message with a rendered card."""
    from django.urls import reverse

    from campaigns.models import Message

    rendered = Message.objects.filter(renditions__isnull=False).distinct()
    for pk in rendered.values_list("pk", flat=True)[:50]:
        yield reverse("admin:campaigns_message_renditions_zip", args=[pk])


def _experiment_step_paths() -> Iterator[str]:
    """Each experiment's step pages in the admin (GET asks; only a POST takes the step)."""
    from django.urls import reverse

    from campaigns.experiments.admin import STEPS
    from campaigns.models import Experiment

    for pk in Experiment.objects.values_list("pk", flat=True)[:20]:
        for step in STEPS:
            yield reverse("admin:campaigns_experiment_step", args=[pk, step])


def _experiment_report_paths() -> Iterator[str]:
    """Each experiment's report, its printable page."""
    from django.urls import reverse

    from campaigns.models import Experiment

    for public_id in Experiment.objects.values_list("public_id", flat=True)[:50]:
        page = reverse("message_review:experiment_report", args=[public_id])
        yield page
        yield page + "?print=1"
    yield reverse("message_review:experiment_report", args=["exp_nosuchexperiment"])


def _experiment_csv_paths() -> Iterator[str]:
    from django.urls import reverse

    from campaigns.models import Experiment

    for public_id in Experiment.objects.values_list("public_id", flat=True)[:50]:
        yield reverse("message_review:experiment_report_csv", args=[public_id])


def register_surfaces() -> None:
    for name, (source, gated_as) in RENDITION_INPUTS.items():
        register(
            f"rendition:{name}",
            Kind.RENDITION_INPUT,
            ANYONE,
            source if gated_as else f"{source} ({NOT_TEXT})",
            gated_as=gated_as,
        )
    register(
        "media:renditions",
        Kind.MEDIA,
        ANYONE,
        "rendition images of live messages whose content the last approval cleared (every "
        "slide of a carousel); campaign and template logos and template background photos "
        "(staff)",
        paths=_media_paths,
        url_names=(
            "media:rendition",
            "media:preview",
            "media:logo",
            "media:campaign_logo",
            "media:background_photo",
        ),
    )
    register(
        "download:message_renditions",
        Kind.MEDIA,
        EDITORS,
        "the ZIP of a message's renditions that the last approval cleared (its leak check "
        "current) and its alt text, with each carousel slide's, one file per language "
        "(campaigns.downloads)",
        gated_as=("alt_text", "slide_alt:*"),
        paths=_download_paths,
        url_names=("admin:campaigns_message_renditions_zip",),
    )
    register(
        "page:message_review",
        Kind.PAGE,
        ANALYSTS,
        "the message review queue and pages: what each message sends out, with findings",
        paths=queue_paths("message_review:queue", "campaigns.Message", "message_review:detail"),
        url_names=("message_review:queue", "message_review:detail"),
    )
    register(
        "page:publishing_calendar",
        Kind.PAGE,
        STAFF,
        "the publishing calendar: message and campaign ids, headlines passed through the "
        "egress gate (withheld on any finding), languages, schedule times and states; the "
        "started experiments on each day they run, by experiment, campaign and variant "
        "message ids, their start and stop times and states, never their question or "
        "hypothesis (campaigns.calendar), linked to the review page for analysts and the "
        "admin page for editors",
        paths=_calendar_paths,
        url_names=("message_review:calendar",),
    )
    register(
        "error:message_review",
        Kind.ERROR_MESSAGE,
        ANALYSTS,
        "MessageError texts shown after approve, request changes, dismiss: labels and "
        "categories, never the text found",
        url_names=(
            "message_review:approve",
            "message_review:request_changes",
            "message_review:dismiss",
            "message_review:assign",
        ),
    )
    register_admin("campaigns.Campaign", EDITORS, "campaigns, as the editors wrote them")
    register_admin("campaigns.VisualTemplate", EDITORS, "templates, as the editors made them")
    register_admin("campaigns.Message", EDITORS, "messages, their excerpts and renditions")
    register(
        "page:admin-message-revisions",
        Kind.PAGE,
        EDITORS,
        "a message's history (its revisions: who, when, which fields) and the compare of two "
        "revisions: the message's earlier texts, related rows by name, every vault value "
        "masked; reverting (POST) goes through review again",
        paths=_message_revision_paths,
    )
    register_admin(
        "campaigns.Experiment",
        EDITORS,
        "experiments: the editors' question and hypothesis, the plan's figures, variants by "
        "message and key, the history with its comments (no message text)",
    )
    register(
        "page:admin-experiment-steps",
        Kind.PAGE,
        EDITORS,
        "an experiment's workflow step pages: its public id and status, a comment box; "
        "amending shows the question, hypothesis and planned end",
        paths=_experiment_step_paths,
    )
    register(
        "page:experiment_review",
        Kind.PAGE,
        ANALYSTS,
        "the experiments in review or running, and each one's plan: the editors' question "
        "and hypothesis, the figures, variants by message id and key (no message text), the "
        "history with its comments",
        paths=queue_paths(
            "message_review:experiments", "campaigns.Experiment", "message_review:experiment"
        ),
        url_names=("message_review:experiments", "message_review:experiment"),
    )
    register(
        "page:experiment_report",
        Kind.PAGE,
        STAFF,
        "an experiment's report (and its printable page): the editors' question and "
        "hypothesis as pre-registered and as amended, the plan's figures, variants by key and "
        "message id (no message text), the history with who (display name) and comments, "
        "charts and tables of rates, the verdict; outcome counts under DISCLOSURE_K as '< k'",
        paths=_experiment_report_paths,
        url_names=("message_review:experiment_report",),
    )
    register(
        "csv:experiment_report",
        Kind.CSV_EXPORT,
        STAFF,
        "an experiment's daily counts per variant as CSV: day, variant key, message id, "
        "impressions, reach, each planned outcome (under DISCLOSURE_K as '< k')",
        paths=_experiment_csv_paths,
        url_names=("message_review:experiment_report_csv",),
    )
    register(
        "error:experiment",
        Kind.ERROR_MESSAGE,
        STAFF,
        "ExperimentError texts after a plan change, a step or a batch of counts: ids, "
        "statuses, row numbers and field names, never the text submitted",
        url_names=("message_review:experiment_approve", "message_review:experiment_send_back"),
    )
    register_admin("campaigns.PublishEvent", STAFF, "publish events: times and reasons")
    register_admin("campaigns.Publication", EDITORS, "scheduled and live messages")
    register_admin("campaigns.Rendition", STAFF, "rendition rows: format, status, sizes")
    register(
        "log:campaigns",
        Kind.LOG,
        STAFF,
        "rendering and publishing log lines: public ids, formats, sizes, times",
    )
    register(
        "error:rendition",
        Kind.ERROR_MESSAGE,
        EDITORS,
        "Rendition.error: the error's kind and CardSpec's validation message (field names "
        "and limits, never the text)",
    )
