"""Revisions: who changed an object's content, what and when; compare two; revert to one.

``core`` keeps the store (``core.models.Revision``) and this registry; each app declares in
``AppConfig.ready()`` which of its models are revisioned and how their content is read::

    revisions.register(
        Narrative,
        fields={"title": _("Title"), "text": _("Text")},
    )

Snapshots are written by the services that change content, never by signals or the admin:
a service calls :func:`ensure_baseline` on the row as it stands before the change (so an
object older than the store keeps its earlier state) and :func:`record` after it. Reverting
belongs to the app's services too (a revert is a change that goes back through review);
this module only reads a revision's values back. Revisions hold a person's words: each app
erases its objects' revisions in its ``erasure.py`` (:func:`erase`).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import Revision, User

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

Snapshot = dict[str, str]


@dataclass(frozen=True)
class RevisionSpec:
    """What is revisioned of a model: its fields (name -> label, in display order) and how
    their values are read as text (``snapshot``; by default ``str`` of each attribute)."""

    model: type[models.Model]
    fields: dict[str, StrOrPromise]
    snapshot: Callable[[models.Model], Snapshot]


_specs: dict[type[models.Model], RevisionSpec] = {}


def register(
    model: type[models.Model],
    *,
    fields: dict[str, StrOrPromise],
    snapshot: Callable[[models.Model], Snapshot] | None = None,
) -> RevisionSpec:
    """Declare ``model`` revisioned; registering it again replaces the spec (a reloaded app)."""

    def by_attribute(obj: models.Model) -> Snapshot:
        return {name: _text(getattr(obj, name)) for name in fields}

    spec = RevisionSpec(model=model, fields=dict(fields), snapshot=snapshot or by_attribute)
    _specs[model] = spec
    return spec


def spec_for(model: type[models.Model]) -> RevisionSpec:
    return _specs[model]


def is_revisioned(model: type[models.Model]) -> bool:
    return model in _specs


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _content_type(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def revisions_of(obj: models.Model) -> models.QuerySet[Revision]:
    """The object's revisions, newest first, with who made them."""
    return (
        Revision.objects.filter(content_type=_content_type(type(obj)), object_id=obj.pk)
        .select_related("user")
        .order_by("-number")
    )


def values(revision: Revision) -> Snapshot:
    """The field values a revision saved."""
    loaded = json.loads(revision.content)
    return {str(k): str(v) for k, v in loaded.items()}


def belongs_to(revision: Revision, obj: models.Model) -> bool:
    return revision.content_type_id == _content_type(type(obj)).pk and revision.object_id == obj.pk


def ensure_baseline(obj: models.Model) -> Revision | None:
    """Save ``obj`` as it stands now (read before a change) as its first revision, if it has
    none yet: the state it had before revisions were kept is then not lost."""
    if obj.pk is None or revisions_of(obj).exists():
        return None
    return _write(obj, spec_for(type(obj)).snapshot(obj), user=None, kind=Revision.Kind.BASELINE)


def record(
    obj: models.Model,
    *,
    user: User | None,
    kind: str = Revision.Kind.EDITED,
    reverted_from: int | None = None,
) -> Revision | None:
    """Save the object's content as its newest revision, unless it equals the last one.

    Returns the revision written, or ``None`` when nothing revisioned changed.
    """
    snapshot = spec_for(type(obj)).snapshot(obj)
    last = revisions_of(obj).first()
    if last is not None and values(last) == snapshot:
        return None
    if last is None and kind == Revision.Kind.EDITED:
        kind = Revision.Kind.CREATED
    return _write(obj, snapshot, user=user, kind=kind, reverted_from=reverted_from, last=last)


def _write(
    obj: models.Model,
    snapshot: Snapshot,
    *,
    user: User | None,
    kind: str,
    reverted_from: int | None = None,
    last: Revision | None = None,
) -> Revision:
    content_type = _content_type(type(obj))
    before = values(last) if last is not None else {}
    changed = [name for name, value in snapshot.items() if before.get(name, "") != value]
    # ``last`` is the newest (callers hold the object's lock); none means this is the first.
    number = (last.number if last is not None else 0) + 1
    return Revision.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        number=number,
        kind=kind,
        reverted_from=reverted_from,
        user=user if user is not None and user.pk else None,
        changed=changed,
        content=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
    )


