"""Build the demo data set: users, fictional sample narratives, campaigns, messages and
experiments.

Everything here is idempotent: running it again finds what exists and adds only what is
missing. The first 58 sample narratives have the shape of the 2015 study's sample; beyond
that, ``bulk_narratives`` fills up to any count for load tests.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from campaigns.experiments import services as experiment_services
from campaigns.models import (
    Campaign,
    Experiment,
    ExperimentChange,
    Message,
    MessageExcerpt,
    VisualTemplate,
)
from campaigns.selectors import message_findings
from campaigns.services import dismiss_message_finding, queue_renditions
from core.roles import ANALYST, CUSTODIAN, EDITOR
from demo import content
from narratives.crypto import blind_index
from narratives.models import Excerpt, Narrative, NarrativeReason, Reason, SourceRecord
from narratives.selectors import quote_in_language
from narratives.services import approve_translation, save_excerpt_translation, save_source_record

DEMO_USERS = [
    ("editor", EDITOR, True),
    ("analyst", ANALYST, False),
    ("analyst2", ANALYST, False),
    ("custodian", CUSTODIAN, True),
]
STUDY_SIZE = 58
STUDY_WOMEN = 7
SAMPLE_REF = "sample-{n:06d}"
AGE_BANDS = ["under_18", "18_24", "18_24", "25_34", "25_34", "25_34", "35_44", "45_plus"]
SOURCE_KINDS = ["interview", "interview", "court_record", "media_report", "social_post"]


@dataclass
class SeedReport:
    users_created: list[str] = field(default_factory=list)
    password: str = ""
    password_generated: bool = False
    narratives_created: int = 0
    campaigns_created: int = 0
    messages_created: int = 0
    experiments_created: int = 0


def demo_password_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-password"


def resolve_demo_password(explicit: str | None) -> tuple[str, bool]:
    """Return the demo password and whether it was generated just now.

    ``DEMO_PASSWORD`` wins; otherwise one is generated once and kept (mode 0600) in ``var/``.
    """
    if explicit:
        return explicit, False
    path = demo_password_file()
    if path.exists():
        return path.read_text().strip(), False
    password = secrets.token_urlsafe(12)
    path.touch(mode=0o600)
    path.write_text(password + "\n")
    return password, True


def ensure_demo_users(password: str, *, reset_password: bool) -> list[str]:
    """Create the four demo users; set their password when ``reset_password``."""
    user_model = get_user_model()
    created = []
    for username, role, is_staff in DEMO_USERS:
        user, was_created = user_model.objects.get_or_create(
            username=username,
            defaults={"is_staff": is_staff, "email": f"{username}@example.org"},
        )
        if was_created or reset_password:
            user.set_password(password)
            user.is_staff = is_staff
            user.is_active = True
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if was_created:
            created.append(username)
    return created


def _month(rng: random.Random, first: date, last: date) -> date:
    months = (last.year - first.year) * 12 + last.month - first.month
    offset = rng.randint(0, months)
    year, month = divmod(first.month - 1 + offset, 12)
    return date(first.year + year, month + 1, 1)


def _study_people(rng: random.Random) -> list[dict]:
    """Return 58 attribute sets: 51 men and 7 women from 17 countries, left 2014-01..2015-08."""
    countries = [code for code, count in content.COUNTRY_COUNTS for _ in range(count)]
    women = set(rng.sample(range(STUDY_SIZE), STUDY_WOMEN))
    people = []
    for index, country in enumerate(countries):
        languages = content.COUNTRY_LANGUAGES.get(country, ["en"])
        left = _month(rng, date(2014, 1, 1), date(2015, 8, 1))
        people.append(
            {
                "country": country,
                "language": languages[index % len(languages)],
                "gender": "female" if index in women else "male",
                "age_band": rng.choice(AGE_BANDS),
                "source_kind": rng.choice(SOURCE_KINDS),
                "left_on": left,
                "made_public_on": _month(rng, left, date(2016, 6, 1)),
            }
        )
    return people


def _vault_identity(n: int, gender: str) -> dict:
    """Realistic fictional vault values for sample ``n`` (combinations of demo.content lists).

    Made-up placeholders such as "Sample Alias 001" would turn ordinary words ("sample",
    "fictional") into vault values and raise findings all over the sample narratives.
    """
    given = content.VAULT_GIVEN[gender]
    first = given[n % len(given)]
    surname = content.VAULT_SURNAMES[(n * 7) % len(content.VAULT_SURNAMES)]
    son = content.VAULT_KUNYA_NAMES[(n * 5) % len(content.VAULT_KUNYA_NAMES)]
    town = content.VAULT_TOWNS[(n * 3) % len(content.VAULT_TOWNS)]
    kunya = f"{'Abu' if gender == 'male' else 'Umm'} {son}"
    return {
        "raw_text": f"Interview notes, session {n}: {first} {surname} spoke of leaving {town}.",
        "real_name": f"{first} {surname}",
        "aliases": content.VAULT_ALIASES[n % len(content.VAULT_ALIASES)],
        "kunya": kunya,
        "home_town": town,
        "contacts": f"{first.lower()}.{surname.lower()}{n:02d}@example.invalid",
    }


def _compose(language: str, sub_codes: list[str], rng: random.Random) -> tuple[str, dict]:
    """Return a narrative text and the (start, end) span of each sub-reason's sentence."""
    parts = [rng.choice(content.OPENINGS[language])]
    spans = {}
    position = len(parts[0]) + 1
    for code in sub_codes:
        sentence = content.SUB_REASON_SENTENCES[code][language]
        spans[code] = (position, position + len(sentence))
        parts.append(sentence)
        position += len(sentence) + 1
    parts.append(rng.choice(content.CLOSINGS[language]))
    return " ".join(parts), spans


