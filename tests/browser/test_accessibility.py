"""Every page each role uses, in French and Arabic, checked with axe-core in Chromium.

One browser context per role and language: it opens the login page, signs in once through the
form, then walks the role's pages and runs axe-core (``axe-playwright-python`` bundles it) on
each. The data is seeded once for all the walks. Each page is checked once per language: the
analyst, the editor and the custodian walk all their pages with their own permissions, then the
superuser walks only the pages none of them reached (the admin of users, groups, API keys,
login logs, change forms the others may not open). English gets one smoke check of the login
page. A violation of impact *serious* or *critical* fails the test, listed with its rule id,
its targets and the page. The pages come from the URL conf and the admin registry, so a new
view or a newly registered model is walked without touching this file; a URL argument this
file has no sample for fails the test until one is added to ``url_samples``.

Screenshots of every page (the viewport) go to ``test-artifacts/screenshots/<role>/<language>/``, taken
before the check so a failing page has one too; each walk's findings (every impact) go to
``test-artifacts/accessibility/<role>-<language>.json``.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from campaigns.models import Experiment, Message, PublishEvent, Rendition
from core import audit, revisions
from core.models import Notice, PrivilegeRequest, Revision
from demo.seed import seed_demo
from narratives.models import Narrative, SourceRecord, VaultAccess
from partners import services as partner_services
from partners.models import MetricReport, WebhookDelivery
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"en": "en-GB", "fr": "fr-FR", "ar": "ar"}
WALKED = ("fr", "ar")  # issue 16: each role in French and in Arabic
# The demo data set's users, and a superuser for the admin role.
ROLE_USERS = {"analyst": "analyst", "editor": "editor", "custodian": "custodian", "admin": "t_root"}
BLOCKING = frozenset({"serious", "critical"})
# Pages each role must have reached (status 200), so a walk that lost its way (a failed login,
# a broken URL conf) cannot pass by checking nothing.
MUST_REACH = {
    "analyst": [
        "/review/",
        "/review/dashboard/",
        "/review/messages/",
        "/review/messages/calendar/",
    ],
    "editor": ["/admin/", "/admin/campaigns/message/", "/admin/campaigns/message/add/"],
    "custodian": ["/admin/narratives/sourcerecord/", "/admin/narratives/sourcerecord/add/"],
    # Only the pages no other role reaches: the superuser's walk skips the rest.
    "admin": ["/admin/core/user/", "/admin/auth/group/", "/admin/partners/apikey/"],
}
SCREENSHOTS = ARTIFACTS / "screenshots"
REPORTS = ARTIFACTS / "accessibility"
# Not pages a person reads: the partner API (JSON; its Swagger UI is the partners' developers'
# tool, not a role's page), media by lookup (images), the health check, the language switch
# (a POST), and the admin's own JSON and script endpoints.
NOT_PAGES = ("/api/", "/media/", "/healthz", "/i18n/", "/admin/jsi18n/", "/admin/autocomplete/")
# The admin's per-object pages, walked from the registry; other admin URLs are extra views.
ADMIN_SUFFIXES = ("_changelist", "_add", "_change", "_history", "_delete")
AXE = Axe()
# axe-core in every page of a walk's context, once, rather than sent with every check; only
# violations come back (every rule still runs).
AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"


@dataclass
class Walk:
    role: str
    language: str
    page: Page
    visited: dict[str, int] = field(default_factory=dict)  # path -> status
    statuses_seen: set[int] = field(default_factory=set)
    not_pages: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    # Pages and error statuses an earlier walk in this language already checked.
    done: set[str] = field(default_factory=set)
    done_statuses: set[int] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def timed(self, step: str, started: float) -> None:
        self.seconds[step] += time.perf_counter() - started

    def check(self, path: str, *, name: str | None = None, probe: bool = True) -> None:
        """Open ``path``; screenshot it and run axe on it, if it is a page not yet checked.

        ``probe`` asks first, with the context's cookies, whether the answer is a page at
        all: Chromium shows no empty answer (a 405 from a POST-only view) and no download.
        The admin registry's own pages are pages; they skip the second request.
        """
        if path in self.done:
            return
        if probe:
            started = time.perf_counter()
            answer = self.page.request.get(path)
            self.timed("probe", started)
            kind = answer.headers.get("content-type", "")
            if not kind.startswith("text/html") or answer.status == 405 or not answer.body():
                self.not_pages[path] = f"{answer.status} {kind or 'no content type'}"
                return
        started = time.perf_counter()
        response = self.page.goto(path)
        self.timed("load", started)
        assert response is not None, path
        status = response.status
        final = re.sub(r"^https?://[^/]+", "", self.page.url).split("?")[0]
        # One check per page reached: redirects lead to pages already checked, and an error
        # page looks the same whichever URL led to it.
        seen = self.statuses_seen | self.done_statuses
        if final in self.visited or final in self.done or (status >= 400 and status in seen):
            return
        self.visited[final] = status
        if status >= 500:
            self.failures.append(f"{path}: answered {status}")
        if status >= 400:
            self.statuses_seen.add(status)
        slug = name or (final.strip("/").replace("/", "_") or "root")
        if status >= 400:
            slug = f"{slug}.{status}"
        self.run_axe(final, slug)

    def screenshot(self, path: Path, where: str) -> None:
        """A picture of the page for people reading the artifacts, not part of the check:
        Chromium under load can fail to capture one ("Unable to capture screenshot"), so it
        is tried twice and a miss is printed, never counted as a failure of the page."""
        for attempt in range(2):
            try:
                self.page.screenshot(path=str(path))
                return
            except PlaywrightError as error:
                if attempt:
                    print(f"screenshot not taken of {where}: {error.message.splitlines()[0]}")
                else:
                    self.page.wait_for_timeout(500)

    def run_axe(self, where: str, slug: str) -> None:
        folder = SCREENSHOTS / self.role / self.language
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self.screenshot(folder / f"{slug[:150]}.png", where)
        self.timed("screenshot", started)
        html = self.page.locator("html")
        lang, direction = html.get_attribute("lang"), html.get_attribute("dir")
        if lang != self.language:
            self.failures.append(f"{where}: <html lang={lang!r}>, expected {self.language!r}")
        wanted = "rtl" if self.language == "ar" else "ltr"
        if (direction or "ltr") != wanted:
            self.failures.append(f"{where}: <html dir={direction!r}>, expected {wanted!r}")
        started = time.perf_counter()
        results = self.page.evaluate(AXE_RUN)
        self.timed("axe", started)
        for violation in results["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            self.findings.append(
                {
                    "page": where,
                    "rule": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "targets": targets,
                }
            )
            if violation["impact"] in BLOCKING:
                shown = "; ".join(targets[:5]) + (" …" if len(targets) > 5 else "")
                self.failures.append(
                    f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}"
                    f" at {shown}"
                )

    def report(self) -> None:
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{self.role}-{self.language}.json").write_text(
            json.dumps(
                {
                    "pages": self.visited,
                    "not_pages": self.not_pages,
                    "seconds": {step: round(s, 1) for step, s in self.seconds.items()},
                    "findings": self.findings,
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )


# --- The data every page is shown with ---------------------------------------------------------


@pytest.fixture
def site(reasons):
    """The demo data set (narratives in every status, campaigns, messages, translations), a
    superuser, and a row of every other registered model, so each change form has an object."""
    seed_demo(narratives=12, password=PASSWORD)
    root = UserFactory(username="t_root", is_staff=True, is_superuser=True)
    custodian = get_user_model().objects.get(username="custodian")
    record = SourceRecord.objects.select_related("narrative").order_by("pk").first()
    message = Message.objects.order_by("pk").first()
    assert record is not None and message is not None
    now = timezone.now()
    audit.record(action="narrative.approved", actor=root, target=record.narrative)
    VaultAccess.objects.create(
        source_record=record,
        narrative_public_id=record.narrative.public_id,
        user=custodian,
        username=custodian.get_username(),
        action=VaultAccess.Action.VIEW,
    )
    PrivilegeRequest.objects.create(user=custodian, grant="superuser", requested_by=root)
    TOTPDevice.objects.create(user=root, name="phone", confirmed=True)
    AccessAttempt.objects.create(
        username="someone",
        ip_address="127.0.0.1",
        user_agent="Chromium",
        path_info="/admin/login/",
        failures_since_start=1,
    )
    AccessLog.objects.create(
        username="editor", ip_address="127.0.0.1", user_agent="Chromium", path_info="/admin/login/"
    )
    AccessFailureLog.objects.create(
        username="someone",
        ip_address="127.0.0.1",
        user_agent="Chromium",
        path_info="/admin/login/",
        locked_out=False,
    )
    PublishEvent.objects.create(
        message=message, kind="publish", scheduled_for=now - timedelta(hours=1), occurred_at=now
    )
    if not Rendition.objects.exists():
        Rendition.objects.create(message=message, format="square", input_hash="0" * 64)
    partner = partner_services.create_partner(name="Sample partner", actor=root)
    partner_services.create_api_key(
        partner=partner, scopes=["read:messages"], name="reader", actor=root
    )
    MetricReport.objects.create(partner=partner, message=message, day=now.date(), impressions=10)
    WebhookDelivery.objects.create(
        partner=partner,
        event=WebhookDelivery.Event.PING,
        object_id=partner.public_id,
        payload={"event": "ping"},
        next_attempt_at=now,
    )
    return {"root": root}


def url_samples() -> dict[str, list[str]]:
    """A value for each URL argument, by ``namespace:argument``; several give several pages.
    A key ``namespace:argument@segment/`` is for the routes with that segment (the
    experiments' pages under the message review take experiment ids, not message ids).

    A narrative, a message and an experiment of each status in the data: their pages differ
    by status.
    """
    narratives = {n.status: n.public_id for n in Narrative.objects.order_by("-pk")}
    messages = {m.status: m.public_id for m in Message.objects.order_by("-pk")}
    experiments = {e.status: e.public_id for e in Experiment.objects.order_by("-pk")}
    assert {"running", "in_review"} <= set(experiments), "the demo's experiments are missing"
    excerpt = Narrative.objects.filter(excerpts__isnull=False).first()
    assert excerpt is not None
    notice = Notice.objects.order_by("pk").first() or Notice.objects.create(
        recipient=get_user_model().objects.order_by("pk").first(),
        kind=Notice.Kind.SUBMITTED,
        noun="narrative",
        object_ref=sorted(narratives.values())[0],
        url="/review/",
    )
    revision = Revision.objects.order_by("pk").first() or revisions.ensure_baseline(
        Narrative.objects.order_by("pk").first()
    )
    assert revision is not None
    return {
        # (marking a notice read and reverting answer POST only: recorded as no pages)
        ":pk": [str(notice.pk)],
        "review:revision_id": [str(revision.pk)],
        "review:public_id": sorted(narratives.values()),
        "review:excerpt_id": [excerpt.excerpts.first().public_id],
        "review:language": ["fr"],
        "message_review:public_id": sorted(messages.values()),
        "message_review:public_id@experiments/": sorted(experiments.values()),
        ":token": ["no-such-link"],
    }


# --- The pages, from the URL conf and the admin registry ----------------------------------------


def _routes(resolver: URLResolver, namespace: str = "", prefix: str = "", args=()):
    for entry in resolver.url_patterns:
        converters = tuple(getattr(entry.pattern, "converters", {}))
        route = prefix + str(entry.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _routes(entry, inner, route, args + converters)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry.name, route, args + converters


def site_paths() -> list[str]:
    """Every named URL outside the admin, with each sample of its arguments."""
    samples = url_samples()
    paths: list[str] = []
    for namespace, name, route, arguments in _routes(get_resolver()):
        if route.startswith("admin/") or any(f"/{route}".startswith(p) for p in NOT_PAGES):
            continue
        choices: list[dict[str, str]] = [{}]
        for argument in arguments:
            values = next(
                (
                    v
                    for key, v in samples.items()
                    if key.startswith(f"{namespace}:{argument}@") and key.split("@")[1] in route
                ),
                samples.get(f"{namespace}:{argument}"),
            )
            assert values, (
                f"No sample for URL argument {argument!r} of {route!r}: add one to url_samples() "
                "so the page is checked."
            )
            choices = [{**c, argument: v} for c in choices for v in values]
        view = f"{namespace}:{name}" if namespace else name
        paths += [reverse(view, kwargs=kwargs) for kwargs in choices]
    return paths


def admin_paths(user) -> tuple[list[str], list[str]]:
    """The admin pages ``user`` may open: each registered model's changelist, add form, change
    form, history and delete pages and the app indexes; then the admin's extra views (some
    are files or answer POST only)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    paths = [reverse("admin:index"), reverse("admin:password_change")]
    missing, extras = [], []
    apps = set()
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_module_permission(request):
            continue
        opts = model._meta
        info = f"admin:{opts.app_label}_{opts.model_name}"
        sample: Model | None = model._default_manager.order_by("pk").first()
        if sample is None:
            missing.append(opts.label)
            continue
        if model_admin.has_view_or_change_permission(request):
            apps.add(opts.app_label)
            paths.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            paths.append(reverse(f"{info}_add"))
        if model_admin.has_view_or_change_permission(request, sample):
            paths.append(reverse(f"{info}_change", args=[sample.pk]))
            paths.append(reverse(f"{info}_history", args=[sample.pk]))
        if model_admin.has_delete_permission(request, sample):
            paths.append(reverse(f"{info}_delete", args=[sample.pk]))
        for entry in model_admin.get_urls():
            name = getattr(entry, "name", None)
            if not name or name.endswith(ADMIN_SUFFIXES):
                continue
            wanted = tuple(getattr(entry.pattern, "converters", {}))
            kwargs = {"object_id": str(sample.pk)} if wanted == ("object_id",) else {}
            if set(wanted) - set(kwargs):
                continue
            extras.append(reverse(f"admin:{name}", kwargs=kwargs))
    assert not missing, f"No row to open the change form of: {missing}; add one in site()"
    paths += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    return paths, extras


