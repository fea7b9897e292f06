"""Context guards: each named rule on sentences where it must and must not block a cue."""

import pytest

from hedgeometer.rules.context import GUARDS
from hedgeometer.text.tokens import tokenize


def passes(guard, sentence, word):
    tokens = tokenize(sentence)
    position = next(i for i, t in enumerate(tokens) if t.lower == word)
    return GUARDS[guard](tokens, position, position)


@pytest.mark.parametrize("guard, sentence, word, expected", [
    ("not_month", "The meeting is in May.", "may", False),
    ("not_month", "May 5 was sunny.", "may", False),
    ("not_month", "Prices may rise.", "may", True),
    ("not_month", "May I say a word?", "may", True),
    ("not_month", "May last year was the wettest on record.", "may", False),
    ("not_month", "May and June were dry.", "may", False),
    ("not_month", "May prices keep rising.", "may", True),
    ("not_month", "Minister May Resign Amid Scandal", "may", True),  # a headline capitalises every word
    ("not_month", "Talks Resume In May", "may", False),
    ("not_month", "Elections Set For May 5", "may", False),
    ("not_month", "He met the Prime Minister in London in May.", "may", False),
    ("not_name", "She won her first Grand Slam title in Paris.", "slam", False),
    ("not_name", "Unions slam the pay offer.", "slam", True),
    ("not_name", "Unions Slam Pay Offer As Strike Looms", "slam", True),
    ("not_name", "Slam poetry is back.", "slam", True),
    ("not_noun", "He pushed with all his might.", "might", False),
    ("not_noun", "The will of the people prevailed.", "will", False),
    ("not_noun", "Russia's military might.", "might", False),
    ("not_noun", "Prices might rise.", "might", True),
    ("not_past_ability", "As a child she could swim a mile.", "could", False),
    ("not_past_ability", "Rescuers could not reach the village.", "could", False),
    ("not_past_ability", "She could see the smoke from her window.", "could", False),
    ("not_past_ability", "The reform could cost jobs.", "could", True),
    ("not_scheduled", "The council will meet on Monday.", "will", False),
    ("not_scheduled", "The shop will open at 9 tomorrow.", "will", False),
    ("not_scheduled", "The ruling will reshape the industry.", "will", True),
    ("not_negated", "The evidence is not clearly against him.", "clearly", False),
    ("not_negated", "He is clearly wrong.", "clearly", True),
    ("not_literal", "He stood on the brink of the cliff.", "brink", False),
    ("not_literal", "The region is on the brink of war.", "brink", True),
    ("not_manner", "She spoke clearly and slowly.", "clearly", False),
    ("not_manner", "The path is clearly marked.", "clearly", False),
    ("not_manner", "It was clearly a mistake.", "clearly", True),
    ("not_determiner", "Certain members objected.", "certain", False),
    ("not_determiner", "It is certain that he lied.", "certain", True),
    ("not_noun_sense", "Police arrested two suspects.", "suspects", False),
    ("not_noun_sense", "She suspects that he lied.", "suspects", True),
    ("not_noun_sense", "Many suspect that he lied.", "suspect", True),
    ("not_noun_sense", "Estimates of the damage vary.", "estimates", False),
    ("before_quantity", "Fans came from around the world.", "around", False),
    ("before_quantity", "About 40 people were evacuated.", "about", True),
    ("before_quantity", "Around half of the staff left.", "around", True),
    ("before_quantity", "Some residents left.", "some", False),
    ("before_quantity", "Some 300 residents left.", "some", True),
    ("not_deontic", "The government should resign.", "should", False),
    ("not_deontic", "That should help.", "should", True),
    ("not_scheduled", "Hunt will say today that growth is back.", "will", False),
    ("not_scheduled", "The president will hold a press conference.", "will", False),
    ("not_named_source", "One resident, Mary Jones, said the water was brown.", "one", False),
    ("not_named_source", "One resident said the water was brown.", "one", True),
    ("not_plain_quantifier", "Many people were tortured.", "people", False),
    ("not_plain_quantifier", "Many people believe the vote was rigged.", "people", True),
    ("not_denied", "There is no doubt he lied.", "doubt", False),
    ("not_denied", "Doubts remain.", "doubts", True),
    ("not_feasibility", "Reply as soon as possible.", "possible", False),
    ("not_feasibility", "A possible link was found.", "possible", True),
    ("not_rather_than", "Prices rose rather than fell.", "rather", False),
    ("not_rather_than", "It was rather dull.", "rather", True),
    ("not_reported", "She said she would resign.", "would", False),
    ("not_reported", "That would be a mistake.", "would", True),
    ("not_habitual", "A fox will usually avoid people.", "will", False),
    ("not_habitual", "The reform will reshape the industry.", "will", True),
    ("not_turned_out", "This proved to be a mistake.", "proved", False),
    ("not_turned_out", "This proves that the policy failed.", "proves", True),
])
def test_guard(guard, sentence, word, expected):
    assert passes(guard, sentence, word) is expected