def _status_for(index: int) -> str:
    # Most samples are approved, so excerpts and messages have material; some wait in review.
    if index % 10 == 7:
        return Narrative.Status.IN_REVIEW
    if index % 29 == 11:
        return Narrative.Status.DRAFT
    if index % 29 == 23:
        return Narrative.Status.CHANGES_REQUESTED
    return Narrative.Status.APPROVED


@transaction.atomic
def seed_study_narratives(count: int, users: dict) -> int:
    """Create the first ``count`` (at most 58) study-shaped samples that do not exist yet."""
    rng = random.Random(2015)  # noqa: S311 - sample data, not security  # nosec B311
    people = _study_people(rng)
    sub_reasons = list(Reason.objects.filter(parent__isnull=False).select_related("parent"))
    by_code = {reason.code: reason for reason in sub_reasons}
    wanted = {blind_index(SAMPLE_REF.format(n=n)): n for n in range(1, min(count, STUDY_SIZE) + 1)}
    existing = set(
        SourceRecord.objects.filter(external_ref_index__in=wanted).values_list(
            "external_ref_index", flat=True
        )
    )
    now = timezone.now()
    created = 0
    for index_key, n in sorted(wanted.items(), key=lambda item: item[1]):
        if index_key in existing:
            continue
        person = people[n - 1]
        own_rng = random.Random(n)  # noqa: S311 - sample data, not security  # nosec B311
        # Cycle through the sub-reasons so every one is represented, then add one or two more.
        primary = sub_reasons[(n - 1) % len(sub_reasons)]
        extra = own_rng.sample([r for r in sub_reasons if r != primary], own_rng.randint(0, 2))
        codes = [primary.code, *(r.code for r in extra)]
        text, spans = _compose(person["language"], codes, own_rng)
        status = _status_for(n)
        approved = status == Narrative.Status.APPROVED
        narrative = Narrative.objects.create(
            title=content.TITLES[person["language"]].format(n=n),
            text=text,
            status=status,
            is_sample=True,
            author=users["analyst"],
            approved_by=users["analyst2"] if approved else None,
            approved_at=now if approved else None,
            **person,
        )
        NarrativeReason.objects.bulk_create(
            NarrativeReason(narrative=narrative, reason=by_code[code], is_primary=i == 0)
            for i, code in enumerate(codes)
        )
        save_source_record(
            user=users["custodian"],
            source_record=SourceRecord(
                narrative=narrative,
                external_ref=SAMPLE_REF.format(n=n),
                **_vault_identity(n, person["gender"]),
                consent_scope="Fictional sample: demonstration use only.",
                consent_notes="Not a real person.",
            ),
        )
        if approved:
            start, end = spans[primary.code]
            excerpt = Excerpt.objects.create(
                narrative=narrative,
                start=start,
                end=end,
                text=text[start:end],
                status=Excerpt.Status.APPROVED,
                created_by=users["analyst"],
                approved_by=users["analyst2"],
                approved_at=now,
            )
            excerpt.reasons.set([r for r in (primary, primary.parent) if r is not None])
        created += 1
    return created


