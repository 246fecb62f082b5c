"""The egress registry: every way text or images leave the vault's side, in one list.

Each app registers its outbound surfaces in ``AppConfig.ready()``: API serializer fields,
rendition inputs (what a card draws), webhook payload fields, pages per role, CSV exports,
log lines and error messages. Each entry says who receives it and how its text is obtained.
``core`` holds the list only; the gate that checks texts against the whole vault belongs to
``narratives`` (``narratives.egress.gate_findings``), which sits above ``core``.

Tests compare the registry with what the code really sends (serializer fields, ``CardSpec``
attributes, webhook keys, URL patterns, admin pages), so a surface added without being
registered fails the suite, and the canary test walks every registered page for every role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Audience(StrEnum):
    """Who receives a surface. Custodians are on the vault's side and are never listed."""

    ANONYMOUS = "anonymous"
    PARTNER = "partner"
    EDITOR = "editor"
    ANALYST = "analyst"


class Kind(StrEnum):
    API_FIELD = "api_field"
    RENDITION_INPUT = "rendition_input"
    WEBHOOK_FIELD = "webhook_field"
    PAGE = "page"
    MEDIA = "media"
    CSV_EXPORT = "csv_export"
    LOG = "log"
    ERROR_MESSAGE = "error_message"
    EMAIL = "email"


ANYONE = frozenset(Audience)
PARTNERS = frozenset({Audience.PARTNER})
STAFF = frozenset({Audience.EDITOR, Audience.ANALYST})
EDITORS = frozenset({Audience.EDITOR})
ANALYSTS = frozenset({Audience.ANALYST})


@dataclass(frozen=True)
class Surface:
    """One outbound surface.

    ``name`` is unique and structured by kind: ``api:MessageSerializer.headline``,
    ``rendition:cta_contact``, ``webhook:data``, ``page:review:queue``, ``admin:campaigns.campaign``.
    ``source`` says how its text is obtained (and for rendition inputs, which outbound text
    the gate scans for it). ``paths`` returns concrete URLs to fetch for pages and media, from
    the current database, so the canary test can walk them.
    """

    name: str
    kind: Kind
    audiences: frozenset[Audience]
    source: str
    gated_as: tuple[str, ...] = ()  # the outbound-text fields the gate scans for it
    paths: Callable[[], Iterable[str]] | None = field(default=None, compare=False)
    url_names: tuple[str, ...] = ()  # URL names (namespace:name) the surface covers


class EgressRegistry:
    def __init__(self) -> None:
        self._surfaces: dict[str, Surface] = {}

    def register(self, surface: Surface) -> Surface:
        existing = self._surfaces.get(surface.name)
        if existing is not None and existing != surface:
            raise ValueError(f"egress surface {surface.name!r} is registered twice")
        self._surfaces[surface.name] = surface
        return surface

    def surfaces(self, kind: Kind | None = None) -> list[Surface]:
        found = self._surfaces.values()
        return sorted((s for s in found if kind is None or s.kind == kind), key=lambda s: s.name)

    def names(self, kind: Kind | None = None) -> set[str]:
        return {s.name for s in self.surfaces(kind)}

    def get(self, name: str) -> Surface:
        return self._surfaces[name]

    def for_audience(self, audience: Audience, kind: Kind | None = None) -> list[Surface]:
        return [s for s in self.surfaces(kind) if audience in s.audiences]


registry = EgressRegistry()


def register(
    name: str,
    kind: Kind,
    audiences: Iterable[Audience],
    source: str,
    *,
    gated_as: Iterable[str] = (),
    paths: Callable[[], Iterable[str]] | None = None,
    url_names: Iterable[str] = (),
) -> Surface:
    """Register one outbound surface (call from ``AppConfig.ready()``)."""
    return registry.register(
        Surface(
            name=name,
            kind=kind,
            audiences=frozenset(audiences),
            source=source,
            gated_as=tuple(gated_as),
            paths=paths,
            url_names=tuple(url_names),
        )
    )


def register_fields(
    prefix: str,
    kind: Kind,
    audiences: Iterable[Audience],
    fields: dict[str, str],
) -> None:
    """Register ``prefix.field`` for each field, with its source."""
    for name, source in fields.items():
        register(f"{prefix}.{name}", kind, audiences, source)


