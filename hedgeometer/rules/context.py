"""Named context guards: rules a cue's surroundings must pass for the cue to count.

A lexicon row lists guards by name in its ``guards`` column (``may ... not_month``). Each guard
gets the sentence's tokens and the matched token range ``[first, last]`` and returns True when
the match should count. Guards only look at tokens near the match (at most ``_SENTENCE_REACH``
either side), so they are cheap and their cost never grows with the length of the sentence.
The word lists are deliberately short and documented; extend them here.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Callable

from ..text.tokens import Tokens

Guard = Callable[[Tokens, int, int], bool]

NEGATORS = frozenset({"not", "never", "no", "without", "nor", "hardly", "barely", "cannot"})

# Words that follow the month but never the modal: "May last year", "May was", "May to July".
_MONTH_FOLLOWS = frozenset(
    {"last", "this", "next", "was", "is", "has", "had", "saw", "brought", "and", "or", "to", "through",
     "marked", "marks", "ended", "ends", "began", "begins", "started", "starts", "will", "would"}
)
# Words that before "May" mark the month ("in May", "since May").
_MONTH_LEADS = frozenset(
    {"in", "since", "until", "till", "of", "early", "late", "mid", "last", "next", "this", "by",
     "from", "through", "during", "before", "after", "between", "on", "each", "every"}
)
# Determiners and possessives that turn a modal into a noun ("his will", "all his might").
_NOUN_LEADS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "whose", "all", "own",
     "free", "political", "military", "economic", "good", "ill", "living", "popular", "sheer",
     "full", "collective", "strong", "iron", "'s", "s", "this", "that"}
)
# Words after a modal that show it is a noun ("the will of the people", "might and main").
_NOUN_FOLLOWS = frozenset({"of", "and", "or", "to", "that", "which", "was", "is", "has", "had"})
_ABILITY_VERBS = frozenset(
    {"reach", "be", "find", "get", "see", "hear", "access", "enter", "locate", "afford", "stand",
     "swim", "run", "walk", "read", "speak", "sleep", "breathe", "contain", "hold", "stop", "move",
     "feel", "smell", "remember", "make", "escape"}
)
# Without a negator only perception reads as past ability ("she could see the smoke").
_PERCEPTION_VERBS = frozenset({"see", "hear", "smell", "feel", "taste", "sense"})
_UNREACHABLE = frozenset({"reached", "found", "contacted", "located", "seen", "heard", "identified"})
_PAST_TIME = re.compile(
    r"\b(?:as an? (?:child|boy|girl|teenager|teen|student|young|youngster)"
    r"|when (?:he|she|they|i|we|it) (?:was|were)|years ago|decades ago|back then|at the time"
    r"|in the (?:1[5-9]|20)\d0s|in (?:1[5-9]\d\d|200\d|201\d)|used to|in those days|until then)\b"
)
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow",
     "tonight"}
)
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)
# Announced appearances: "will say", "will give a speech", "is due to speak". With a time word
# ("today", "later", "this week") or an event noun, they are timetabled, not predicted.
_EVENT_VERBS = frozenset(
    {"say", "tell", "speak", "address", "announce", "unveil", "meet", "visit", "travel", "present",
     "outline", "testify", "appear", "fly", "sign", "open", "launch", "publish", "release", "hear",
     "vote", "debate", "convene", "resume", "brief", "sit", "begin", "start", "arrive", "return"}
)
# Verbs that are an appearance only with an event noun: "will give a speech", "will hold talks".
_EVENT_SUPPORT_VERBS = frozenset({"give", "hold", "make", "deliver", "host", "chair", "attend", "lead", "join"})
_EVENT_NOUNS = frozenset(
    {"speech", "address", "statement", "lecture", "talk", "briefing", "eulogy", "keynote",
     "evidence", "testimony", "conference", "meeting", "talks", "rally", "summit", "referendum",
     "ceremony", "hearing", "funeral", "vigil", "service", "announcement", "interview", "debate",
     "session", "congress", "convention", "delegates", "parliament", "mps", "assembly", "senate",
     "nation", "reporters", "journalists", "press"}
)
# Time words that timetable an announced appearance ("Hunt will say today"); "this"/"later"
# take a period after them.
_TODAY = frozenset({"today", "tonight", "tomorrow", "later", "shortly"})
_PERIODS = frozenset({"morning", "afternoon", "evening", "week", "weekend", "month", "year", "spring", "summer", "autumn", "winter"})
# Adverbs between "will" and its verb: "will also say", "will formally open".
_SCHEDULE_ADVERBS = frozenset({"also", "then", "formally", "personally", "officially", "publicly", "first", "later", "again", "jointly", "each"})
_CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d\d)?(?:am|pm)?$|^noon$|^midnight$")
# Concrete nouns that make "brink", "edge", "veil", "storm" literal when they follow closely.
_PHYSICAL_NOUNS = frozenset(
    {"cliff", "cliffs", "river", "road", "table", "bed", "roof", "pool", "weir", "water", "lake",
     "sea", "bride", "wedding", "lace", "platform", "bridge", "canyon", "pitch", "field",
     "ravine", "waterfall", "ledge", "stage", "crater", "quarry", "pavement", "kerb", "curb",
     "forest", "town", "village", "desk", "page", "screen", "metal", "steel", "furnace", "foundry",
     "rain", "snow", "hail", "winds", "wind", "thunder", "coast", "coastline", "island", "shore"}
)
_MANNER_LEADS = frozenset(
    {"speak", "spoke", "spoken", "speaks", "speaking", "see", "saw", "seen", "sees", "hear",
     "heard", "write", "wrote", "written", "explain", "explained", "state", "stated", "think",
     "thinking", "breathe", "read", "articulate", "articulated", "mark", "marked", "label",
     "labelled", "labeled", "communicate", "communicated", "set", "spelled", "spelt", "laid"}
)
_MANNER_FOLLOWS = frozenset(
    {"visible", "marked", "labelled", "labeled", "defined", "audible", "written", "displayed",
     "signposted", "legible", "printed", "stated", "worded", "heard", "seen", "explained"}
)

# Words that, just before a noun/verb homograph, make it the noun: determiners, numbers,
# possessive pronouns and quantifiers ("two suspects", "the estimates", "what kind of").
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "another", "other", "each", "every", "any",
     "no", "some", "several", "many", "few", "both", "all", "either", "neither", "his", "her",
     "their", "its", "our", "my", "your", "whose", "what", "whatever", "same", "such",
     "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
     "more", "most", "further", "fellow"}
)
# Quantifiers that are also pronoun subjects: "many suspect that..." is the verb, "many
# suspects" the noun, so after these the plural alone decides.
_PLURAL_QUANTIFIERS = frozenset(
    {"some", "many", "few", "most", "several", "both", "all", "more", "others", "two", "three",
     "four", "five", "six", "seven", "eight", "nine", "ten", "dozens"}
)
# Prepositions: "hunt for suspects", "according to estimates", "charges against the suspect".
_PREPOSITIONS = frozenset(
    {"of", "for", "with", "against", "on", "about", "by", "from", "to", "among", "between", "into",
     "in", "at", "as", "like", "than", "over", "under"}
)
# Modifiers that make a noun phrase of "suspect" / "estimate": "murder suspect", "rough estimate".
_NOUN_MODIFIERS = frozenset(
    {"murder", "terror", "terrorism", "criminal", "prime", "main", "key", "chief", "possible",
     "potential", "likely", "usual", "remaining", "armed", "male", "female", "unidentified",
     "unnamed", "unknown", "new", "first", "second", "third", "official", "initial", "early",
     "latest", "rough", "conservative", "preliminary", "budget", "population", "cost", "revised",
     "current", "previous", "independent", "best", "worst", "higher", "lower", "different",
     "particular", "certain", "right", "wrong", "special", "strange", "only", "last", "fresh",
     "crude", "accurate", "reliable", "alleged", "teenage", "young"}
)
# Police verbs whose object is the noun "suspects": "police arrested suspects".
_DETAIN_VERBS = frozenset(
    {"arrested", "arrest", "arresting", "detained", "detain", "questioned", "question", "charged",
     "charge", "identified", "identify", "named", "released", "interviewed", "caught", "catch",
     "apprehended", "sought", "seeking", "hunting", "hunted", "tracked", "traced", "said"}
)
# Words after a plural "suspects"/"estimates" that show the noun: "the suspects fled",
# "estimates vary", "estimates of the damage".
_PLURAL_NOUN_FOLLOWS = frozenset(
    {"were", "are", "was", "is", "have", "had", "fled", "escaped", "remain", "remained", "who",
     "and", "or", "of", "for", "from", "on", "in", "at", "vary", "varied", "differ", "differed",
     "range", "ranged", "put", "suggest", "suggested", "show", "showed", "indicate", "include",
     "included", "will", "would", "could", "may", "might"}
)
# The homographs not_noun_sense knows: the epistemic verb and its noun.
_NOUN_VERB_HOMOGRAPHS = frozenset({"suspect", "suspects", "estimate", "estimates", "kind", "sort", "rock", "rocks", "word"})
# Objects a verb "rock(s)" takes ("scandal rocks the party", "could rock Westminster"); the
# noun ("rock music", "loose rocks", "on the rocks") takes none.
_OBJECT_LEADS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our",
     "your", "my", "him", "them", "us", "me", "it", "world", "markets", "boat"}
)
# "word is" is the rumour formula only opening its clause: "Word is that...", "and word is".
_CLAUSE_OPENERS = frozenset({"and", "but", "so", "now", "yet", "the", "that"})

# Number words an approximator can stand before ("about forty", "some two-thirds", "around half").
_NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
     "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
     "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
     "dozen", "dozens", "score", "half", "third", "thirds", "quarter", "quarters", "fifth",
     "fifths", "tenth", "tenths", "twice", "double", "treble", "triple", "once"}
)
# Units after "a"/"an" that make a quantity: "about a third", "around an hour", "nearly a year".
_UNIT_WORDS = frozenset(
    {"third", "quarter", "half", "dozen", "hundred", "thousand", "million", "billion", "fifth",
     "tenth", "year", "month", "week", "day", "hour", "minute", "decade", "century", "fortnight",
     "mile", "kilometre", "kilometer", "metre", "meter", "foot", "yard", "inch", "tonne", "ton",
     "kilo", "kilogram", "pound", "litre", "liter", "gallon", "percent", "fraction"}
)
# Points of time an approximator can stand before: "around midnight", "about noon".
_TIME_POINTS = frozenset(
    {"noon", "midnight", "midday", "dawn", "dusk", "sunrise", "sunset", "lunchtime", "teatime",
     "christmas", "easter", "january", "february", "march", "april", "june", "july", "august",
     "september", "october", "november", "december"}
)
# After "the": "about the same", "about the size of", "around the 1950s".
_THE_QUANTITIES = frozenset({"same", "size", "age", "height", "length", "level"})
# ... and, after "around" only, a point in time ("around the turn of the century", "around the
# end of May"); "talked about the end of the war" is a topic.
_THE_TIMES = frozenset({"turn", "middle", "end", "start", "beginning", "time", "mid"})
# Quantifiers "nearly"/"almost" approximate ("nearly all", "almost every", "almost no").
_WHOLE_QUANTIFIERS = frozenset({"all", "every", "everyone", "everybody", "everything", "none", "no", "nobody", "nothing"})

# "should" with these subjects gives advice or an obligation: "we should begin", "you should".
_ADDRESSEES = frozenset(
    {"i", "you", "we", "one", "everyone", "everybody", "nobody", "someone", "anyone", "people",
     "government", "ministers", "parliament", "who"}
)
# Adverbs skipped between "should" and its verb.
_MODAL_ADVERBS = frozenset(
    {"not", "also", "still", "now", "soon", "then", "easily", "only", "therefore", "certainly",
     "probably", "really", "eventually", "quickly", "already", "all", "both", "further"}
)
# Verbs of an expected outcome, which make "should" epistemic: "that should help", "the results
# should arrive by Friday", "prices should ease". Any other verb reads as advice or obligation.
_EXPECTED_VERBS = frozenset(
    {"arrive", "help", "improve", "rise", "fall", "increase", "decrease", "grow", "drop", "reach",
     "ease", "last", "happen", "work", "suffice", "recover", "result", "mean", "boost", "lift",
     "peak", "settle", "subside", "follow", "occur", "emerge", "continue", "remain", "pay", "prove"}
)
# ... and states after "should be": "should be ready by June", "that should be enough".
_EXPECTED_STATES = frozenset(
    {"ready", "able", "possible", "enough", "fine", "ok", "okay", "over", "back", "complete",
     "completed", "finished", "available", "known", "sufficient", "done", "straightforward",
     "easy", "there", "here", "open", "in", "up", "out", "higher", "lower", "similar"}
)

# Capitalised words that are no name: sentence openers, pronouns, days ("On Monday, a senior
# official said"; "However, one official said").
_CAPITAL_NON_NAMES = frozenset(
    {"the", "a", "an", "in", "on", "at", "but", "and", "or", "as", "after", "before", "when",
     "while", "however", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
     "there", "yet", "still", "also", "meanwhile", "earlier", "later", "today", "yesterday",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "speaking",
     "asked", "separately", "elsewhere", "privately", "publicly", "instead", "so", "then", "now"}
)
# Words before a capitalised run that make it a place, not a person: "in London, a senior official".
_PLACE_LEADS = frozenset({"in", "at", "from", "near", "outside", "inside", "across", "to", "of", "for", "on", "around", "throughout", "within"})
_SAID = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "explained", "according"})

# Collectives whose business is opinion: "most critics", "some historians" are weasel sources
# with or without a verb. Other collectives ("some residents", "many people") need one.
_OPINION_HOLDERS = frozenset(
    {"critics", "observers", "analysts", "experts", "commentators", "pundits", "historians",
     "scholars", "economists", "sceptics", "skeptics", "insiders", "sources", "officials",
     "diplomats", "academics", "specialists", "strategists", "watchers", "forecasters"}
)
# Verbs of saying, believing and judging that make a collective a source: "many residents say",
# "some people believe", "other parents questioned her faith".
_OPINION_VERBS = frozenset(
    """say says said saying claim claims claimed believe believes believed think thinks thought
    feel feels felt fear fears feared argue argues argued suggest suggests suggested contend
    contends contended insist insists insisted maintain maintains maintained question questions
    questioned questioning wonder wonders wondered doubt doubts doubted suspect suspects
    suspected expect expects expected predict predicts predicted warn warns warned worry worries
    worried complain complains complained describe describes described consider considers
    considered regard regards regarded view views viewed criticise criticised criticize
    criticized praise praised praising hail hailed accuse accused allege alleged reckon reckons
    agree agreed disagree disagreed dispute disputed speculate speculated estimate estimated
    told tell report reported note noted admit admitted concede conceded dismiss dismissed
    condemn condemned blame blamed call called see sees saw hope hoped insisting believing
    claiming arguing saying fearing ask asks asked asking define defines defined object
    objected""".split()
)


def _prev_words(tokens: Tokens, first: int, count: int) -> list[str]:
    found = []
    lower, is_word = tokens.lower, tokens.is_word
    for k in range(first - 1, -1, -1):
        if is_word[k]:
            found.append(lower[k])
            if len(found) == count:
                break
    return found


def _next_words(tokens: Tokens, last: int, count: int) -> list[str]:
    found = []
    lower, is_word = tokens.lower, tokens.is_word
    for k in range(last + 1, len(lower)):
        if is_word[k]:
            found.append(lower[k])
            if len(found) == count:
                break
    return found


def not_negated(tokens: Tokens, first: int, last: int) -> bool:
    """False when a negator (not, never, no, n't, without...) is among the 3 words before."""
    for word in _prev_words(tokens, first, 3):
        if word in NEGATORS or word.endswith("n't"):
            return False
    return True


# "The sentence", for a guard: this many tokens either side of the match. That is all of any
# real sentence, and a bounded slice of a megabyte with no full stop in it.
_SENTENCE_REACH = 60


def _window(tokens: Tokens, first: int, last: int) -> tuple[int, int]:
    return max(0, first - _SENTENCE_REACH), min(len(tokens), last + 1 + _SENTENCE_REACH)


def _word_before(tokens: Tokens, first: int) -> bool:
    """Is the match mid-sentence? (Stops at the first word instead of copying the tokens before.)"""
    return any(islice(tokens.is_word, first))


def _title_case(tokens: Tokens, first: int, last: int) -> bool:
    """Most words capitalised, as in a headline: there a capital says nothing about names."""
    start, stop = _window(tokens, first, last)
    words = [word for word, is_word in zip(tokens.text[start:stop], tokens.is_word[start:stop]) if is_word]
    return 2 * sum(word[:1].isupper() for word in words) > len(words)


def not_month(tokens: Tokens, first: int, last: int) -> bool:
    """False for "May" the month: capitalised mid-sentence (unless the sentence is in title case,
    "Minister May Resign"), after "in"/"since"..., before a day number or year, or opening a
    sentence before a word a modal never takes ("May last year")."""
    capitalised = tokens.text[first] == "May"
    if capitalised and _word_before(tokens, first) and not _title_case(tokens, first, last):
        return False
    previous = _prev_words(tokens, first, 1)
    if previous and previous[0] in _MONTH_LEADS:
        return False
    if last + 1 >= len(tokens):
        return not capitalised
    following = tokens.lower[last + 1]
    if following.isdigit() or following in {",", "-", "–", ")"}:
        return False
    # opening a sentence, "May" before a word no modal takes ("May last year was...", "May and
    # June were wet") is the month
    return not (capitalised and following in _MONTH_FOLLOWS)


def not_noun(tokens: Tokens, first: int, last: int) -> bool:
    """False when a modal (might, will, can, must) is used as a noun."""
    previous = _prev_words(tokens, first, 1)
    if previous and previous[0] in _NOUN_LEADS:
        return False
    if last + 1 >= len(tokens) or not tokens.is_word[last + 1]:
        return False
    return tokens.lower[last + 1] not in _NOUN_FOLLOWS


def not_past_ability(tokens: Tokens, first: int, last: int) -> bool:
    """False for "could" of past ability: a past-time frame in the sentence ("as a child",
    "when she was", "in 1998"), or "could (not)" + an ability verb ("could not be reached")."""
    following = _next_words(tokens, last, 3)
    negated = bool(following) and (following[0] in {"not", "never", "barely", "hardly"} or tokens.lower[last].endswith("n't"))
    if following and following[0] in {"not", "never", "barely", "hardly"}:
        following = following[1:]
    if following:
        if following[0] == "be":
            if following[1:2] and following[1] in _UNREACHABLE:
                return False
        elif following[0] in (_ABILITY_VERBS if negated else _PERCEPTION_VERBS):
            return False
    start, stop = _window(tokens, first, last)
    nearby = " ".join(t for t, is_word in zip(tokens.lower[start:stop], tokens.is_word[start:stop]) if is_word)
    return _PAST_TIME.search(nearby) is None


def _announced(tokens: Tokens, last: int) -> bool:
    """An announced appearance after the match: an event verb ("say", "give", "speak"...) with a
    time word ("will say today", "will speak later this week", "in a speech") or an event noun
    ("will give a speech", "will hold a press conference", "will tell the conference"); after
    "due to", an event verb or "be" alone ("is due to speak", "is due to be sentenced")."""
    following = _next_words(tokens, last, 9)
    while following and following[0] in _SCHEDULE_ADVERBS:
        following = following[1:]
    if not following:
        return False
    due = tokens.lower[last] == "to" and _prev_words(tokens, last, 1) == ["due"]
    if due and (following[0] in _EVENT_VERBS or following[0] == "be"):
        return True
    rest = following[1:]
    if following[0] in _EVENT_SUPPORT_VERBS or following[0] in _EVENT_VERBS:
        if any(word in _EVENT_NOUNS for word in rest[:4]):
            return True
    if following[0] not in _EVENT_VERBS:
        return False
    for position, word in enumerate(rest):
        if word in _TODAY or word in {"this", "next", "later"} and rest[position + 1:position + 2] and rest[position + 1] in _PERIODS:
            return True
    return False


def not_scheduled(tokens: Tokens, first: int, last: int) -> bool:
    """False when a timetable expression follows within 6 words ("will meet on Monday",
    "will open at 9am", "is to sit on 12 June"), for an announced appearance ("Hunt will say
    today", "will give a speech", "will hold a press conference", "is due to speak"), and for the
    causal "due to" ("the delay is due to the strike")."""
    if tokens.lower[last] == "to" and _prev_words(tokens, last, 1) == ["due"]:
        after = _next_words(tokens, last, 1)
        if after and (after[0] in _DETERMINERS or after[0].endswith("'s")):
            return False  # "is due to the strike", "is due to his injury": a cause
    if _announced(tokens, last):
        return False
    following = _next_words(tokens, last, 6)
    for position, word in enumerate(following):
        if word in _WEEKDAYS or _CLOCK.match(word) and position and following[position - 1] in {"at", "from", "by"}:
            return False
        if word in _MONTHS and position + 1 < len(following) and following[position + 1].isdigit():
            return False
        if word.isdigit() and position + 1 < len(following) and following[position + 1] in _MONTHS:
            return False
        if word == "next" and position + 1 < len(following) and following[position + 1] in {"week", "month", "year"} | _WEEKDAYS:
            return False
    return True


def not_literal(tokens: Tokens, first: int, last: int) -> bool:
    """False when a concrete physical noun follows within 3 words ("the edge of the cliff")."""
    return not any(word in _PHYSICAL_NOUNS for word in _next_words(tokens, last, 3))


def not_manner(tokens: Tokens, first: int, last: int) -> bool:
    """False for adverbs of manner: "spoke clearly", "clearly visible", "clearly marked"."""
    previous = _prev_words(tokens, first, 1)
    if previous and previous[0] in _MANNER_LEADS:
        return False
    following = _next_words(tokens, last, 1)
    return not (following and following[0] in _MANNER_FOLLOWS)


def not_determiner(tokens: Tokens, first: int, last: int) -> bool:
    """False for "certain" as a determiner ("certain members objected", "a certain age")."""
    previous = _prev_words(tokens, first, 1)
    if previous and previous[0] in {"a", "in", "under", "on"}:
        return False
    if last + 1 >= len(tokens) or not tokens.is_word[last + 1]:
        return True
    return tokens.lower[last + 1] in {"that", "to", "of", "whether", "about", "he", "she", "they", "we", "it"}


def not_noun_sense(tokens: Tokens, first: int, last: int) -> bool:
    """False when a noun/verb homograph is the noun, not the epistemic verb or hedge: "two
    suspects", "the suspects fled", "police arrested suspects", "estimates of the damage vary",
    "a kind of sound", "what sort of". The noun reading is: opening the sentence (a verb needs
    a subject), after a determiner, number, possessive, preposition or noun modifier, or (plural)
    before a verb or preposition; after "many", "some", "most"... the plural is the noun and the
    singular the verb ("many suspect that"). "-ed"/"-ing" forms ("suspected", "estimated") always
    pass. The verb "rock(s)" needs an object after it ("rocks the party", not "rock music",
    "loose rocks"); "word is" the rumour opens its clause ("Word is that..."), not "the word is
    spelt with two Ls"."""
    word = tokens.lower[first]
    if word not in _NOUN_VERB_HOMOGRAPHS:
        return True
    previous = _prev_words(tokens, first, 1)
    if word == "word":  # "Word is that he will stand"; not "the word is spelt with two Ls"
        return not previous or previous[0] in _CLAUSE_OPENERS - {"the", "that"}
    if word in {"rock", "rocks"}:  # the verb takes an object: "the scandal rocks the party"
        following = _next_words(tokens, last, 1)
        if not following or not (following[0] in _OBJECT_LEADS or tokens.text[last + 1][:1].isupper()):
            return False
    if not previous:
        return word in {"kind", "sort"}  # "Kind of odd, he said." is the hedge
    before = previous[0]
    if before in _PLURAL_QUANTIFIERS and word not in {"kind", "sort"}:
        return not word.endswith("s")  # "many suspects" the noun, "many suspect that" the verb
    if (before in _DETERMINERS or before in _PREPOSITIONS or before in _NOUN_MODIFIERS
            or before.endswith("'s") or before[0].isdigit()):
        return False
    if word in {"kind", "sort"}:
        return True
    if before in _DETAIN_VERBS:
        return False
    following = _next_words(tokens, last, 1)
    return not (word.endswith("s") and following and following[0] in _PLURAL_NOUN_FOLLOWS)


def _is_quantity(words: list[str], whole: bool = False, times: bool = False) -> bool:
    """Do ``words`` open a quantity: a number, number word, "a third", a clock time, "the same"?"""
    if not words:
        return False
    word = words[0]
    head = word.split("-")[0]  # "two-thirds", "forty-five", "mid-afternoon"
    if word[0].isdigit() or head in _NUMBER_WORDS or word in _TIME_POINTS or head == "mid":
        return True
    if whole and word in _WHOLE_QUANTIFIERS:
        return True
    if word in {"a", "an"} and len(words) > 1:
        return words[1] in _UNIT_WORDS
    if word == "the" and len(words) > 1:
        return words[1][0].isdigit() or words[1] in _THE_QUANTITIES or times and words[1] in _THE_TIMES
    return False


def before_quantity(tokens: Tokens, first: int, last: int) -> bool:
    """False unless the approximator stands before a quantity: "about 40 people", "around 3pm",
    "about a third", "around half", "some 300", "up to 20 years", "nearly all". So the
    preposition ("around the station", "asked about the car", "around the world"), the plain
    quantifier ("some residents left"), the adverb ("it is nearly finished", "he almost died")
    and the discourse use ("at least he tried", "it is up to you") are not approximators."""
    word = tokens.lower[last]
    return _is_quantity(_next_words(tokens, last, 2), word in {"nearly", "almost"}, word == "around")


def not_deontic(tokens: Tokens, first: int, last: int) -> bool:
    """False for "should" of advice or obligation ("We should begin by being realistic", "The
    government should resign", "you should", "should have acted"); passes the epistemic "should"
    of an expected outcome ("that should help", "the results should arrive by Friday", "it should
    be ready by June"). Epistemic uses are the rarer, so the verb must be one of an outcome."""
    previous = _prev_words(tokens, first, 1)
    if not previous or previous[0] in _ADDRESSEES:
        return False  # "Should the talks fail, ...", "Should we...?", "we should", "you should"
    following = [w for w in _next_words(tokens, last, 4) if w not in _MODAL_ADVERBS]
    if not following or following[0] in {"have", "'ve"}:
        return False  # "should have resigned": a reproach
    if following[0] == "be":
        return len(following) > 1 and following[1] in _EXPECTED_STATES
    if following[0] == "take":  # "should take about an hour", not "should take responsibility"
        rest = following[1:]
        if rest and rest[0] in {"about", "around", "roughly", "nearly", "up", "several", "many", "some"}:
            return True
        return _is_quantity(rest) or bool(rest) and rest[0] in {"weeks", "months", "years", "days", "hours", "time", "longer"}
    if following[0] == "come":
        return following[1:2] == ["as"]  # "should come as no surprise"
    return following[0] in _EXPECTED_VERBS


def _name_word(tokens: Tokens, k: int) -> bool:
    return tokens.is_word[k] and tokens.text[k][:1].isupper() and tokens.lower[k] not in _CAPITAL_NON_NAMES


def not_named_source(tokens: Tokens, first: int, last: int) -> bool:
    """False when the unnamed-sounding source is named beside it, in apposition: "A senior
    official, John Smith, said", "One resident, Mary Jones, told", "said Jane Smith, a
    spokeswoman who", "Tom Brown, a friend of the family". A name is a capitalised run that is not
    a sentence opener or pronoun: after the match's comma it must close with a comma or a saying
    verb; before the match's comma it must have two words (or follow "said"), not after "in",
    "at"... (a place)."""
    lower, n_tokens = tokens.lower, len(tokens)
    start, stop = _window(tokens, first, last)
    # after: "<match> [words], Name Name, said"
    for k in range(last + 1, min(stop, last + 8)):
        if lower[k] == ",":
            j = k + 1
            while j < n_tokens and _name_word(tokens, j):
                j += 1
            if j > k + 1 and j < n_tokens and (lower[j] == "," or lower[j] in _SAID):
                return False
            break
        if not tokens.is_word[k]:
            break
    # before: "Name Name, <match>"
    if first - 2 >= start and lower[first - 1] == ",":
        j = first - 2
        while j >= start and _name_word(tokens, j):
            j -= 1
        length = first - 2 - j
        lead = lower[j] if j >= start else ""
        if length >= 2 and lead not in _PLACE_LEADS or length == 1 and lead in _SAID:
            return False
    return True


def not_plain_quantifier(tokens: Tokens, first: int, last: int) -> bool:
    """False for a quantified collective that is no source: "many people were tortured", "some
    residents left", "and many others". It is a vague source when the collective's business is
    opinion ("most critics", "some historians") or a verb of saying or believing follows within
    four words ("many residents say", "some people, however, believe", "other parents
    questioned her faith")."""
    if tokens.lower[last] in _OPINION_HOLDERS:
        return True
    return any(word in _OPINION_VERBS for word in _next_words(tokens, last, 4))


# Words before "doubt" that deny it, turning it into certainty: "no doubt", "without doubt",
# "beyond (a reasonable) doubt", "little doubt", "no reason to doubt", "never doubted".
_DOUBT_DENIERS = NEGATORS | {"beyond", "little", "shadow"}


def not_denied(tokens: Tokens, first: int, last: int) -> bool:
    """False when the doubt is denied ("there is no doubt", "without doubt", "beyond reasonable
    doubt", "there is little doubt", "I don't doubt it", "the benefit of the doubt"): that is
    certainty (a booster row), not a hedge. "Doubts remain", "I doubt it" and "cast doubt" pass."""
    previous = _prev_words(tokens, first, 3)
    if any(word in _DOUBT_DENIERS or word.endswith("n't") for word in previous):
        return False
    return previous[:3] != ["the", "of", "benefit"]


# Words before "possible" that make it feasibility, not likelihood: "as soon as possible", "where
# possible", "the best possible", "every possible".
_FEASIBILITY_LEADS = frozenset(
    {"as", "where", "wherever", "whenever", "if", "best", "worst", "highest", "lowest", "greatest",
     "fullest", "maximum", "minimum", "largest", "smallest", "biggest", "earliest", "fastest",
     "every", "all", "made", "make", "makes", "making", "humanly", "technically", "physically",
     "legally", "financially", "feasible"}
)


_SUPERLATIVES = frozenset({"best", "worst", "highest", "lowest", "greatest", "fullest", "largest", "smallest", "biggest", "earliest", "fastest", "maximum", "minimum"})


def not_feasibility(tokens: Tokens, first: int, last: int) -> bool:
    """False for "possible" of feasibility rather than likelihood: "as soon as possible", "where
    possible", "the highest possible", "made it possible", "it is possible to cross the river".
    "It is possible that", "a possible link", "possible" alone in a judgement stay hedges."""
    previous = _prev_words(tokens, first, 2)
    if previous and previous[0] in _FEASIBILITY_LEADS:
        return False
    if len(previous) == 2 and previous[1] in _SUPERLATIVES:
        return False  # "the best result possible", "the highest price possible"
    if len(previous) == 2 and previous[1] in {"made", "make", "makes", "making"}:
        return False  # "made it possible", "make this possible"
    following = _next_words(tokens, last, 1)
    return following != ["to"]


def not_rather_than(tokens: Tokens, first: int, last: int) -> bool:
    """False for "rather than", "would rather", "or rather": a contrast, a preference or a
    correction, not the downtoner "rather large"."""
    if _next_words(tokens, last, 1) == ["than"]:
        return False
    previous = _prev_words(tokens, first, 1)
    return not (previous and (previous[0] in {"would", "or", "i'd", "we'd", "they'd", "he'd", "she'd", "you'd"}))


# Reporting verbs whose "would" is future-in-the-past: "she said she would resign".
_REPORTED = frozenset(
    """said told announced promised pledged vowed confirmed insisted added stated declared
    warned agreed decided hoped expected predicted thought knew believed feared assured claimed
    revealed explained wrote reported suggested indicated signalled signaled threatened""".split()
)
# What follows a narrative or wishing "would": "he would later found", "she would go on to
# win", "we would like to thank", "I would rather stay".
_NARRATIVE_FOLLOWS = frozenset({"later", "eventually", "subsequently", "go", "soon", "like", "love", "rather"})


def not_reported(tokens: Tokens, first: int, last: int) -> bool:
    """False for "would" that is no conditional: future-in-the-past after a reporting verb ("she
    said she would resign", "the firm announced it would close the plant"), the narrative past
    ("she would later run for mayor", "she would go on to win") and the wish ("we would
    like to thank"). GUIDELINES: "would" in reported speech is not a hedge; "That would be a
    mistake" still is."""
    following = _next_words(tokens, last, 1)
    if following and following[0] in _NARRATIVE_FOLLOWS:
        return False
    return not any(word in _REPORTED for word in _prev_words(tokens, first, 5))


_FREQUENCY = frozenset(
    {"usually", "often", "generally", "typically", "normally", "sometimes", "frequently",
     "occasionally", "commonly", "rarely", "seldom", "tend"}
)


def not_habitual(tokens: Tokens, first: int, last: int) -> bool:
    """False for "will" of habit or disposition, no prediction: "a fox will usually avoid
    people", "a cat will often land on its feet"."""
    following = _next_words(tokens, last, 2)
    return not any(word in _FREQUENCY for word in following)


def not_turned_out(tokens: Tokens, first: int, last: int) -> bool:
    """False for "prove" that is no emphatic truth claim: "proved to be", "proved costly" (turned
    out), "could prove", "to prove that" (a conjecture or a purpose). "This proves that",
    "proved the body was not his" stay boosters."""
    previous = _prev_words(tokens, first, 1)
    if previous and (previous[0] in {"could", "may", "might", "would", "will", "to", "must", "can", "should"}):
        return False
    following = _next_words(tokens, last, 1)
    return bool(following) and (following[0] in _OBJECT_LEADS or following[0] in {"that", "beyond", "what", "how", "why", "once", "conclusively", "definitively", "him", "her"})


# Participles that, before of/by/as/to, are passive: "people suspected of", "patients described
# as", "residents warned to leave" ("experts warned of a crisis" is active and stays).
_PASSIVE_PARTICIPLES = frozenset(
    {"suspected", "accused", "described", "thought", "believed", "considered", "regarded",
     "expected", "estimated", "said", "reported", "hailed", "questioned", "feared", "claimed"}
)


def not_participle(tokens: Tokens, first: int, last: int) -> bool:
    """False when "<collective> <verb>" is no collective saying anything: a passive participle
    phrase ("patients suspected of carrying the virus", "patients described as frail")
    or "a few" before a plural noun ("a few questions", "a few hints")."""
    word = tokens.lower[last]
    following = _next_words(tokens, last, 1)
    if word in _PASSIVE_PARTICIPLES and following and following[0] in {"of", "by", "as", "to"}:
        return False
    previous = _prev_words(tokens, first, 1)
    return not (tokens.lower[first] == "few" and previous == ["a"] and word.endswith("s"))


def not_name(tokens: Tokens, first: int, last: int) -> bool:
    """False when the cue opens with a capital mid-sentence, as part of a name ("her first Grand
    Slam title", "the Crucible Theatre"), unless the sentence is in title case (a headline)."""
    if not tokens.text[first][:1].isupper() or not _word_before(tokens, first):
        return True
    return _title_case(tokens, first, last)


GUARDS: dict[str, Guard] = {
    "not_negated": not_negated,
    "not_month": not_month,
    "not_noun": not_noun,
    "not_past_ability": not_past_ability,
    "not_scheduled": not_scheduled,
    "not_literal": not_literal,
    "not_manner": not_manner,
    "not_determiner": not_determiner,
    "not_name": not_name,
    "not_noun_sense": not_noun_sense,
    "before_quantity": before_quantity,
    "not_deontic": not_deontic,
    "not_named_source": not_named_source,
    "not_plain_quantifier": not_plain_quantifier,
    "not_denied": not_denied,
    "not_feasibility": not_feasibility,
    "not_rather_than": not_rather_than,
    "not_reported": not_reported,
    "not_habitual": not_habitual,
    "not_turned_out": not_turned_out,
    "not_participle": not_participle,
}
