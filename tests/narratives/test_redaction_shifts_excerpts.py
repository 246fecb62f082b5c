"""Redacting a finding keeps the narrative's excerpts pointing at whole, true spans."""

import pytest

from narratives import services
from narratives.models import Excerpt
from narratives.selectors import open_findings
from tests.factories import NarrativeFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

TEXT = "Our emir was Abu Talha al-Tunisi and he lied. We had nothing."


@pytest.fixture
def narrative():
    narrative = NarrativeFactory(text=TEXT)
    SourceRecordFactory(narrative=narrative, kunya="Abu Talha al-Tunisi")
    return narrative


def _excerpt(narrative, fragment_start: str, fragment_end: str) -> Excerpt:
    start = TEXT.index(fragment_start)
    end = TEXT.index(fragment_end) + len(fragment_end)
    return Excerpt.objects.create(
        narrative=narrative, start=start, end=end, text=TEXT[start:end], status="proposed"
    )


def _redact_kunya(narrative, analyst):
    (finding,) = [f for f in open_findings(narrative) if f.text == "Abu Talha al-Tunisi"]
    services.redact_finding(user=analyst, narrative=narrative, start=finding.start, end=finding.end)
    narrative.refresh_from_db()
    assert narrative.text == "Our emir was [kunya] and he lied. We had nothing."


@pytest.mark.parametrize(
    ("fragment_start", "fragment_end", "expected"),
    [
        ("Our", "lied.", "Our emir was [kunya] and he lied."),  # contains the finding
        ("We", "nothing.", "We had nothing."),  # after it
        ("Talha", "lied.", "[kunya] and he lied."),  # starts inside it
        ("emir", "Talha", "emir was [kunya]"),  # ends inside it
        ("Talha", "al-Tunisi", "[kunya]"),  # inside it
    ],
)
def test_excerpts_overlapping_a_redaction_cover_its_placeholder(
    narrative, analyst, fragment_start, fragment_end, expected
):
    excerpt = _excerpt(narrative, fragment_start, fragment_end)
    _redact_kunya(narrative, analyst)
    excerpt.refresh_from_db()
    assert excerpt.text == expected
    assert narrative.text[excerpt.start : excerpt.end] == expected