def admin_paths(label: str, *, limit: int = 50) -> Callable[[], list[str]]:
    """The admin's list page and the change pages of (up to ``limit``) rows of a model."""

    def paths() -> list[str]:
        from django.apps import apps
        from django.urls import reverse

        model = apps.get_model(label)
        app_label, model_name = model._meta.app_label, model._meta.model_name
        found = [reverse(f"admin:{app_label}_{model_name}_changelist")]
        for pk in model._default_manager.values_list("pk", flat=True)[:limit]:
            found.append(reverse(f"admin:{app_label}_{model_name}_change", args=[pk]))
        return found

    return paths


def queue_paths(queue: str, label: str, *details: str) -> Callable[[], Iterator[str]]:
    """A review queue (also with an empty status filter) and, for each row of a model, the
    pages named ``details`` of its public id."""

    def paths() -> Iterator[str]:
        from django.apps import apps
        from django.urls import reverse

        yield reverse(queue)
        yield reverse(queue) + "?status="
        model = apps.get_model(label)
        for public_id in model._default_manager.values_list("public_id", flat=True):
            for name in details:
                yield reverse(name, args=[public_id])

    return paths


def register_admin(label: str, audiences: Iterable[Audience], source: str) -> Surface:
    """Register a model's admin pages (``admin:<app_label>.<model_name>``)."""
    return register(
        f"admin:{label.lower()}", Kind.PAGE, audiences, source, paths=admin_paths(label)
    )


# The gate for texts ``core`` itself sends (notice e-mails): ``narratives`` supplies it at
# start-up (``set_text_gate``), as the vault lives above ``core``. It takes ``{field: text}``
# and returns the fields that hold a vault value.
TextGate = Callable[[dict[str, str]], list[str]]
_text_gate: list[TextGate] = []


def set_text_gate(gate: TextGate) -> None:
    """Install the gate ``gate_texts`` runs (called from ``AppConfig.ready()``)."""
    _text_gate[:] = [gate]


def gate_texts(texts: dict[str, str]) -> list[str]:
    """Return the fields of ``texts`` that hold a vault value. Without a gate installed
    nothing may go out: fail closed."""
    if not _text_gate:
        raise RuntimeError("no egress gate is installed: nothing may be sent")
    return _text_gate[0](texts)


def register_core_surfaces() -> None:
    """Core's own pages, and the admin pages of the models it and its libraries hold."""
    register(
        "page:login",
        Kind.PAGE,
        ANYONE,
        "the sign-in and two-factor forms and pages: fixed wording, the user's own name, their "
        "authenticators' names and recovery codes, a username typed in and the link issued for it",
        paths=lambda: ["/accounts/login/"],
        url_names=(
            "login",
            "logout",
            "otp_setup",
            "otp_verify",
            "otp_enrol",
            "otp_recovery",
            "otp_devices",
            "otp_issue_link",
        ),
    )
    register(
        "page:set-language",
        Kind.PAGE,
        ANYONE,
        "the interface-language switch (POST only): a redirect and the language cookie",
        url_names=("set_language",),
    )
    register(
        "page:healthz",
        Kind.PAGE,
        ANYONE,
        "component states only",
        paths=lambda: ["/healthz"],
        url_names=("healthz",),
    )
    register(
        "page:admin-index",
        Kind.PAGE,
        EDITORS,
        "the admin's index: model names only",
        paths=lambda: ["/admin/"],
    )
    register_admin("core.User", (), "accounts: superusers only")
    register_admin("core.AuditEntry", (), "the audit trail: superusers only")
    register_admin("auth.Group", (), "role groups: superusers only")
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        register_admin(label, (), "sign-in attempts: superusers only")
    register_admin("otp_totp.TOTPDevice", (), "second factors: superusers only, never the secret")
    register_admin(
        "core.PrivilegeRequest", (), "pending privilege grants: superusers and custodians"
    )
    register(
        "email:notice",
        Kind.EMAIL,
        STAFF,
        "notice e-mails (core.notices): fixed wording in the recipient's language, the "
        "object's public id and a link to its page; never a title, a name or testimony. "
        "Subject and body pass gate_texts before sending",
    )
    register(
        "page:notices",
        Kind.PAGE,
        STAFF,
        "the signed-in user's own notices and what waits for them: fixed wording, public ids "
        "and links",
        paths=lambda: ["/notices/"],
        url_names=("notices", "notice_read", "notices_read_all"),
    )
    register(
        "log:access",
        Kind.LOG,
        STAFF,
        "request lines and the product's own log records: ids, never narrative or vault text",
    )
