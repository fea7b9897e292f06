"""Named and unnamed sources (hedgeometer.rules.sources)."""

from conftest import NEUTRAL_TEXT


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


# An article that repeats a name and has capitalised words that name no source: a sentence
# opener ("What", "For", "We're"), a place after "in" ("Ipswich") and a thing ("the Withdrawal
# Agreement"). Written for the test.
REPEATED_NAMES = (
    '"What we need is calm," she said. '
    "Maria Lopez, the union leader, told reporters in Ipswich the strike was off. "
    '"For now, we wait," she added. '
    '"We\'re ready," he said. '
    '"We\'re ready to talk," Lopez said. '
    "The Withdrawal Agreement, she said, was never the issue. "
    "Ms Lopez said the union would meet again. "
    "Officials in Ipswich said the road was shut. "
    "Tom Brown, a council spokesman, said the plan was fair."
)


def test_named_sources_are_distinct_names(rules_analyzer):
    sources = rules_analyzer.analyze(REPEATED_NAMES).sources
    named = [m["text"] for m in sources["mentions"] if m["kind"] == "named"]
    assert named == ["Maria Lopez", "Lopez", "Ms Lopez", "Tom Brown"]
    assert sources["names"] == ["Maria Lopez", "Tom Brown"]
    assert sources["named"] == 2 and sources["named_mentions"] == 4


def test_false_names_are_not_sources(rules_analyzer):
    for sentence in ['"What we need is calm," she said.', '"For now, we wait," she added.', '"We\'re ready," he said.',
                     "Officials in Ipswich said the road was shut.", "The Withdrawal Agreement, she said, was dead.",
                     "Trump's claims were false.", "Iranian media reported the strike.", "Shots rang out, police said."]:
        sources = rules_analyzer.analyze(sentence).sources
        assert sources["named"] == 0, (sentence, sources["mentions"])


def test_acronyms_and_employers_stay_named(rules_analyzer):
    for sentence, name in [("Symptoms include fever, according to WHO.", "WHO"),
                           ("The US said it would respond.", "US"),
                           ("An economist at Barclays said rates would rise.", "Barclays"),
                           ("Mr. Smith told the court he was innocent.", "Mr. Smith")]:
        assert rules_analyzer.analyze(sentence).sources["names"] == [name], sentence
