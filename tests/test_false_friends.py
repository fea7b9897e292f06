"""False friends on real news text: a cue word in another sense gets no cue of its dimension, and
the true use still does. Checked at rule level through ``hedgeometer lexicon explain --no-model``.

Every sentence here is written for the test (or quoted from the lead's brief); none is copied
from a corpus.
"""

import ast
import re

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main

_CUE_LINE = re.compile(r"^(?P<dimension>[a-z]+)\s+(?P<text>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s+pattern ")


def explain(sentence: str) -> list[tuple[str, str]]:
    """The (dimension, cue text) pairs ``lexicon explain --no-model`` prints for ``sentence``."""
    result = CliRunner().invoke(main, ["lexicon", "explain", sentence, "--no-model"])
    assert result.exit_code == 0, result.output
    cues = []
    for line in result.output.splitlines():
        match = _CUE_LINE.match(line)
        if match:
            cues.append((match["dimension"], ast.literal_eval(match["text"])))
    return cues


def cues_of(sentence: str, dimension: str, word: str | None) -> list[str]:
    """Cue texts of ``dimension`` in ``sentence``, only those holding ``word`` when given."""
    return [text for dim, text in explain(sentence)
            if dim == dimension and (word is None or word.lower() in text.lower().split())]


def check(sentence, dimension, word, fires):
    found = cues_of(sentence, dimension, word)
    if fires:
        assert found, f"expected a {dimension} cue{' on ' + repr(word) if word else ''} in {sentence!r}"
    else:
        assert not found, f"false friend: {dimension} cue {found} in {sentence!r}"


