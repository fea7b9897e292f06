"""The shipped analyzer (lexicon and model together) on the sentences a reading of real news
found mislabelled: `hedgeometer lexicon explain` must give the right labels for each.

tests/test_false_friends.py checks the lexicon's part (cues and guards) alone; this checks what a
user sees with the default model, so a retrained model that brings a false friend back fails here.
"""

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main

CASES = [
    # (sentence, dimension, expected label)
    ("Police arrested two suspects near the station on Friday.", "hedging", False),
    ("Police arrested two suspects near the station on Friday.", "speculation", False),
    ("Officers searched the area around the station.", "hedging", False),
    ("Detectives asked him about the car.", "hedging", False),
    ("About 40 people were evacuated from the building.", "hedging", True),
    ("We should begin by being realistic.", "hedging", False),
    ("Hunt will say today that the economy is turning a corner.", "speculation", False),
    ("The prime minister will give a speech in Manchester.", "speculation", False),
    ("The vote is expected to collapse.", "speculation", True),
    ("The government is on the brink after the vote.", "dramatic", True),
    ("Talks on the brink as unions walk out.", "dramatic", True),
    ("The Plague Is AIRBORNE as Doctors Describe 'Dancing With Corpses'", "dramatic", True),
    ("Outside the courtroom, Rombot said: \"We will appeal.\"", "attribution", False),
    ("Smith told reporters the deal was done.", "attribution", False),
    ("Critics say the plan will fail.", "attribution", True),
    ("Officials said the talks had stalled, citing unnamed sources.", "attribution", True),
]


@pytest.mark.parametrize("sentence, dimension, expected", CASES)
def test_explain_gives_the_right_label(sentence, dimension, expected):
    result = CliRunner().invoke(main, ["lexicon", "explain", sentence])
    assert result.exit_code == 0, result.output
    labels_line = next(line for line in result.output.splitlines() if line.startswith("labels:"))
    labelled = dimension in labels_line.split(":", 1)[1].replace(",", " ").split()
    assert labelled == expected, result.output
