"""Extract the interface's translatable strings and merge them into the .po catalogues.

Django's ``makemessages`` needs GNU gettext's ``xgettext``; this does the same job with
Django's own template scanner (``templatize``, which turns ``{% translate %}`` and
``{% blocktranslate %}`` into ``gettext`` calls exactly as ``makemessages`` sees them) and
Babel's Python extractor. New strings arrive with an empty translation; strings no longer
used are dropped. Translate the empty ones, then run ``scripts/compile_messages.py``.
``tests/core/test_i18n.py`` fails while any string found here is missing or untranslated.

    python scripts/extract_messages.py
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
LANGUAGES = ["fr", "ar"]

# The translated surfaces, relative to the repository: add a template or module here once its
# strings are marked, and the completeness test holds it to that.
TEMPLATES = [
    "templates/base.html",
    "templates/registration/login.html",
    "templates/registration/locked_out.html",
    "templates/otp/verify.html",
    "templates/otp/setup.html",
    "templates/otp/devices.html",
    "templates/otp/issue_link.html",
    "templates/otp/need_link.html",
    "templates/otp/recovery_codes.html",
    "templates/otp/recovery_status.html",
    "templates/review/queue.html",
    "templates/review/narrative.html",
    "templates/review/edit.html",
    "templates/review/_reason_row.html",
    "templates/review/_translations.html",
    "templates/review/messages/queue.html",
    "templates/review/messages/detail.html",
    "templates/review/messages/calendar.html",
    "templates/review/dashboard.html",
    "templates/review/_dashboard_table.html",
    "templates/review/revisions.html",
    "templates/review/revisions_compare.html",
    "templates/revisions/_compare.html",
    "templates/403.html",
    "templates/notices.html",
    "templates/review/_assign.html",
    "templates/404.html",
    "templates/503.html",
    # The admin's own pages and texts (Django ships the rest of the admin's translations).
    "templates/admin/base_site.html",
    "templates/admin/model_page.html",
    "templates/admin/revisions/object_history.html",
    "templates/admin/revisions/compare.html",
    "templates/admin/campaigns/message/bulk_action.html",
    "templates/admin/campaigns/message/change_form.html",
    "templates/admin/campaigns/experiment/change_form.html",
    "templates/admin/campaigns/experiment/step.html",
    "templates/review/experiments/queue.html",
    "templates/review/experiments/detail.html",
    "templates/review/experiments/report.html",
    "templates/review/experiments/print_base.html",
    "templates/admin/narratives/find_reference.html",
    "templates/admin/narratives/intake.html",
    "templates/admin/narratives/sourcerecord/change_list.html",
    "partners/templates/admin/partners/secret_shown_once.html",
]
MODULES = [
    "core/i18n.py",
    "core/models.py",
    "core/otp_views.py",
    "core/workflow.py",
    "core/notices.py",
    "core/notice_views.py",
    "core/assignment.py",
    "narratives/services/assignment.py",
    "campaigns/services/assignment.py",
    "campaigns/selectors.py",
    "narratives/models.py",
    "narratives/views.py",
    "narratives/forms.py",
    "narratives/translation_views.py",
    "narratives/services/editing.py",
    "narratives/services/common.py",
    "narratives/selectors.py",
    "core/languages.py",
    "campaigns/views.py",
    "campaigns/forms.py",
    "campaigns/models.py",
    "partners/models.py",
    "campaigns/calendar.py",
    "campaigns/services/workflow.py",
    "campaigns/limits.py",
    "campaigns/views_calendar.py",
    "evidence/views.py",
    "evidence/tables.py",
    "evidence/dashboard.py",
    "config/settings/base.py",
    "core/admin.py",
    "core/admin_site.py",
    "core/apps.py",
    "core/countries.py",
    "core/enrolment.py",
    "core/privilege.py",
    "core/recovery.py",
    "core/security.py",
    "narratives/admin.py",
    "narratives/admin_intake.py",
    "narratives/apps.py",
    "narratives/intake.py",
    "narratives/services/consent.py",
    "narratives/services/translations.py",
    "narratives/translations.py",
    "campaigns/admin.py",
    "campaigns/admin_actions.py",
    "campaigns/apps.py",
    "campaigns/downloads.py",
    "campaigns/inputs.py",
    "campaigns/services/preview.py",
    "partners/admin.py",
    "partners/apps.py",
    "partners/scopes.py",
    "core/admin_revisions.py",
    "narratives/revisions.py",
    "narratives/revision_views.py",
    "narratives/services/revisions.py",
    "campaigns/revisions.py",
    "campaigns/services/revisions.py",
    "campaigns/experiments/models.py",
    "campaigns/experiments/services.py",
    "campaigns/experiments/admin.py",
    "campaigns/experiments/views.py",
    "campaigns/experiments/report.py",
]

KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

PLURAL_FORMS = {
    "fr": (2, "(n > 1)"),
    "ar": (
        6,
        "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5",
    ),
}
HEADER_COMMENT = (
    "# The review UI's interface strings. Written by scripts/extract_messages.py (do not edit\n"
    "# the msgids by hand); translate the msgstrs, then run scripts/compile_messages.py."
)


def _messages(
    source: str, path: str
) -> Iterator[tuple[str | tuple[str, ...], str | None, str, int]]:
    from babel.messages.extract import extract

    for lineno, message, _comments, context in extract(
        "python", io.BytesIO(source.encode()), keywords=KEYWORDS, options={"encoding": "utf-8"}
    ):
        yield message, context, path, lineno


def template_messages(
    source: str, path: str
) -> Iterator[tuple[str | tuple[str, ...], str | None, str, int]]:
    """The marked strings of one template, as ``makemessages`` would find them."""
    from django.utils.translation.template import templatize  # needs no settings

    python = templatize(source, origin=path)
    # Python's tokenizer minds indentation, xgettext does not; each call is on one line
    # (templatize writes msgids with repr), so flattening keeps msgids and line numbers.
    yield from _messages("\n".join(line.lstrip() for line in python.splitlines()), path)


def extracted() -> list[tuple[str | tuple[str, ...], str | None, str, int]]:
    """Return (msgid, context, path, line) for every marked string; a plural's msgid is the
    (singular, plural) pair."""
    found = []
    for path in TEMPLATES:
        found.extend(template_messages((ROOT / path).read_text(encoding="utf-8"), path))
    for path in MODULES:
        found.extend(_messages((ROOT / path).read_text(encoding="utf-8"), path))
    return found


def template_catalog() -> Catalog:
    """The catalogue template (the .pot): every extracted string, no translation."""
    catalog = Catalog(project="counter-messaging", charset="utf-8", fuzzy=False)
    for message, context, path, lineno in extracted():
        catalog.add(message, None, locations=[(path, lineno)], context=context)
    return catalog


def update_catalogues() -> None:
    """Merge the extracted strings into each language's django.po, keeping translations."""
    template = template_catalog()
    for language in LANGUAGES:
        po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=language)
        else:
            catalog = Catalog(locale=language, project="counter-messaging", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        # Django's own catalogues' plural forms (Arabic: six), not Babel's CLDR-derived text.
        nplurals, expression = PLURAL_FORMS[language]
        catalog._num_plurals, catalog._plural_expr = nplurals, expression
        catalog.header_comment = HEADER_COMMENT
        with po_path.open("wb") as po_file:
            # width=0: no wrapping, so a changed string is a one-line diff.
            write_po(po_file, catalog, width=0, include_previous=False)


if __name__ == "__main__":
    update_catalogues()
    sys.exit(0)
