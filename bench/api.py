"""Time the partner API at scale, against a minimal hand-written Django view.

Run from the repository root: ``python bench/api.py [--messages N] [--scale M] [--requests R]
[--postgres]``. Measures the default deployment (the leak scanner's gazetteer preloaded, as
gunicorn's workers have it). Fills a temporary SQLite database (``--postgres``: a throwaway
database on 127.0.0.1:5432; or ``DATABASE_URL``) with N live messages (10,000), each with three
ready renditions and a quoted excerpt, and times, in one process with Django's test client:

* a list of 100 through the whole stack (API key, scope, throttle, checked parameters,
  serializers, ETag) against a bare view building the same JSON from the same database
  (``list_ratio``), and one message's detail likewise (``detail_ratio``); interleaved rounds;
* p50 and p99 of the API list over every timed request (``p99_over_p50``), and the full
  collections run during those requests (``full_gc_per_100_lists``, ``full_gc_max_ms``; the
  baseline's leftover cycles are collected after each of its rounds, not in the API's);
* the changes feed in pages of 500 (``feed_pages_per_s``);
* the cyclic garbage one list request and one detail leave (what ``gc.collect()`` finds
  after it; ``cyclic_garbage_per_list``, ``cyclic_garbage_per_detail``);
* then copies the messages in SQL up to M (1,000,000) and times the same list page again:
  ``scale_ratio`` is the page time at M over that at N. Query plans of the list, of
  ``ordering=-publish_at``, of the filters and of the feed are printed at M (``!!`` marks a
  sort, a pass over every message or a per-row subquery).

The last line holds ``key=value`` pairs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import sys
import tempfile
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ARGS = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ARGS.add_argument("--messages", type=int, default=10_000)
ARGS.add_argument("--scale", type=int, default=1_000_000, help="messages for scale_ratio")
ARGS.add_argument("--requests", type=int, default=334, help="per round; 3 rounds")
ARGS.add_argument("--postgres", action="store_true", help="a throwaway database on :5432")
ARGS.add_argument(
    "--gc-threshold",
    default=None,
    help="the collector's thresholds, e.g. 700,10,10 (default: gunicorn.conf.py's post_fork)",
)
OPTIONS = ARGS.parse_args()

_tmp = tempfile.mkdtemp(prefix="bench-api-")
_PG_NAME = f"bench_api_{os.getpid()}"
_PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
if OPTIONS.postgres:
    import psycopg

    with psycopg.connect(_PG_SERVER + "postgres", autocommit=True) as pg:
        pg.execute(f"CREATE DATABASE {_PG_NAME}")  # nosec B608 - bench only: a pid
    os.environ["DATABASE_URL"] = _PG_SERVER + _PG_NAME
os.environ.setdefault("VAR_DIR", _tmp)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("API_RATE", "1000000/min")
os.environ.setdefault("API_CHANGES_SETTLE_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_ROOT", os.path.join(_tmp, "static"))

import django  # noqa: E402

django.setup()

import api_data  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.media import rendition_url  # noqa: E402
from campaigns.models import Message, MessageExcerpt, Rendition  # noqa: E402
from core.planner import refresh_planner_statistics  # noqa: E402
from narratives.selectors import attribution_for, disclosure_index  # noqa: E402
from partners import services  # noqa: E402

PAGE = 100


# --- The baseline: plain views building the same JSON by hand ------------------------------


def _iso(value):
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def _baseline_messages(now, **filters):
    return (
        Message.objects.live(now)
        .filter(**filters)
        .select_related("campaign")
        .prefetch_related(
            Prefetch(
                "renditions", queryset=Rendition.objects.order_by("format", "slide"), to_attr="all"
            ),
            Prefetch(
                "excerpt_links",
                queryset=MessageExcerpt.objects.select_related("excerpt__narrative")
                .prefetch_related("excerpt__translations", "excerpt__reasons")
                .filter(excerpt__status="approved", excerpt__narrative__status="approved"),
                to_attr="links",
            ),
        )
        .order_by("-publish_at", "-pk")
    )


def _baseline_json(request, m, now, index):
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
    return {
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
                "slide": r.slide,
                "url": request.build_absolute_uri(rendition_url(r)),
                "mime_type": r.mime_type,
                "width": r.width,
                "height": r.height,
                "alt_text": m.alt_text,
            }
            for r in ready
        ],
    }


def baseline_view(request):
    now, index = timezone.now(), disclosure_index()
    messages = _baseline_messages(now)[:PAGE]
    return JsonResponse({"results": [_baseline_json(request, m, now, index) for m in messages]})


def baseline_detail(request, public_id):
    now, index = timezone.now(), disclosure_index()
    m = _baseline_messages(now, public_id=public_id).first()
    return JsonResponse(_baseline_json(request, m, now, index))


urls = types.ModuleType("bench_api_urls")
urls.urlpatterns = [
    path("baseline/messages/", baseline_view),
    path("baseline/messages/<str:public_id>/", baseline_detail),
    path("", include("config.urls")),
]
sys.modules["bench_api_urls"] = urls


class OnCpu:
    """Nanoseconds this thread and the database's server process (PostgreSQL on this machine)
    spent on a CPU, and waiting in the run queue for one, from ``/proc/*/schedstat``.

    A request's time on a CPU is its own cost, collector pauses included; the run-queue wait
    is what other programs on a busy machine add. ``p99_over_p50`` is of the wall times, as
    the issue asks; ``p99_over_p50_on_cpu`` shows the tail the code itself has, whatever else
    the machine runs, and ``run_queue_ms_per_request`` how contended the machine was.
    """

    def __init__(self) -> None:
        self.own = Path("/proc/thread-self/schedstat")
        self.available = self.own.exists()
        self.server_seen = False

    def _server(self) -> Path | None:
        """The schedstat of the PostgreSQL server process serving this connection, if it
        runs on this machine (CONN_MAX_AGE reconnects now and then: looked up each time)."""
        if connection.vendor != "postgresql":
            return None
        # A server on DATABASE_URL's other host: its pid may name an unrelated process here.
        if connection.settings_dict.get("HOST", "") not in LOCAL_HOSTS:
            return None
        pid = getattr(getattr(connection.connection, "info", None), "backend_pid", None)
        return None if pid is None else Path(f"/proc/{pid}/schedstat")

    def read(self) -> tuple[int, int, Path | None]:
        if not self.available:
            return 0, 0, None
        server = self._server()
        on_cpu = waited = 0
        for stat in (self.own, server):
            if stat is None:
                continue
            try:
                fields = stat.read_text().split()
            except OSError:  # the server process ended (a reconnect): not counted
                continue
            on_cpu += int(fields[0])
            waited += int(fields[1])
            self.server_seen = self.server_seen or stat is server
        return on_cpu, waited, server


LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
ON_CPU = OnCpu()


@dataclass
class Samples:
    """Seconds per request: wall, on a CPU, and waiting in the run queue."""

    wall: list[float] = field(default_factory=list)
    on_cpu: list[float] = field(default_factory=list)
    waited: list[float] = field(default_factory=list)

    def __iadd__(self, other: Samples) -> Samples:
        self.wall += other.wall
        self.on_cpu += other.on_cpu
        self.waited += other.waited
        return self


def timed(client: Client, url: str, requests: int, **headers) -> Samples:
    """Times of ``requests`` GETs of ``url``, after five to warm up."""
    for _ in range(5):
        assert client.get(url, headers=headers).status_code == 200
    samples = Samples()
    for _ in range(requests):
        cpu0, wait0, server0 = ON_CPU.read()
        t0 = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.wall.append(time.perf_counter() - t0)
        cpu1, wait1, server1 = ON_CPU.read()
        if server0 == server1:  # not across a reconnect (another server process)
            samples.on_cpu.append((cpu1 - cpu0) / 1e9)
            samples.waited.append((wait1 - wait0) / 1e9)
        # The test client's own reference cycle (response.json, a partial holding the
        # response): left in, it hands every response to the collector, which no server does.
        del response.json
    return samples


def p50_p99(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), sorted(values)[int(len(values) * 0.99)]


class FullCollections:
    """The pauses of the full (generation 2) collections run while :meth:`recording`."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)

    @contextlib.contextmanager
    def recording(self):
        gc.callbacks.append(self)
        try:
            yield
        finally:
            gc.callbacks.remove(self)


def ratio(
    client: Client, api: str, base: str, requests: int, auth
) -> tuple[float, Samples, list[float]]:
    """API throughput over the baseline's, medians of three interleaved rounds; the API's
    request times and the pauses of the full collections run during its rounds."""
    api_rounds: list[float] = []
    base_rounds: list[float] = []
    api_samples = Samples()
    full = FullCollections()
    for _ in range(3):  # interleaved, so drift hits both sides alike
        base_rounds.append(requests / sum(timed(client, base, requests).wall))
        # The baseline's model graphs are reference cycles that outlive its round: left in,
        # the first full collection of the API's round walks them (seconds, at load), which
        # no server running only the API would. Its round pays what it triggered itself.
        gc.collect()
        with full.recording():
            samples = timed(client, api, requests, **auth)
        api_rounds.append(requests / sum(samples.wall))
        api_samples += samples
    return statistics.median(api_rounds) / statistics.median(base_rounds), api_samples, full.pauses


def same_json(client: Client, api: str, base: str, auth) -> bool:
    api_body = client.get(api, headers=auth).json()
    base_body = client.get(base).json()
    api_body, base_body = api_body.get("results", api_body), base_body.get("results", base_body)
    same = json.dumps(api_body, sort_keys=True) == json.dumps(base_body, sort_keys=True)
    if not same:
        first_api = api_body[0] if isinstance(api_body, list) else api_body
        first_base = base_body[0] if isinstance(base_body, list) else base_body
        differ = sorted(k for k in first_api if first_api.get(k) != first_base.get(k))
        print(f"{api}: differs from the baseline in {differ or 'order'}")
    return same


def cyclic_garbage(client: Client, url: str, auth) -> int:
    """Objects in reference cycles one request leaves (what the collector has to find), as
    tests/api/test_gc_garbage.py counts them."""

    def get() -> None:
        response = client.get(url, headers=auth)
        assert response.status_code == 200
        # The test client's own cycle (a partial holding the response): not the API's.
        del response.json

    get()
    gc.collect()
    gc.disable()
    try:
        get()
        return gc.collect()
    finally:
        gc.enable()


def feed_rate(client: Client, auth, max_pages: int) -> float:
    """Pages of 500 of the changes feed per second, walking from the start."""
    url, pages, cursor = "/api/v1/changes/?page_size=500", 0, None
    start = time.perf_counter()
    while pages < max_pages:
        body = client.get(url + (f"&cursor={cursor}" if cursor else ""), headers=auth).json()
        pages += 1
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    return pages / (time.perf_counter() - start)


def page_time(client: Client, url: str, requests: int, auth) -> float:
    return statistics.median(timed(client, url, requests, **auth).wall)


def print_plans(client: Client, auth) -> int:
    reason = api_data.REASON_CODE
    bad_total = 0
    for label, url in [
        ("list", f"/api/v1/messages/?page_size={PAGE}"),
        ("ordering=-publish_at", f"/api/v1/messages/?ordering=-publish_at&page_size={PAGE}"),
        ("language=fr", f"/api/v1/messages/?language=fr&page_size={PAGE}"),
        (f"reason={reason}", f"/api/v1/messages/?reason={reason}&page_size={PAGE}"),
        ("changes feed", "/api/v1/changes/?page_size=500"),
    ]:
        lines, bad = api_data.plans(client, url, auth)
        bad_total += bad
        print(f"plan: {label} ({connection.vendor}), {bad} bad line(s)")
        print("\n".join(lines))
    return bad_total


def worker_gc_threshold() -> tuple[int, ...]:
    """The thresholds a gunicorn worker sets in post_fork (or ``--gc-threshold``)."""
    if OPTIONS.gc_threshold:
        return tuple(int(part) for part in OPTIONS.gc_threshold.split(","))
    import runpy

    return tuple(runpy.run_path(str(ROOT / "gunicorn.conf.py"))["WORKER_GC_THRESHOLD"])


def main() -> None:
    n_messages, requests = OPTIONS.messages, OPTIONS.requests
    if settings.SCANNER_PRELOAD:  # as config/wsgi.py and gunicorn's worker_init do
        from narratives.anonymize import preload

        preload()
        gc.freeze()  # as config/wsgi.py does after the preload
    redis_server = api_data.start_redis()
    try:
        run(n_messages, requests)
    finally:
        if redis_server is not None:
            redis_server.terminate()
            redis_server.wait(10)


def fresh_statistics() -> None:
    """The planner's statistics as a running deployment has them: SQLite's from beat
    (core.planner), PostgreSQL's from autovacuum (here at once, by ANALYZE)."""
    start = time.perf_counter()
    if not refresh_planner_statistics():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"planner statistics refreshed in {time.perf_counter() - start:.1f}s")


def run(n_messages: int, requests: int) -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    api_data.populate(n_messages)
    print(f"populated {n_messages} messages in {time.perf_counter() - start:.1f}s")
    fresh_statistics()

    partner = services.create_partner(name="Bench partner")
    scopes = ["read:messages", "read:narratives", "read:excerpts"]
    key = services.create_api_key(partner=partner, scopes=scopes).key
    auth = {"Authorization": f"Api-Key {key}"}
    api_list = f"/api/v1/messages/?ordering=-publish_at&page_size={PAGE}"
    one = Message.objects.order_by("-publish_at", "-pk").values_list("public_id", flat=True)[0]
    api_detail = f"/api/v1/messages/{one}/"
    # A worker starts with its start-up frozen (gunicorn.conf.py's pre_fork); migrating and
    # filling the database are this process's start-up, so they are frozen likewise.
    gc.collect()
    gc.freeze()
    threshold = worker_gc_threshold()
    gc.set_threshold(*threshold)  # as gunicorn.conf.py's post_fork does
    print(f"collector thresholds {threshold}")

    with override_settings(ROOT_URLCONF="bench_api_urls"):
        client = Client(HTTP_HOST="localhost")
        same = same_json(client, api_list, "/baseline/messages/", auth)
        same = same and same_json(client, api_detail, f"/baseline/messages/{one}/", auth)
        list_ratio, samples, pauses = ratio(client, api_list, "/baseline/messages/", requests, auth)
        detail_ratio, _, _ = ratio(client, api_detail, f"/baseline/messages/{one}/", requests, auth)
        garbage = cyclic_garbage(client, api_list, auth)
        detail_garbage = cyclic_garbage(client, api_detail, auth)
        feed = feed_rate(client, auth, max_pages=20)
        small = page_time(client, api_list, 30, auth)
        default_small = page_time(client, f"/api/v1/messages/?page_size={PAGE}", 30, auth)

        start = time.perf_counter()
        api_data.grow(n_messages, OPTIONS.scale, analyze=False)
        total = Message.objects.count()
        print(f"grew to {total} messages in {time.perf_counter() - start:.1f}s")
        fresh_statistics()
        bad_plans = print_plans(client, auth)
        large = page_time(client, api_list, 30, auth)
        default_large = page_time(client, f"/api/v1/messages/?page_size={PAGE}", 30, auth)
        feed_large = feed_rate(client, auth, max_pages=10)

    p50, p99 = p50_p99(samples.wall)
    cpu_p50, cpu_p99 = p50_p99(samples.on_cpu) if samples.on_cpu else (0.0, 0.0)
    tail_on_cpu = cpu_p99 / cpu_p50 if cpu_p50 > 0 else 0.0
    run_queue_ms = statistics.mean(samples.waited) * 1000 if samples.waited else 0.0
    scale_ratio = max(large / small, default_large / default_small)
    print(f"same JSON as the baseline (list and detail): {same}")
    print(f"list ratio {list_ratio:.2f}, detail ratio {detail_ratio:.2f} (goal >= 0.8)")
    measured = "this process and the database server" if ON_CPU.server_seen else "this process"
    print(
        f"list p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms over {len(samples.wall)} "
        f"requests; on a CPU ({measured}): p99/p50 {tail_on_cpu:.2f}; waiting for a CPU "
        f"{run_queue_ms:.2f} ms a request (other programs' load: above ~0.5 ms the wall-time "
        "tail is theirs)"
    )
    longest = max(pauses, default=0.0) * 1000
    paused = sum(pauses) * 1000 * 100 / len(samples.wall)
    print(
        f"full collections in those requests: {len(pauses)}, the longest {longest:.1f} ms, "
        f"{paused:.1f} ms in all per 100 lists"
    )
    print(
        f"page at {n_messages}: {small * 1000:.1f} ms (-publish_at), "
        f"{default_small * 1000:.1f} ms (default); at {total}: {large * 1000:.1f} ms, "
        f"{default_large * 1000:.1f} ms (goal <= 1.2x)"
    )
    print(f"changes feed: {feed:.1f} pages of 500/s at {n_messages}, {feed_large:.1f} at {total}")
    print(
        f"cyclic garbage after one list request: {garbage} objects, after a detail: "
        f"{detail_garbage} (goal: under 1 % of the 6,442 a list left before)"
    )
    print(
        f"db={connection.vendor} messages={n_messages} scale={total} preload="
        f"{str(settings.SCANNER_PRELOAD).lower()} same_json={str(same).lower()} "
        f"cyclic_garbage={garbage} bad_plan_lines={bad_plans} p50_ms={p50 * 1000:.1f}"
    )
    print(
        f"list_ratio={list_ratio:.2f} detail_ratio={detail_ratio:.2f} "
        f"scale_ratio={scale_ratio:.2f} p99_over_p50={p99 / p50:.2f} "
        f"feed_pages_per_s={min(feed, feed_large):.1f} cyclic_garbage_per_list={garbage} "
        f"cyclic_garbage_per_detail={detail_garbage} "
        f"full_gc_per_100_lists={len(pauses) * 100 / len(samples.wall):.1f} "
        f"full_gc_max_ms={longest:.1f} "
        f"full_gc_ms_per_100_lists={paused:.1f} p99_over_p50_on_cpu={tail_on_cpu:.2f} "
        f"run_queue_ms_per_request={run_queue_ms:.2f}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        if OPTIONS.postgres:
            connection.close()
            with psycopg.connect(_PG_SERVER + "postgres", autocommit=True) as pg:
                pg.execute(f"DROP DATABASE IF EXISTS {_PG_NAME}")  # nosec B608 - bench only
