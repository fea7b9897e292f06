"""The rhetorical dimensions hedgeometer scores, in report order."""

DIMENSIONS = ("hedging", "speculation", "dramatic", "attribution", "booster")

# One letter per dimension: the renderers' badges and cue marks ("[[may]]H"), so a label shows
# without colour.
LETTERS = {"hedging": "H", "speculation": "S", "dramatic": "D", "attribution": "A", "booster": "B"}

DESCRIPTIONS = {
    "hedging": "softened commitment (may, might, appears to, suggests, somewhat)",
    "speculation": "unconfirmed events, conjecture, rumour, prediction (is expected to, sparked speculation)",
    "dramatic": "loaded, sensational, cliched imagery (on the brink, shrouded in a veil, sent ripples)",
    "attribution": "vague or unnamed sourcing (citing unnamed sources, analysts say)",
    "booster": "overstated certainty (undoubtedly, unwavering, will forever alter)",
}

# The dimensions of an "uncertain" sentence, in report order: the one question that uncertainty
# corpora (CoNLL-2010, WikiWeasel) annotate, answered by any of the three.
UNCERTAIN_DIMENSIONS = ("hedging", "speculation", "attribution")

# Sentences whose score passes this are labelled with the dimension (override per dimension).
DEFAULT_THRESHOLD = 0.5
DIMENSION_INDEX = {d: k for k, d in enumerate(DIMENSIONS)}  # column of each dimension in score matrices