def _bulk_batches(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def seed_bulk_narratives(
    count: int, users: dict, progress: Callable[[int], None] | None = None
) -> int:
    """Add generated approved-mostly samples until ``count`` sample narratives exist."""
    missing = count - Narrative.objects.filter(is_sample=True).count()
    if missing <= 0:
        return 0
    rng = random.Random(count)  # noqa: S311 - sample data, not security  # nosec B311
    sub_reasons = list(Reason.objects.filter(parent__isnull=False).select_related("parent"))
    countries = [code for code, _ in content.COUNTRY_COUNTS] + ["US", "CA", "ES", "IT", "EG", "JO"]
    now = timezone.now()
    created = 0
    for batch_size in _bulk_batches(missing, 2000):
        with transaction.atomic():
            narratives, links, excerpts, excerpt_codes = [], [], [], []
            for _ in range(batch_size):
                country = rng.choice(countries)
                language = rng.choice(content.COUNTRY_LANGUAGES.get(country, ["en"]))
                codes = [r.code for r in rng.sample(sub_reasons, rng.randint(1, 3))]
                text, spans = _compose(language, codes, rng)
                left = _month(rng, date(2013, 6, 1), date(2017, 12, 1))
                made_public = left + timedelta(days=rng.randint(60, 900))
                approved = rng.random() < 0.85
                narrative = Narrative(
                    title=content.TITLES[language].format(n=rng.randint(100, 999)),
                    text=text,
                    language=language,
                    source_kind=rng.choice(SOURCE_KINDS),
                    gender="female" if rng.random() < 0.12 else "male",
                    age_band=rng.choice(AGE_BANDS),
                    country=country,
                    left_on=left,
                    made_public_on=made_public.replace(day=1),
                    status=Narrative.Status.APPROVED if approved else Narrative.Status.IN_REVIEW,
                    is_sample=True,
                    author=users["analyst"],
                    approved_by=users["analyst2"] if approved else None,
                    approved_at=now if approved else None,
                )
                narratives.append(narrative)
                links.append(codes)
                excerpts.append(spans[codes[0]] if approved else None)
                excerpt_codes.append(codes[0])
            Narrative.objects.bulk_create(narratives)
            by_code = {r.code: r for r in sub_reasons}
            NarrativeReason.objects.bulk_create(
                NarrativeReason(narrative=narrative, reason=by_code[code], is_primary=i == 0)
                for narrative, codes in zip(narratives, links, strict=True)
                for i, code in enumerate(codes)
            )
            new_excerpts = [
                Excerpt(
                    narrative=narrative,
                    start=span[0],
                    end=span[1],
                    text=narrative.text[span[0] : span[1]],
                    status=Excerpt.Status.APPROVED,
                    created_by=users["analyst"],
                    approved_by=users["analyst2"],
                    approved_at=now,
                )
                for narrative, span in zip(narratives, excerpts, strict=True)
                if span is not None
            ]
            Excerpt.objects.bulk_create(new_excerpts)
            codes_for_excerpts = [
                code for code, span in zip(excerpt_codes, excerpts, strict=True) if span
            ]
            through = Excerpt.reasons.through
            through.objects.bulk_create(
                through(excerpt_id=excerpt.pk, reason_id=by_code[code].pk)
                for excerpt, code in zip(new_excerpts, codes_for_excerpts, strict=True)
            )
        created += batch_size
        if progress:
            progress(batch_size)
    return created


@transaction.atomic
def seed_campaigns(users: dict) -> tuple[int, int]:
    """Create the two sample campaigns, their templates (a quote card, a carousel, a call to
    action), and their messages, if missing."""
    template, _ = VisualTemplate.objects.get_or_create(
        name="Sample quote card", defaults={"layout": VisualTemplate.Layout.QUOTE_CARD}
    )
    carousel, _ = VisualTemplate.objects.get_or_create(
        name="Sample carousel", defaults={"layout": VisualTemplate.Layout.CAROUSEL}
    )
    VisualTemplate.objects.get_or_create(
        name="Sample call to action",
        defaults={
            "layout": VisualTemplate.Layout.CTA_CARD,
            "background_color": "#F4F1EA",
            "text_color": "#1B1B1B",
            "accent_color": "#B3261E",
        },
    )
    campaigns_created = messages_created = 0
    for spec in content.CAMPAIGNS:
        fields = {k: v for k, v in spec.items() if k not in {"key", "messages"}}
        campaign, created = Campaign.objects.get_or_create(
            name=spec["name"],
            defaults={
                **fields,
                "owner": users["editor"],
                "is_sample": True,
                "starts_on": timezone.localdate(),
                "ends_on": timezone.localdate() + timedelta(days=90),
            },
        )
        campaigns_created += created
        for message_spec in spec["messages"]:
            if campaign.messages.filter(headline=message_spec["headline"]).exists():
                continue
            # Quote testimony in the message's own language where there is some.
            same_language = Case(
                When(narrative__language=message_spec["language"], then=Value(0)),
                default=Value(1),
            )
            reasons = message_spec.get("carousel_reasons") or [message_spec["reason"]]
            quoted: list[tuple[Excerpt, str]] = []
            for reason in reasons:
                found = (
                    Excerpt.objects.reusable()
                    .filter(reasons__code=reason)
                    .exclude(pk__in=[e.pk for e, _ in quoted])
                    .order_by(same_language, "pk")
                    .first()
                )
                if found is not None:
                    quoted.append((found, reason))
            message = Message.objects.create(
                campaign=campaign,
                language=message_spec["language"],
                headline=message_spec["headline"],
                body=message_spec["body"],
                cta_text=message_spec["cta_text"],
                cta_url=campaign.cta_url,
                alt_text=f"A card with the words: {message_spec['headline']}",
                template=carousel if "carousel_reasons" in message_spec else template,
                author=users["editor"],
                is_sample=True,
            )
            for position, (excerpt, reason) in enumerate(quoted):
                _translate_for(excerpt, message_spec["language"], reason, users)
                MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=position)
            _set_sample_status(message, message_spec.get("status", "draft"), users)
            # The worker renders them as soon as it starts.
            queue_renditions(message=message)
            if message.approved_at is not None:  # the sample's approval covers its cards
                message.renditions.update(approved_hash=F("content_hash"))
            messages_created += 1
    return campaigns_created, messages_created


