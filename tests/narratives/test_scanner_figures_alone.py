"""A public figure's nisba written alone, and a country with an Arabic proclitic, are no findings."""

from tests.narratives.scanner_helpers import pairs as found


def test_a_figures_nisba_alone_is_the_figure():
    assert found("The Dawla's nasheeds, the speeches of al-Baghdadi, the battles") == []
    assert found("سمعنا خطبة البغدادي عن الموصل.") == []


def test_the_same_nisba_after_a_name_or_kunya_is_still_found():
    assert ("kunya", "Abu Omar al-Baghdadi") in found("He met Abu Omar al-Baghdadi in Raqqa")
    assert ("person", "Omar al-Baghdadi") in found("Omar al-Baghdadi was there")
    assert ("person", "محمد البغدادي") in found("أخي محمد البغدادي سافر")


def test_a_country_after_wa_is_no_nisba():
    assert found("كان المهاجرون من تونس والمغرب والسعودية. بقيت هناك") == []
    assert ("nisba", "السعودي") in found("زوجها السعودي")