# --- The walk --------------------------------------------------------------------------------


def log_in(walk: Walk, username: str, *, staff: bool) -> None:
    """Check the login pages, then sign in through the form, whatever its language."""
    page = walk.page
    started = time.perf_counter()
    walk.check("/accounts/login/", name="login", probe=False)
    if staff:
        walk.check("/admin/login/", name="admin-login", probe=False)
    form = "/admin/login/" if staff else "/accounts/login/"
    if not page.url.split("?")[0].endswith(form):  # an earlier walk checked it: not opened
        page.goto(form)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("form [name=password]").count() == 0, f"{username} could not sign in"
    walk.timed("login (with its pages' checks)", started)


def walk_role(browser, live_server, role: str, language: str, earlier: list[Walk]) -> Walk:
    """Sign in as ``role``'s user in a fresh context speaking ``language`` and check every
    page it may open; the superuser skips the pages the ``earlier`` walks checked."""
    user = get_user_model().objects.get(username=ROLE_USERS[role])
    context = browser.new_context(
        base_url=live_server.url,
        locale=LANGUAGES[language],
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(20_000)
    context.add_init_script(AXE.axe_script)
    walk = Walk(role=role, language=language, page=context.new_page())
    for other in earlier:
        walk.done |= set(other.visited)
        walk.done_statuses |= other.statuses_seen
    try:
        log_in(walk, user.get_username(), staff=user.is_staff)
        pages, extras = admin_paths(user) if user.is_staff else ([], [])
        for path in pages:
            walk.check(path, probe=False)
        # Error pages: a path nothing serves, and a narrative that does not exist.
        for path in [*site_paths(), *extras, "/no-such-page/", "/review/narratives/nope/"]:
            walk.check(path)
    finally:
        walk.report()
        context.close()
    return walk


def smoke_check_english(browser, live_server) -> Walk:
    """The login page in English: the walks themselves are in French and Arabic."""
    context = browser.new_context(base_url=live_server.url, locale=LANGUAGES["en"])
    context.add_init_script(AXE.axe_script)
    walk = Walk(role="anonymous", language="en", page=context.new_page())
    try:
        walk.check("/accounts/login/", name="login", probe=False)
    finally:
        walk.report()
        context.close()
    return walk


# One test per language, so that the suite's workers walk French and Arabic side by side; in
# each, the data is seeded once, and the superuser's walk needs to know which pages the other
# roles' walks checked in the same language. The English login page is checked with French.
@pytest.mark.timeout(1200)
@pytest.mark.parametrize("language", WALKED)
def test_every_page_of_each_role_passes_axe_in_french_and_arabic(
    browser, live_server, site, language
):
    failures, counts, seconds = [], {}, defaultdict(float)
    if language == WALKED[0]:
        english = smoke_check_english(browser, live_server)
        assert english.visited.get("/accounts/login/") == 200, english.visited
        failures += [f"[en] {failure}" for failure in english.failures]
    walks: list[Walk] = []
    for role in ROLE_USERS:
        walk = walk_role(browser, live_server, role, language, walks if role == "admin" else [])
        walks.append(walk)
        counts[f"{role}-{language}"] = len(walk.visited)
        for step, spent in walk.seconds.items():
            seconds[step] += spent
        unreached = [p for p in MUST_REACH[role] if walk.visited.get(p) != 200]
        assert not unreached, f"{role} in {language} did not reach {unreached}"
        failures += [f"[{language}] {role}: {failure}" for failure in walk.failures]
    assert 404 in walks[0].statuses_seen, f"the 404 page was not checked in {language}"
    print(f"pages checked: {counts}")
    print("seconds spent: " + ", ".join(f"{k}={v:.0f}" for k, v in seconds.items()))
    assert not failures, (
        f"{len(failures)} accessibility failures (pages checked: {counts}):\n" + "\n".join(failures)
    )
