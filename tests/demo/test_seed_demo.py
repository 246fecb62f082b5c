from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from campaigns.experiments.models import ExperimentChange, ExperimentCount
from campaigns.models import Campaign, Experiment, Message
from narratives.models import Excerpt, Narrative, Reason, SourceRecord

pytestmark = pytest.mark.django_db


def _seed(*args: str, **env) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_default_seed_has_the_shape_of_the_study(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    _seed()
    narratives = Narrative.objects.all()
    assert narratives.count() == 58
    assert all(n.is_sample and n.title for n in narratives)
    genders = dict(narratives.values_list("gender").annotate(c=Count("id")))
    assert genders == {"male": 51, "female": 7}
    assert narratives.values("country").distinct().count() == 17
    span = narratives.aggregate(first=Min("left_on"), last=Max("left_on"))
    assert span["first"].isoformat() >= "2014-01-01"
    assert span["last"].isoformat() <= "2015-08-01"
    languages = set(narratives.values_list("language", flat=True))
    assert {"ar", "fr", "en"} <= languages
    used = Reason.objects.filter(narrative_links__isnull=False).distinct()
    assert set(Reason.objects.filter(parent__isnull=False)) <= set(used)
    assert SourceRecord.objects.count() == 58
    assert Excerpt.objects.reusable().count() > 20
    assert Campaign.objects.filter(is_sample=True).count() == 2
    assert Message.objects.filter(is_sample=True).count() >= 4


def test_excerpts_are_exact_spans_of_their_narratives():
    _seed()
    for excerpt in Excerpt.objects.select_related("narrative"):
        assert excerpt.narrative.text[excerpt.start : excerpt.end] == excerpt.text


def test_seed_is_idempotent():
    _seed()

    def counts():
        return (
            Narrative.objects.count(),
            Message.objects.count(),
            Excerpt.objects.count(),
            Experiment.objects.count(),
            ExperimentChange.objects.count(),
            ExperimentCount.objects.count(),
        )

    before = counts()
    output = _seed()
    assert counts() == before
    assert (
        "0 narratives, 0 campaigns, 0 messages and 0 experiments added; 0 users created" in output
    )


def test_demo_users_can_log_in_with_the_demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-2")
    _seed()
    for username, group in [
        ("editor", "Editor"),
        ("analyst", "Analyst"),
        ("analyst2", "Analyst"),
        ("custodian", "Custodian"),
    ]:
        user = authenticate(username=username, password="a-demo-password-2")
        assert user is not None, username
        assert user.groups.filter(name=group).exists()


def test_generated_password_is_printed_once_and_kept(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.VAR_DIR = tmp_path
    first = _seed()
    kept = (tmp_path / "demo-password").read_text().strip()
    assert kept in first
    assert (tmp_path / "demo-password").stat().st_mode & 0o077 == 0
    second = _seed()
    assert kept not in second
    assert authenticate(username="editor", password=kept) is not None


def test_narratives_option_fills_up_to_the_count():
    _seed("--narratives", "300")
    assert Narrative.objects.filter(is_sample=True).count() == 300
    _seed("--narratives", "300")
    assert Narrative.objects.filter(is_sample=True).count() == 300
    bulk = Narrative.objects.exclude(source_record__isnull=False)
    assert bulk.count() == 242
    assert all(n.reason_links.filter(is_primary=True).count() == 1 for n in bulk[:50])


def test_seed_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed()


def test_sample_narratives_raise_no_findings_on_the_sample_markers():
    """The demo vault holds realistic fictional identities, not "Sample Alias 001": the words
    "Sample" / "fictional" of the sample narratives are no vault values and no findings."""
    from narratives.selectors import open_findings, vault_identifiers

    _seed()
    # The custodian's references ("sample-000001") are matched only whole, never by a word.
    values = " ".join(i.value for i in vault_identifiers() if i.category != "ref").lower()
    assert "sample" not in values and "fictional" not in values
    for narrative in Narrative.objects.filter(is_sample=True):
        texts = {f.text.lower() for f in open_findings(narrative)}
        assert not texts & {"sample", "fictional", "exemple", "fictif"}, narrative.pk


def test_the_approved_sample_message_can_be_scheduled_by_the_editor():
    """A new user's first step after `make run`: schedule the approved sample. Its only
    findings (the campaign's help page) were dismissed by the reviewer, with a reason."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from campaigns.selectors import message_findings
    from campaigns.services import schedule_message

    _seed()
    editor = get_user_model().objects.get(username="editor")
    for message in Message.objects.filter(is_sample=True, status="approved"):
        assert message_findings(message) == []
        assert message.dismissals.exists()
        schedule_message(
            user=editor, message=message, publish_at=timezone.now() + timedelta(minutes=5)
        )
        message.refresh_from_db()
        assert message.status == "scheduled"


def test_the_sample_carousel_is_approved_and_renders_a_slide_per_quote():
    from campaigns.models import Rendition
    from campaigns.selectors import message_findings
    from campaigns.services import render_rendition

    _seed()
    message = Message.objects.get(is_sample=True, template__layout="carousel")
    assert message.status == "approved" and message_findings(message) == []
    assert message.excerpt_links.count() == 3
    for rendition in message.renditions.filter(status="pending"):
        render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    slides = sorted(message.renditions.values_list("format", "slide"))
    assert slides == [(f, s) for f in ("landscape", "square", "story") for s in range(5)]
    assert message.renditions.approved().count() == 15  # ready, and what the approval cleared
    assert not Rendition.objects.filter(message=message).exclude(status="ready").exists()


def test_a_running_sample_experiment_with_two_weeks_of_counts_and_one_awaiting_an_analyst():
    """The demo shows an experiment read while it runs, and one for an analyst to review:
    planned, submitted, approved and started through the services by the demo users."""
    from datetime import timedelta

    from django.utils import timezone

    from campaigns.experiments.selectors import analyse_experiment
    from campaigns.experiments.services import USABLE_MESSAGE_STATUSES

    output = _seed()
    assert "2 experiments added" in output
    running = Experiment.objects.get(status="running")
    assert running.campaign.is_sample
    assert running.author.username == "editor"
    assert running.approved_by.username == "analyst"
    variants = list(running.variants.select_related("message"))
    assert len(variants) == 2
    assert all(v.message.status in USABLE_MESSAGE_STATUSES for v in variants)
    started = timezone.localdate(running.started_at)
    assert started == timezone.localdate() - timedelta(days=14)
    assert running.plan_at_start["variants"][0]["key"] == variants[0].key
    counts = running.counts.all()
    assert counts.count() == 2 * 14
    assert set(counts.values_list("source", flat=True)) == {"demo"}
    days = sorted(set(counts.values_list("day", flat=True)))
    assert days[0] == started and days[-1] == timezone.localdate() - timedelta(days=1)
    for count in counts:
        assert 1000 < count.impressions < 2600
        assert count.reach <= count.impressions
        assert 0 < count.cta_clicks < count.impressions * 0.05
    # The history happened in order, before and at the start.
    history = list(running.changes.order_by("at", "pk").values_list("action", flat=True))
    assert history[:3] == ["created", "variant_added", "variant_added"]
    assert history[-3:] == ["approved", "started", "counts_recorded"]
    assert running.approved_at < running.started_at
    analysis = analyse_experiment(running)
    assert analysis is not None

    waiting = Experiment.objects.get(status="in_review")
    assert waiting.campaign.is_sample and waiting.variants.count() == 2
    assert waiting.approved_by is None and waiting.author.username == "editor"
    assert waiting.expected_days  # from the running experiment's impressions