# (sentence, dimension, cue word or None for "any cue of the dimension", fires?)
NOUN_VERB = [
    ("Police arrested two suspects.", "hedging", None, False),
    ("The suspects fled.", "hedging", None, False),
    ("Police arrested suspects in the early hours.", "hedging", "suspects", False),
    ("The prime suspect was released on bail.", "hedging", "suspect", False),
    ("Detectives are hunting for three suspects after the raid.", "hedging", "suspects", False),
    ("Suspects in the robbery were seen on camera.", "hedging", "suspects", False),
    ("She suspects that the minister lied.", "hedging", "suspects", True),
    ("Police suspect he fled the country.", "hedging", "suspect", True),
    ("Many suspect the deal will collapse.", "hedging", "suspect", True),
    ("Investigators suspected arson.", "hedging", "suspected", True),
    ("Estimates of the damage vary.", "hedging", "estimates", False),
    ("The council published its budget estimates.", "hedging", "estimates", False),
    ("According to official estimates, the bridge cost £40m.", "hedging", "estimates", False),
    ("Officials estimate that the damage runs to millions.", "hedging", "estimate", True),
    ("The agency estimates the cost at £2bn.", "hedging", "estimates", True),
    ("It was the kind of day nobody forgets.", "hedging", "kind", False),
    ("What sort of deal is on the table?", "hedging", "sort", False),
    ("They kind of thought the vote was lost.", "hedging", "kind", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", NOUN_VERB)
def test_noun_sense(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


APPROXIMATORS = [
    ("Police searched the area around the station.", "hedging", None, False),
    ("She was asked about the car.", "hedging", None, False),
    ("They talked about the weather.", "hedging", None, False),
    ("Residents are worried about the floods.", "hedging", None, False),
    ("Fans came from around the world.", "hedging", None, False),
    ("They talked about the end of the war.", "hedging", None, False),
    ("Some residents left.", "hedging", None, False),
    ("The plan is nearly finished.", "hedging", None, False),
    ("He almost died in the crash.", "hedging", None, False),
    ("At least he tried.", "hedging", None, False),
    ("It is up to you.", "hedging", None, False),
    ("She ate as much as she wanted.", "hedging", None, False),
    ("About 40 people were evacuated.", "hedging", "about", True),
    ("The train arrives around 3pm.", "hedging", "around", True),
    ("About a third of voters stayed home.", "hedging", "about", True),
    ("Around half of the staff left.", "hedging", "around", True),
    ("Some 300 residents left.", "hedging", "some", True),
    ("Nearly all of them agreed.", "hedging", "nearly", True),
    ("Almost no one voted.", "hedging", "almost", True),
    ("At least 12 people were hurt.", "hedging", "least", True),
    ("He faces up to 15 years in prison.", "hedging", "up", True),
    ("The deal is worth around £3.5bn.", "hedging", "around", True),
    ("Around two-thirds of members backed it.", "hedging", "around", True),
    ("The talks lasted about an hour.", "hedging", "about", True),
    ("The protest began around the end of May.", "hedging", "around", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", APPROXIMATORS)
def test_approximator_needs_a_quantity(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


# Deontic "should" (advice, obligation, reproach) is not a hedge; the epistemic "should" of an
# expected outcome is a weak one ("the results should arrive by Friday": the writer expects,
# does not commit).
SHOULD = [
    ("We should begin by being realistic.", "hedging", None, False),
    ("The government should resign.", "hedging", None, False),
    ("You should see a doctor.", "hedging", None, False),
    ("The minister should have resigned.", "hedging", None, False),
    ("There should be an immediate investigation.", "hedging", None, False),
    ("Migrants should not be allowed to stay, the party said.", "hedging", "should", False),
    ("The minister should take responsibility.", "hedging", None, False),
    ("The results should arrive by Friday.", "hedging", "should", True),
    ("That should help.", "hedging", "should", True),
    ("The bridge should be ready by June.", "hedging", "should", True),
    ("The repairs should take about three weeks.", "hedging", "should", True),
    ("It should come as no surprise that the bill passed.", "hedging", "should", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", SHOULD)
def test_deontic_should(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


# Announced schedules stated as facts are not speculation (GUIDELINES rule 3); predictions are.
SCHEDULED = [
    ("Hunt will say today that the economy is growing.", "speculation", None, False),
    ("The prime minister will give a speech.", "speculation", None, False),
    ("She will address the conference on Monday.", "speculation", None, False),
    ("He is due to speak at the summit.", "speculation", None, False),
    ("The president will hold a press conference.", "speculation", None, False),
    ("The chancellor will also tell the conference that growth is returning.", "speculation", None, False),
    ("The prime minister will travel to Brussels later this week.", "speculation", None, False),
    ("The minister is due to be sentenced.", "speculation", None, False),
    ("The delay is due to the strike.", "speculation", None, False),
    ("The reform will reshape the industry.", "speculation", "will", True),
    ("The new law will cost thousands of jobs.", "speculation", "will", True),
    ("The firm will make this year a record.", "speculation", "will", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", SCHEDULED)
def test_scheduled_events(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


BRINK = [
    ("The government is on the brink after the vote.", "dramatic", "brink", True),
    ("Talks on the brink", "dramatic", "brink", True),
    ("The region is on the brink of war.", "dramatic", "brink", True),
    ("He stood on the brink of the cliff.", "dramatic", None, False),
    ("The boat capsized on the brink of the weir.", "dramatic", None, False),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", BRINK)
def test_on_the_brink_without_of(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


# Named speakers are not vague attribution; vague collectives saying or believing are. A
# quantified collective that says nothing ("many people were tortured") is no source at all.
ATTRIBUTION = [
    ('Outside the courtroom, Rombot said: "We will appeal."', "attribution", None, False),
    ("Smith told reporters the deal was done.", "attribution", None, False),
    ("A senior official, John Smith, said the talks had failed.", "attribution", None, False),
    ('"It is over," said Jane Smith, a spokeswoman who handles the account.', "attribution", None, False),
    ("One resident, Mary Jones, said the water was brown.", "attribution", None, False),
    ("A friend of the family, Tom Brown, told reporters the boy was safe.", "attribution", None, False),
    ("Some residents left.", "attribution", None, False),
    ("Many people were tortured in the camp.", "attribution", None, False),
    ("Several people scaled the fence.", "attribution", None, False),
    ("The festival drew jazz greats and many others.", "attribution", None, False),
    ("Officials said the plant would close.", "attribution", "officials", True),
    ("Sources said the deal was close.", "attribution", "sources", True),
    ("Critics say the scheme is unfair.", "attribution", "critics", True),
    ("Many believe the vote was rigged.", "attribution", "many", True),
    ("One official said the talks had failed.", "attribution", "official", True),
    ("In New York, a senior official said the talks had failed.", "attribution", "official", True),
    ("However, one official, speaking anonymously, said the talks had failed.", "attribution", "official", True),
    ("Most critics praised the show.", "attribution", "critics", True),
    ("Many residents say the water is brown.", "attribution", "residents", True),
    ("Some people, however, believe the vote was rigged.", "attribution", "people", True),
    ("Many people have asked whether the deal is legal.", "attribution", "people", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", ATTRIBUTION)
def test_named_and_vague_sources(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)


# Families found by running the lexicon over real negatives (rows firing in another sense).
# Sentences are written for the test in the shape of what fired.
REAL_TEXT_FAMILIES = [
    # a denied doubt is certainty (booster rows), not a hedge
    ("There is no doubt the rules were broken.", "hedging", "doubt", False),
    ("He was convicted beyond reasonable doubt.", "hedging", "doubt", False),
    ("There is little doubt that the plan failed.", "hedging", "doubt", False),
    ("We gave him the benefit of the doubt.", "hedging", "doubt", False),
    ("I doubt that it will work.", "hedging", "doubt", True),
    ("Doubts remain over the deal.", "hedging", "doubts", True),
    ("There is no doubt the rules were broken.", "booster", "doubt", True),
    # "possible" of feasibility is not a hedge; of likelihood it is
    ("Please reply as soon as possible.", "hedging", None, False),
    ("It is possible to cross the river on foot.", "hedging", None, False),
    ("The grant made it possible to reopen the library.", "hedging", None, False),
    ("They wanted the best result possible.", "hedging", None, False),
    ("A possible link between the two cases is being examined.", "hedging", "possible", True),
    # "rather than" and "would rather" are no downtoner
    ("Prices rose rather than fell.", "hedging", None, False),
    ("I would rather stay at home.", "hedging", None, False),
    ("The results were rather disappointing.", "hedging", "rather", True),
    # "would" of reported speech, the narrative past and the wish is not a conditional
    ("She said she would resign.", "hedging", None, False),
    ("The firm announced it would close the plant.", "hedging", None, False),
    ("She would later run for mayor.", "hedging", None, False),
    ("We would like to thank the volunteers.", "hedging", None, False),
    ("That would be a mistake.", "hedging", "would", True),
    # habitual "will" is no prediction
    ("A fox will usually avoid people.", "speculation", None, False),
    ("The reform will reshape the industry.", "speculation", "will", True),
    # "proved to be", "proved costly": turned out; "could prove": a conjecture (speculation row)
    ("This proved to be a costly mistake.", "booster", None, False),
    ("The plan proved costly.", "booster", None, False),
    ("The tapes could prove that he lied.", "booster", None, False),
    ("This proves that the policy has failed.", "booster", "proves", True),
    # "rock" the noun and the name are no headline verb
    ("He played in a rock band.", "dramatic", None, False),
    ("The path was covered in loose rocks.", "dramatic", None, False),
    ("Anna Rock chaired the meeting.", "dramatic", None, False),
    ("The scandal rocks the government.", "dramatic", "rocks", True),
    ("The scandal rocked the government.", "dramatic", "rocked", True),
    # a passive participle or "a few" + plural noun is no collective saying anything
    ("Patients suspected of carrying the virus were isolated.", "attribution", None, False),
    ("The inspector had a few questions for the landlord.", "attribution", None, False),
    ("Patients described as frail were moved first.", "attribution", None, False),
    ("Critics described the plan as reckless.", "attribution", "critics", True),
    ("Experts warned of a crisis.", "attribution", "experts", True),
    # "the word is" is a word, "Word is that..." the rumour
    ("The word is spelt with two Ls in Britain.", "attribution", None, False),
    ("Word is that he will stand again.", "attribution", "word", True),
]


@pytest.mark.parametrize("sentence, dimension, word, fires", REAL_TEXT_FAMILIES)
def test_real_text_false_friends(sentence, dimension, word, fires):
    check(sentence, dimension, word, fires)
