"""Time the partner API against a minimal hand-written Django view.

Run from the repository root: ``python bench/api.py [messages] [requests]``. Fills a temporary
SQLite database (or ``DATABASE_URL``) with 10,000 live messages, each with three ready
renditions and a quoted excerpt, then lists 100 of them through the whole stack (API key,
scope, throttle, checked parameters, serializers, ETag) and through a bare view that builds
the same JSON from the same database, in one process with Django's test client. Also times
the API-key check alone. The last line holds ``key=value`` pairs.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import types
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_tmp = tempfile.mkdtemp(prefix="bench-api-")
os.environ.setdefault("VAR_DIR", _tmp)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SCANNER_PRELOAD", "false")
os.environ.setdefault("API_RATE", "1000000/min")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_ROOT", _tmp)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.models import Campaign, Message, MessageExcerpt, Rendition  # noqa: E402
from narratives.models import Excerpt, ExcerptTranslation, Narrative  # noqa: E402
from narratives.selectors import attribution_for, disclosure_index  # noqa: E402
from partners import services  # noqa: E402
from partners.authentication import authenticate_key  # noqa: E402

PAGE = 100


def populate(n_messages: int) -> None:
    now = timezone.now()
    narratives = Narrative.objects.bulk_create(
        Narrative(
            title=f"Story {i}",
            text="I left because the promises were empty and the leaders were corrupt.",
            language="en",
            source_kind="interview",
            gender="male",
            age_band="25_34",
            country=["FR", "DE", "BE"][i % 3],
            left_on=date(2015, 1 + i % 6, 1),
            status="approved",
            approved_at=now,
        )
        for i in range(60)
    )
    excerpts = Excerpt.objects.bulk_create(
        Excerpt(narrative=n, start=0, end=14, text="I left because", status="approved")
        for n in narratives
    )
    ExcerptTranslation.objects.bulk_create(
        ExcerptTranslation(excerpt=e, language="fr", text="Je suis parti", status="approved")
        for e in excerpts
    )
    campaign = Campaign.objects.create(
        name="Bench", goal="prevent_joining", audience_stage="prevention", cta_text="Call"
    )
    messages = Message.objects.bulk_create(
        Message(
            campaign=campaign,
            language="en",
            headline=f"Headline {i}",
            body="The promises were empty.",
            alt_text="A quote card.",
            status="published",
            publish_at=now - timedelta(minutes=i + 1),
            leak_checked_at=now,  # found clean at approval: live only with a current check
        )
        for i in range(n_messages)
    )
    sizes = {"square": (1080, 1080), "landscape": (1200, 675), "story": (1080, 1920)}
    Rendition.objects.bulk_create(
        Rendition(
            message=m,
            format=fmt,
            input_hash="x",
            status="ready",
            file=f"renditions/{m.public_id}/{fmt}.png",
            mime_type="image/png",
            width=w,
            height=h,
        )
        for m in messages
        for fmt, (w, h) in sizes.items()
    )
    MessageExcerpt.objects.bulk_create(
        MessageExcerpt(message=m, excerpt=excerpts[i % len(excerpts)], position=0)
        for i, m in enumerate(messages)
    )


# --- The baseline: a plain view building the same JSON by hand ------------------------------


def _iso(value):
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def baseline_view(request):
    now = timezone.now()
    index = disclosure_index()
    messages = list(
        Message.objects.live(now)
        .select_related("campaign")
        .prefetch_related(
            Prefetch("renditions", queryset=Rendition.objects.order_by("format"), to_attr="all"),
            Prefetch(
                "excerpt_links",
                queryset=MessageExcerpt.objects.select_related("excerpt__narrative")
                .prefetch_related("excerpt__translations", "excerpt__reasons")
                .filter(excerpt__status="approved", excerpt__narrative__status="approved"),
                to_attr="links",
            ),
        )
        .order_by("-publish_at", "-pk")[:PAGE]
    )
    results = []
    for m in messages:
        ready = [r for r in m.all if r.status == "ready"]
        times = [m.updated_at, m.campaign.updated_at, *(r.updated_at for r in m.all)]
        times += [t for t in (m.publish_at, m.unpublish_at) if t is not None and t <= now]
        quotes = []
        reasons = set()
        for link in m.links:
            e = link.excerpt
            reasons.update(r.code for r in e.reasons.all())
            tr = {t.language: t.text for t in e.translations.all()}
            lang, text = (
                (m.language, tr[m.language]) if m.language in tr else (e.narrative.language, e.text)
            )
            quotes.append(
                {
                    "id": e.public_id,
                    "language": lang,
                    "text": text,
                    "attribution": attribution_for(e.narrative, m.language, index=index),
                }
            )
        results.append(
            {
                "id": m.public_id,
                "campaign": m.campaign.public_id,
                "language": m.language,
                "headline": m.headline,
                "body": m.body,
                "cta_text": m.cta_text or m.campaign.cta_text,
                "cta_url": m.cta_url or m.campaign.cta_url,
                "alt_text": m.alt_text,
                "publish_at": _iso(m.publish_at),
                "unpublish_at": _iso(m.unpublish_at),
                "changed_at": _iso(max(times)),
                "reasons": sorted(reasons),
                "excerpts": quotes,
                "renditions": [
                    {
                        "format": r.format,
                        "url": request.build_absolute_uri(r.file.url),
                        "mime_type": r.mime_type,
                        "width": r.width,
                        "height": r.height,
                        "alt_text": m.alt_text,
                    }
                    for r in ready
                ],
            }
        )
    return JsonResponse({"results": results})


urls = types.ModuleType("bench_api_urls")
urls.urlpatterns = [path("baseline/messages/", baseline_view), path("", include("config.urls"))]
sys.modules["bench_api_urls"] = urls


def rate(client: Client, url: str, requests: int, **headers) -> float:
    for _ in range(5):
        assert client.get(url, headers=headers).status_code == 200
    start = time.perf_counter()
    for _ in range(requests):
        client.get(url, headers=headers)
    return requests / (time.perf_counter() - start)


def main() -> None:
    n_messages = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    populate(n_messages)
    print(
        f"populated {n_messages} messages with 3 renditions each in {time.perf_counter() - start:.1f}s"
    )

    partner = services.create_partner(name="Bench partner")
    key = services.create_api_key(partner=partner, scopes=["read:messages"]).key
    auth = {"Authorization": f"Api-Key {key}"}
    api_url = f"/api/v1/messages/?ordering=-publish_at&page_size={PAGE}"

    with override_settings(ROOT_URLCONF="bench_api_urls"):
        client = Client(HTTP_HOST="localhost")
        api_body = client.get(api_url, headers=auth).json()["results"]
        base_body = client.get("/baseline/messages/").json()["results"]
        assert len(api_body) == PAGE
        same = json.dumps(api_body, sort_keys=True) == json.dumps(base_body, sort_keys=True)
        rounds_api, rounds_base = [], []
        for _ in range(3):  # interleaved, so drift hits both sides alike
            rounds_base.append(rate(client, "/baseline/messages/", requests))
            rounds_api.append(rate(client, api_url, requests, **auth))
    api_rps, base_rps = statistics.median(rounds_api), statistics.median(rounds_base)

    authenticate_key(key)
    samples = []
    for _ in range(2000):
        t0 = time.perf_counter()
        authenticate_key(key)
        samples.append(time.perf_counter() - t0)
    key_ms = statistics.median(samples) * 1000
    key_p99 = sorted(samples)[int(len(samples) * 0.99)] * 1000

    ratio = api_rps / base_rps
    print(f"same JSON from both: {same}")
    print(f"baseline view : {base_rps:8.1f} req/s  (100 of {n_messages} messages, hand-built JSON)")
    print(
        f"partner API   : {api_rps:8.1f} req/s  (key, scope, throttle, params, serializers, ETag)"
    )
    print(f"ratio         : {ratio:.2f} (goal >= 0.5)")
    print(f"API-key check : median {key_ms:.3f} ms, p99 {key_p99:.3f} ms (goal < 1 ms)")
    print(
        f"messages={n_messages} page={PAGE} baseline_rps={base_rps:.1f} api_rps={api_rps:.1f} "
        f"ratio={ratio:.2f} key_check_ms={key_ms:.3f} key_check_p99_ms={key_p99:.3f} "
        f"same_json={str(same).lower()}"
    )


if __name__ == "__main__":
    main()
