"""core.graphs.release: a read model graph is freed by reference counting, not by the
cyclic collector, and its instances stay usable."""

from __future__ import annotations

import gc

import pytest
from django.db.models import Prefetch

from campaigns.models import Message, MessageExcerpt, Rendition
from core.graphs import release
from narratives.models import ExcerptTranslation, Reason
from tests.factories import ExcerptFactory, MessageFactory, NarrativeFactory


@pytest.fixture
def messages(db):
    reason = Reason.objects.get(code="corruption")
    for n in range(3):
        message = MessageFactory(alt_text="A card.")
        excerpt = ExcerptFactory(narrative=NarrativeFactory(approved=True), start=0, end=10)
        excerpt.reasons.add(reason)
        ExcerptTranslation.objects.create(excerpt=excerpt, language="fr", text=f"Récit {n}")
        MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=0)
        for fmt in ("square", "story"):
            Rendition.objects.create(
                message=message, format=fmt, input_hash=f"{n}{fmt}", file=f"r/{n}/{fmt}.png"
            )


def _graph():
    """Messages with everything joined and prefetched, every lazy part read once."""
    found = list(
        Message.objects.select_related("campaign").prefetch_related(
            Prefetch("renditions", queryset=Rendition.objects.order_by("format"), to_attr="ready"),
            Prefetch(
                "excerpt_links",
                queryset=MessageExcerpt.objects.select_related("excerpt__narrative"),
            ),
            "excerpt_links__excerpt__translations",
            "excerpt_links__excerpt__reasons",
        )
    )
    for message in found:
        _ = [r.file.name for r in message.ready]
        for link in message.excerpt_links.all():
            _ = [t.text for t in link.excerpt.translations.all()]
            _ = [r.code for r in link.excerpt.reasons.all()]
    return found


def _garbage_of(build, *, cut: bool) -> int:
    gc.collect()
    gc.disable()
    try:
        graph = build()
        if cut:
            release(graph)
        del graph
        return gc.collect()
    finally:
        gc.enable()


def test_a_released_graph_leaves_no_cycles(messages):
    uncut = _garbage_of(_graph, cut=False)
    cut = _garbage_of(_graph, cut=True)

    assert uncut > 50  # the graph is cyclic as Django builds it: the test can fail
    assert cut < 10, cut  # what is left is Django's compiler closures, 3 per select_related


def test_released_instances_read_again_what_was_cut(messages):
    graph = _graph()
    before = [
        (
            m.campaign.public_id,
            [r.file.name for r in m.ready],
            [link.excerpt.text for link in m.excerpt_links.all()],
        )
        for m in graph
    ]

    rendition = graph[0].ready[0]

    release(graph)

    assert not hasattr(graph[0], "ready")
    assert rendition.file.name == before[0][1][0]
    assert rendition.message.public_id == graph[0].public_id
    after = [
        (
            m.campaign.public_id,
            [r.file.name for r in m.renditions.order_by("format")],
            [link.excerpt.text for link in m.excerpt_links.all()],
        )
        for m in graph
    ]
    assert after == before