def erase(model: type[models.Model], object_ids: Iterable[object]) -> int:
    """Delete every revision of these objects; return how many went."""
    ids = [int(str(pk)) for pk in object_ids]
    if not ids:
        return 0
    deleted, _ = Revision.objects.filter(
        content_type=_content_type(model), object_id__in=ids
    ).delete()
    return deleted


def erase_holding(model: type[models.Model], needles: Iterable[str]) -> int:
    """Delete the revisions of ``model``'s objects whose saved content holds any of
    ``needles`` (a person's words copied into an object no link leads to any more)."""
    query = models.Q()
    for needle in needles:
        if needle:
            # As typed, and as the JSON stores it (quotes and line breaks escaped).
            query |= models.Q(content__icontains=needle)
            query |= models.Q(content__icontains=json.dumps(needle, ensure_ascii=False)[1:-1])
    if not query:
        return 0
    deleted, _ = Revision.objects.filter(query, content_type=_content_type(model)).delete()
    return deleted


# --- Compare -------------------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    """A run of text in a compared value; ``changed`` when the other side has it otherwise."""

    text: str
    changed: bool


@dataclass(frozen=True)
class FieldComparison:
    name: str
    label: StrOrPromise
    old: list[Piece]
    new: list[Piece]
    changed: bool


def word_diff(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into pieces, the words that differ marked on each side."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append(Piece("".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            right.append(Piece("".join(b[j1:j2]), op != "equal"))
    return left, right


def compare(
    model: type[models.Model],
    older: Snapshot,
    newer: Snapshot,
    *,
    shown: Callable[[str, str], str] | None = None,
) -> list[FieldComparison]:
    """Field by field, the two snapshots side by side, changed words marked. ``shown`` turns
    a stored value into what the page may show (a related row's name, a masked text)."""
    spec = spec_for(model)
    rows = []
    for name, label in spec.fields.items():
        old, new = older.get(name, ""), newer.get(name, "")
        if shown is not None:
            old, new = shown(name, old), shown(name, new)
        left, right = word_diff(old, new)
        rows.append(FieldComparison(name, label, left, right, old != new))
    return rows


def field_labels(model: type[models.Model], names: Iterable[str]) -> list[StrOrPromise]:
    """The labels of the named fields (a revision's ``changed``), for "what changed"."""
    fields = spec_for(model).fields
    return [fields[name] for name in names if name in fields]


def revision_among(objects: Iterable[models.Model], raw_id: object) -> Revision:
    """The revision with id ``raw_id`` (as typed in a URL) of one of ``objects``; raises
    ``Revision.DoesNotExist`` for anything else (not a number, none such, another's)."""
    try:
        pk = int(str(raw_id))
    except (TypeError, ValueError):
        raise Revision.DoesNotExist from None
    revision = Revision.objects.select_related("user").get(pk=pk)
    if not any(belongs_to(revision, obj) for obj in objects):
        raise Revision.DoesNotExist
    return revision


@dataclass(frozen=True)
class RevisionRow:
    """One line of a revision list: the revision, the one before it (to compare with) and
    the labels of the fields it changed."""

    revision: Revision
    previous: Revision | None
    changed: list[StrOrPromise]


def rows(obj: models.Model) -> list[RevisionRow]:
    """The object's revisions, newest first, each with its predecessor and what it changed."""
    found = list(revisions_of(obj))
    model = type(obj)
    return [
        RevisionRow(
            revision,
            found[index + 1] if index + 1 < len(found) else None,
            field_labels(model, revision.changed),
        )
        for index, revision in enumerate(found)
    ]


def model_of(revision: Revision) -> type[models.Model]:
    model = revision.content_type.model_class()
    if model is None:  # a model removed from the code with its rows left behind
        raise Revision.DoesNotExist
    return model
