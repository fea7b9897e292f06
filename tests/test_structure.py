"""Headline and body; named and unnamed sources."""


from conftest import NEUTRAL_TEXT


def test_seed_headline_is_scored_apart(rules_analyzer, seed_text):
    report = rules_analyzer.analyze(seed_text)
    assert report.headline.text == "Russia and Syria Strengthen Military Ties Amid Strategic Ambiguity"
    assert report.headline.index == 0
    assert len(report.sentences) == 18 and report.sentences[0].index == 1
    assert report.to_dict()["headline"]["text"] == report.headline.text


def test_article_without_headline(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday. It approved the budget.")
    assert report.headline is None and len(report.sentences) == 2


def test_a_first_line_ending_in_a_full_stop_is_body(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday.\n\nIt approved the budget.")
    assert report.headline is None and len(report.sentences) == 2


def test_headline_given_by_option(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday. It approved the budget.",
                                    headline="Council on the brink of collapse")
    assert report.headline.index == -1
    assert "dramatic" in report.headline.labels
    assert len(report.sentences) == 2


def test_seed_sources(rules_analyzer, seed_text):
    sources = rules_analyzer.analyze(seed_text).sources
    assert sources["unnamed"] >= 1
    assert sources["named"] >= 2
    unnamed = [m["text"] for m in sources["mentions"] if m["kind"] == "unnamed"]
    named = [m["text"] for m in sources["mentions"] if m["kind"] == "named"]
    assert any("unnamed sources" in t for t in unnamed)
    assert "Al Arabiya TV" in named and "Russian Foreign Ministry" in named


def test_named_source_patterns(rules_analyzer):
    text = ("Turkey's Foreign Minister Hakan Fidan said the talks were useful. "
            "\"We will appeal,\" said Maria Lopez, the union's general secretary. "
            "According to the Office for National Statistics, unemployment fell.")
    named = [m["text"] for m in rules_analyzer.analyze(text).sources["mentions"] if m["kind"] == "named"]
    assert named == ["Turkey's Foreign Minister Hakan Fidan", "Maria Lopez", "Office for National Statistics"]


def test_neutral_text_sources_are_named(rules_analyzer):
    sources = rules_analyzer.analyze(NEUTRAL_TEXT).sources
    assert sources["unnamed"] == 0