def _translate_for(excerpt: Excerpt, language: str, reason: str, users: dict) -> None:
    """A sample quoting testimony in another language quotes its approved translation: an
    analyst writes it (the sample sentence for the same reason, in the message's language)
    and a second analyst approves it, through the review UI's services."""
    if excerpt.narrative.language == language or quote_in_language(excerpt, language):
        return
    saved = save_excerpt_translation(
        user=users["analyst"],
        excerpt=excerpt,
        language=language,
        text=content.SUB_REASON_SENTENCES[reason][language],
    )
    approve_translation(user=users["analyst2"], translation=saved.translation)


def _set_sample_status(message: Message, status: str, users: dict) -> None:
    """Put a sample message where the demo needs it: in review, approved, or live.

    A "live" sample is scheduled from an hour ago for a month: it is live at once, and the
    worker records its publication on its first sweep.
    """
    now = timezone.now()
    if status == "draft":
        return
    message.status = Message.Status.IN_REVIEW
    if status in {"approved", "live"}:
        # The reviewer's part, as an analyst does it: the sample's only findings are the
        # campaign's own help page, dismissed with a reason, so the editor can schedule it.
        message.save()
        # One at a time: a dismissal covers every finding of the same text.
        while findings := message_findings(message):
            finding = findings[0]
            dismiss_message_finding(
                user=users["analyst2"],
                message=message,
                field=finding.field,
                start=finding.start,
                end=finding.end,
                reason="The campaign's own help page, on example.org: it identifies nobody.",
            )
        message.status = Message.Status.APPROVED
        message.approved_by = users["analyst2"]
        message.approved_at = now
        message.leak_checked_at = now
    if status == "live":
        message.status = Message.Status.SCHEDULED
        message.publish_at = now - timedelta(hours=1)
        message.unpublish_at = now + timedelta(days=30)
    message.save()


# --- Experiments ------------------------------------------------------------------------------

DEMO_COUNT_SOURCE = "demo"


def seed_experiments(users: dict) -> int:
    """Create the sample experiments that do not exist yet (known by campaign and question),
    each through the services as the demo users would: the editor plans and submits, an
    analyst approves, the editor starts. One that cannot be set up (its messages are no
    longer approved, say) is left out; the rest of the demo stands."""
    created = 0
    for spec in content.EXPERIMENTS:
        campaign = Campaign.objects.filter(name=spec["campaign"], is_sample=True).first()
        if campaign is None or campaign.experiments.filter(question=spec["question"]).exists():
            continue
        try:
            with transaction.atomic():
                _seed_experiment(spec, campaign, users)
        except (experiment_services.ExperimentError, PermissionDenied, Message.DoesNotExist):
            continue
        created += 1
    return created


