from hypothesis import given, strategies as st

from hedgeometer import Analyzer
from hedgeometer.text.voice import VoiceMap, quote_spans


def quoted(text):
    return [text[a:b] for a, b in quote_spans(text)]


def test_straight_and_curly_quotes():
    assert quoted('He said "we may go" and left.') == ['"we may go"']
    assert quoted("“We may withdraw,” the minister said.") == ["“We may withdraw,”"]
    assert quoted("'We may withdraw,' he said.") == ["'We may withdraw,'"]


def test_apostrophes_are_not_quotes():
    assert quoted("Moscow's view and the workers' union differ.") == []


def test_quote_across_sentences_and_nested():
    text = "“It is over. We are done. It is ‘unclear’ now,” she said."
    assert quoted(text) == ["“It is over. We are done. It is ‘unclear’ now,”"]


def test_unbalanced_quotes_close_at_paragraph_or_end():
    text = "“The talks may fail. Nobody knows.\n\nNext paragraph is the reporter's."
    assert quoted(text) == ["“The talks may fail. Nobody knows."]
    assert quoted('A stray ” close and an " open never closed') == ['" open never closed']


def test_cues_and_sentences_know_their_voice():
    text = "“We may withdraw,” the minister said. Analysts say the plan is clearly doomed."
    report = Analyzer(model=None).analyze(text)
    first, second = report.sentences
    assert first.voice == "mixed" and second.voice == "reporter"
    voices = {c.text: c.voice for s in report.sentences for c in s.cues}
    assert voices["may"] == "quoted"
    assert voices.get("Analysts say") == "reporter"
    assert report.voices["reporter"]["hedging"]["cues"] == 0
    assert report.voices["quoted"]["hedging"]["cues"] == 1


@given(st.text(alphabet='ab "“”‘’\'.\n', max_size=120))
def test_voice_spans_stay_inside_the_text(text):
    spans = quote_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end  # sorted, never overlapping
        previous_end = end
    voice_map = VoiceMap(text)
    for start in range(len(text)):
        assert voice_map.voice_of(start, start + 1) in ("quoted", "reporter")
        assert 0.0 <= voice_map.quoted_share(start, len(text)) <= 1.0
