"""The lexicon pattern language (hedgeometer.rules.patterns.PatternCompiler): each pattern compiles
to its variants, lists of word, prefix and gap slots; a malformed pattern is refused."""

import pytest

from hedgeometer.rules.patterns import MAX_VARIANTS, PatternCompiler


def word(*forms, exact=None):
    return ("word", frozenset(forms), exact)


@pytest.fixture
def compiler():
    return PatternCompiler({"loom": {"loomt"}})  # an invented irregular form, to see it added


def test_alternatives_in_a_slot_stay_one_variant(compiler):
    assert compiler.compile("on the brink|verge of") == [
        (word("on"), word("the"), word("brink", "verge"), word("of"))]


def test_groups_expand_into_variants(compiler):
    assert compiler.compile("shrouded in (a veil of)?") == [
        (word("shrouded"), word("in")),
        (word("shrouded"), word("in"), word("a"), word("veil"), word("of"))]
    assert compiler.compile("(no one|nobody) knows") == [
        (word("no"), word("one"), word("knows")), (word("nobody"), word("knows"))]


def test_gap_inflection_wildcard_and_exact_case(compiler):
    (variant,) = compiler.compile("specter of _{1,3} loom~")
    assert variant[:3] == (word("specter"), word("of"), ("gap", 1, 3))
    kind, forms, exact = variant[3]
    assert kind == "word" and exact is None
    assert {"loom", "looms", "loomed", "looming", "loomt"} <= forms and "loomer" not in forms
    assert compiler.compile("speculat*") == [(("prefix", "speculat"),)]
    assert compiler.compile("=May") == [(word("may", exact="May"),)]
    assert compiler.compile("don’t") == [(word("don't"),)]  # the typographic apostrophe is the plain one


@pytest.mark.parametrize("pattern, message", [
    ("Brink", "lowercase"),
    ("on  the", "stray spaces"),
    ("a.b", "not a word"),
    ("sp*", "at least 3 lowercase letters"),
    ("speculat* more", "wildcard can open only a one-word pattern"),
    ("_ may", "cannot start or end with a gap"),
    ("may _{3,2} fail", "gap"),
    ("may _{1,5} fail", "gap"),
    ("(a (b))", "no nesting"),
    ("may fail)", "unbalanced parenthesis"),
    ("=May!", "single word"),
    (" ".join(["(very)?"] * 10) + " likely", f"more than {MAX_VARIANTS}"),
])
def test_malformed_patterns_are_refused(compiler, pattern, message):
    with pytest.raises(ValueError, match=message):
        compiler.compile(pattern)
