import pytest

from narratives.models import Reason

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_four_reasons_with_their_sub_reasons():
    top = {r.code: r for r in Reason.objects.filter(parent__isnull=True)}
    assert set(top) == {"infighting", "brutality", "corruption", "quality_of_life"}
    children = {code: top[code].children.count() for code in top}
    assert children == {"infighting": 3, "brutality": 4, "corruption": 4, "quality_of_life": 4}
    assert str(Reason.objects.get(code="qol_shortages")) == (
        "Quality of life › Shortages of basics and electricity"
    )
