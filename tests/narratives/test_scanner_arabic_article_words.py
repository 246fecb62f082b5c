"""A name that is also a word, before a frequent word with the article, is no person."""

from tests.narratives.scanner_helpers import persons


def test_common_article_words_after_an_ambiguous_name_are_no_family_name():
    assert persons("ثلاثة أشهر بلا كهرباء. نور الشمس كان الضوء الوحيد.") == []
    assert persons("عمر الإنسان قصير، والصبر مفتاح الفرج.") == []


def test_family_names_after_a_given_name_are_kept():
    assert persons("أخي محمد الخطيب سافر") == ["محمد الخطيب"]
