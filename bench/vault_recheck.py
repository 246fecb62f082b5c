"""What a vault write costs downstream: rechecking approved narratives and live messages.

Builds N approved narratives (each with its vault record, an approved excerpt and a French
translation of it) and M live messages quoting them, then adds a street name to one
record's raw text and times: the vault write itself, the narratives' recheck (every title,
text and translation against the new vault), and the messages' recheck (every outbound
text of every approved, scheduled and live message). The last line is key=value pairs.

    .venv/bin/python bench/vault_recheck.py [--narratives 1000] [--messages 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "In the second year the commanders took the best houses for themselves and the fighters "
    "were told to wait. The promises about salaries were empty; the leaders were corrupt, "
    "and what we saw done to civilians at the checkpoints made several of us decide to leave. "
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--narratives", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()

    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-vault-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["SCANNER_PRELOAD"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    # No broker or cache server needed: the rechecks are called directly below.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from campaigns import tasks as campaign_tasks
    from narratives import tasks as narrative_tasks

    campaign_tasks.recheck_messages_against_vault.delay = lambda: None
    narrative_tasks.recheck_narratives_against_vault.delay = lambda: None

    call_command("migrate", verbosity=0)
    from campaigns import services as campaign_services
    from campaigns.models import Message, MessageExcerpt
    from narratives import services as narrative_services
    from narratives.models import Excerpt, ExcerptTranslation, SourceRecord
    from tests.factories import (
        CampaignFactory,
        MessageFactory,
        NarrativeFactory,
        UserFactory,
        VisualTemplateFactory,
    )

    custodian = UserFactory(username="bench_custodian", role="Custodian", is_staff=True)
    text = PARAGRAPH * 8  # about 2,000 characters
    excerpts = []
    started = time.perf_counter()
    for n in range(args.narratives):
        street = " We met on Rue des Tanneurs." if n % 100 == 1 else ""
        narrative = NarrativeFactory(
            approved=True, title=f"Account {n}", text=f"{n}. {text}{street}"
        )
        record = SourceRecord(
            narrative=narrative,
            real_name=f"Benchperson Number{n}",
            aliases=f"benchalias{n}",
            raw_text=f"Interview {n}. {text}",
        )
        narrative_services.save_source_record(user=custodian, source_record=record)
        start = len(f"{n}. ")
        excerpt = Excerpt.objects.create(
            narrative=narrative,
            start=start,
            end=start + 200,
            text=narrative.text[start : start + 200],
            status=Excerpt.Status.APPROVED,
        )
        ExcerptTranslation.objects.create(
            excerpt=excerpt, language="fr", text="Les promesses étaient vides. " * 6
        )
        excerpts.append(excerpt)
    campaign, template = CampaignFactory(), VisualTemplateFactory()
    for n in range(args.messages):
        message = MessageFactory(
            campaign=campaign,
            template=template,
            status="published",
            publish_at=timezone.now() - timedelta(hours=1),
            headline=f"Meet on Rue des Tanneurs {n}" if n % 50 == 1 else f"Message {n}",
        )
        MessageExcerpt.objects.create(message=message, excerpt=excerpts[n % len(excerpts)])
    seed_s = time.perf_counter() - started

    record = SourceRecord.objects.order_by("pk").first()
    record.raw_text += " He lived on Rue des Tanneurs, above the bakery."
    started = time.perf_counter()
    narrative_services.save_source_record(user=custodian, source_record=record)
    write_ms = (time.perf_counter() - started) * 1000
    hidden = Message.objects.live(timezone.now()).count()  # all wait for their recheck

    started = time.perf_counter()
    returned = narrative_services.recheck_narratives_against_vault()
    narratives_s = time.perf_counter() - started
    started = time.perf_counter()
    withdrawn = campaign_services.recheck_messages_against_vault()
    messages_s = time.perf_counter() - started
    live_after = Message.objects.live(timezone.now()).count()
    started = time.perf_counter()
    narrative_services.recheck_narratives_against_vault()
    warm_s = time.perf_counter() - started
    # What the API does per response: the excerpts' own texts against the vault, no cache.
    from narratives import selectors

    selectors._match_cache["version"] = None
    all_excerpts = list(Excerpt.objects.all())
    started = time.perf_counter()
    servable = selectors.servable_excerpts(all_excerpts)
    excerpts_s = time.perf_counter() - started

    print(
        f"narratives={args.narratives} excerpts={len(excerpts)} translations={len(excerpts)} "
        f"messages={args.messages} seed_s={seed_s:.1f} vault_write_ms={write_ms:.1f} "
        f"live_before_recheck={hidden} narrative_recheck_s={narratives_s:.2f} "
        f"narrative_recheck_warm_s={warm_s:.2f} narratives_returned={returned} "
        f"message_recheck_s={messages_s:.2f} messages_withdrawn={withdrawn} "
        f"live_after_recheck={live_after} excerpt_scan_ms={excerpts_s * 1000:.1f} "
        f"excerpts_servable={len(servable)}"
    )


if __name__ == "__main__":
    main()