def _seed_experiment(spec: content.ExperimentSpec, campaign: Campaign, users: dict) -> None:
    editor, analyst = users["editor"], users["analyst"]
    running = spec["stage"] == "running"
    today = timezone.localdate()
    days = content.EXPERIMENT_DAYS
    experiment = experiment_services.create_experiment(
        user=editor,
        campaign=campaign,
        question=spec["question"],
        hypothesis=spec["hypothesis"],
        primary_outcome=spec["primary_outcome"],
        secondary_outcomes=spec["secondary_outcomes"],
        baseline_rate=spec["baseline_rate"],
        min_effect=spec["min_effect"],
        allocation=spec["allocation"],
        # Four weeks in all for the running one (two to go); eight from now for the next.
        planned_end=today + timedelta(days=days if running else 8 * 7),
    )
    for headline, weight in spec["variants"]:
        message = campaign.messages.get(headline=headline)
        experiment_services.add_variant(
            user=editor, experiment=experiment, message=message, weight=weight
        )
    experiment_services.submit_experiment_for_approval(user=editor, experiment=experiment)
    if not running:
        return  # in review: an analyst's to approve or send back
    experiment_services.approve_experiment(user=analyst, experiment=experiment)
    experiment_services.start_experiment(user=editor, experiment=experiment)
    # Started two weeks ago: its history moves back with it, in the order it happened.
    started = timezone.now() - timedelta(days=days)
    approved = started - timedelta(hours=4)
    experiment.refresh_from_db()
    frozen = {**experiment.plan_at_start, "approved_at": approved.isoformat()}
    Experiment.objects.filter(pk=experiment.pk).update(
        started_at=started, approved_at=approved, plan_at_start=frozen
    )
    changes = list(ExperimentChange.objects.filter(experiment=experiment).order_by("at", "pk"))
    for step, change in enumerate(reversed(changes)):
        ExperimentChange.objects.filter(pk=change.pk).update(
            at=started - timedelta(hours=step * 4 if step else 0)
        )
    experiment.refresh_from_db()
    experiment_services.record_experiment_counts(
        experiment=experiment,
        source=DEMO_COUNT_SOURCE,
        rows=_demo_counts(experiment, timezone.localdate(started), spec.get("rates") or []),
        actor=editor,
    )


def _demo_counts(
    experiment: Experiment, first: date, rates: list[tuple[float, float]]
) -> list[dict]:
    """Plausible daily counts per variant from ``first`` (its start) to yesterday:
    impressions that dip at the weekend, reach a share of them, clicks and help-line contacts
    at the variant's rate with noise."""
    rng = random.Random(18)  # noqa: S311 - sample data, not security  # nosec B311
    rows = []
    for offset in range(content.EXPERIMENT_DAYS):
        day = first + timedelta(days=offset)
        weekend = 0.7 if day.weekday() >= 5 else 1.0
        for variant, (click_rate, contact_rate) in zip(
            experiment.variants.order_by("position", "pk"), rates, strict=True
        ):
            impressions = int(rng.gauss(1800, 150) * weekend)
            rows.append(
                {
                    "variant": variant.key,
                    "day": day.isoformat(),
                    "impressions": impressions,
                    "reach": int(impressions * rng.uniform(0.72, 0.86)),
                    "cta_clicks": _noisy(rng, impressions, click_rate),
                    "helpline_contacts": _noisy(rng, impressions, contact_rate),
                }
            )
    return rows


def _noisy(rng: random.Random, trials: int, rate: float) -> int:
    """About ``trials * rate``, with the spread of a binomial count."""
    mean = trials * rate
    return max(0, min(trials, round(rng.gauss(mean, (mean * (1 - rate)) ** 0.5))))


def seed_demo(
    *,
    narratives: int = STUDY_SIZE,
    password: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    """Create whatever part of the demo data set is missing."""
    report = SeedReport()
    report.password, report.password_generated = resolve_demo_password(password)
    report.users_created = ensure_demo_users(report.password, reset_password=bool(password))
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[d[0] for d in DEMO_USERS])
    }
    report.narratives_created = seed_study_narratives(narratives, users)
    if progress:
        progress(report.narratives_created)
    report.narratives_created += seed_bulk_narratives(narratives, users, progress)
    report.campaigns_created, report.messages_created = seed_campaigns(users)
    report.experiments_created = seed_experiments(users)
    return report
