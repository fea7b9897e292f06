"""Who is speaking: count named and unnamed (vague) sources in an article.

Unnamed sources are the attribution cues the lexicon finds ("citing unnamed sources",
"analysts say", "it is believed"). Named sources are found by a rule over each sentence: a
reporting verb ("said", "told", "reported", "confirmed", "according to"...) with a capitalised
name or organisation close to it ("Turkey's Foreign Minister Hakan Fidan said", "said Maria
Lopez", "the Russian Foreign Ministry has yet to confirm"). Runs that open on a function word
("What", "For", "We're"), places after "in"/"at"/"from" and things ("the Withdrawal
Agreement") are not names. An article's summary counts each name once. No model, no download;
it misses names written in lower case and counts a capitalised common noun now and then.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from .lexicon import CueMatch
from ..text.tokens import Tokens

REPORTING_VERBS = frozenset(
    """say says said saying tell tells told report reports reported reporting stated
    announce announces announced confirm confirms confirmed add adds added note notes noted warn
    warns warned argue argues argued claim claims claimed write writes wrote insist insists insisted
    explain explains explained deny denies denied tweeted posted according citing cited quoted
    acknowledged admitted estimated estimates predicted""".split()
)
# Capitalised words that open sentences or name no one: function words, pronouns, question
# words, auxiliaries and common openers ("What we need is calm," he said; "For now," she said),
# days and months. A run of capitals never starts on one of these.
_NOT_NAMES = frozenset(
    """the a an in on at but and or as after before when while however this that these those his her
    their its it he she they we i you me him us them my our your there some many most officials
    sources analysts experts critics observers according just yet still also one two three monday
    tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december what who whom whose which why how where whether
    for with from by to of into onto under over about during without despite since until through
    like unlike outside inside among amid against near beyond within across behind
    if because although though unless so nor than then now here today yesterday tomorrow tonight
    last next already even only perhaps maybe instead meanwhile again never always indeed yes no
    not please thanks well oh every each all any both such another other is are was were be been
    do does did have has had will would can could should must shall let asked speaking earlier later first finally once overall separately elsewhere moreover furthermore
    nevertheless nonetheless therefore thus hence besides additionally""".split()
)
# The first part of a contraction that is no name: "We're", "It's", "Don't", "That's".
_CONTRACTED = frozenset(
    """we it i you he she they that there what who here let don can won isn aren wasn weren didn
    doesn haven hasn hadn couldn wouldn shouldn mustn""".split()
)
# Words just before a capitalised run that make it a place or a time ("officials in Ipswich
# said", "he told reporters at Westminster"), unless a person's role comes before "at"/"from"
# ("an economist at Barclays said", "a spokeswoman from Oxfam").
_PLACE_LEADS = frozenset({"in", "at", "from"})
_ROLE_NOUNS = frozenset(
    """analyst analysts economist economists strategist strategists professor researcher
    researchers spokesman spokeswoman spokesperson official officials director chief head lecturer
    scientist scientists expert experts lawyer lawyers doctor doctors executive executives
    manager chairman chairwoman chair president secretary minister fellow partner adviser advisor
    editor correspondent""".split()
)
# Last words of capitalised runs that name a thing, not a person or organisation: the
# "Withdrawal Agreement", the "Climate Change Act", the "World Cup", "Heathrow Airport".
_THING_HEADS = frozenset(
    """agreement act bill treaty deal plan strategy report review declaration accord protocol
    directive regulation regulations amendment article law laws rule rules day week year month
    cup championship championships games olympics festival awards award prize road avenue
    square park bridge station airport river mountain mountains island islands sea ocean lake
    valley war crisis summit budget election elections referendum pandemic virus scheme index
    match final derby""".split()
)
# Words after a lone capitalised word that make it the subject: "Smith said", "Smith has told",
# "Smith, who", "Smith also warned".
_SUBJECT_FOLLOWS = frozenset(
    """said says told tells added adds wrote writes noted warned explained claimed confirmed
    announced stated insisted argued denied reported tweeted posted admitted acknowledged
    predicted estimated has had have was is will would also later then who and earlier
    previously recently""".split()
)
# Function words after a lone capitalised word that leave it a possible subject: "Sullivan in a
# statement said", "Smith on Tuesday told".
_LINKS = frozenset(
    """in on at to for with by from of as after before during when while who which that also then
    since until about over under into according himself herself itself however""".split()
)
# Punctuation after which a capital opens a sentence: a dateline dash, a colon, a bracket, a quote.
_OPENERS = frozenset({"—", "–", "-", ":", "(", '"', "“", "‘", "'"})
# Demonyms and party words, adjectives before a noun ("Iranian media", "Turkish officials",
# "Saudi journalist", "Republican senators"): their endings, and the common ones ending otherwise.
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
_DEMONYMS = frozenset(
    """american african mexican german israeli iraqi saudi pakistani afghan thai yemeni kuwaiti
    qatari emirati bangladeshi somali arab republican democrat democratic conservative liberal
    labour tory muslim catholic islamic""".split()
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady"})
# Words before a reporting word that make it a noun: "his claims", "Smith's notes", "the report".
_NOUN_LEADS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this", "that", "such", "false", "new"})
# Verbs whose source comes after them ("according to X", "citing X"); "said X" goes both ways.
_FORWARD = frozenset({"according", "citing", "cited", "quoted"})
_BOTH_WAYS = frozenset({"said", "says", "told", "added", "wrote", "noted", "warned", "explained"})
_NAME_GLUE = frozenset({"of", "for", "the", "de", "al", "von", "van", "'s", "and", "-"})
WINDOW = 8


class SourceMention(NamedTuple):
    kind: str  # "named" or "unnamed"
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def _acronym(word: str) -> bool:
    """"WHO", "US", "FBI": an acronym is a name even when it spells a function word."""
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha()


def _not_a_name(word: str, lower: str) -> bool:
    """A capitalised word that cannot open a name: a function word or a contraction of one."""
    if _acronym(word):
        return False
    if lower in _NOT_NAMES:
        return True
    if "'" in lower:  # tokens fold ’ to '
        head, _, tail = lower.partition("'")
        return head in _CONTRACTED or head in _NOT_NAMES or tail in {"re", "ve", "ll", "m", "d", "t"}
    return False


def _name_runs(tokens: Tokens) -> list[tuple[int, int]]:
    """Token index ranges [first, last] of capitalised runs that look like names of people or
    organisations: not opening on a function word, not a place after "in"/"at"/"from", not a
    thing ("the Withdrawal Agreement"), not a lone initial or a demonym before its noun
    ("Iranian media"), and, opening a sentence alone, only as the subject of what follows
    ("Smith said", "Smith, the mayor, said"; not "Shots rang out, police said")."""
    runs = []
    text, lower, is_word = tokens.text, tokens.lower, tokens.is_word
    n_tokens = len(lower)
    k = 0
    while k < n_tokens:
        if is_word[k] and text[k][0].isupper() and not _not_a_name(text[k], lower[k]):
            last = k
            j = k + 1
            while j < n_tokens:
                if is_word[j] and text[j][0].isupper():
                    if _line_break_before(tokens, j):
                        break  # a title line and the next line are two things
                    last = j
                elif lower[j] in _NAME_GLUE or text[j] in {"’s", "'s"}:
                    pass
                elif lower[j] == "." and (lower[j - 1] in _HONORIFICS or len(lower[j - 1]) == 1):
                    pass  # "Mr. Smith", "John F. Kennedy"
                else:
                    break
                j += 1
            if not (_is_place(tokens, k) or _is_thing(tokens, k, last) or _is_not_a_subject(tokens, k, last)):
                runs.append((k, last))
            k = last + 1
        else:
            k += 1
    return runs


def _line_break_before(tokens: Tokens, k: int) -> bool:
    return "\n" in tokens.source[tokens.start(k - 1) - tokens.offset:tokens.start(k) - tokens.offset]


def _is_not_a_subject(tokens: Tokens, first: int, last: int) -> bool:
    """A run of initials only ("U.S."), a demonym before a lower-case word ("Iranian media",
    "Turkish officials"), or a lone capitalised word opening the sentence before a lower-case
    word that is neither a verb of saying, an auxiliary nor a function word ("Shots rang out",
    "Newly released papers"; not "Smith said", "Smith has", "Smith in a statement"); after a
    dash, colon, bracket or opening quote a word opens the sentence too."""
    lower, is_word = tokens.lower, tokens.is_word
    words = [lower[k] for k in range(first, last + 1) if is_word[k]]
    if all(len(word) == 1 for word in words):
        return True
    if first != last:
        return False
    word = lower[first]
    after = lower[first + 1] if first + 1 < len(lower) else ""
    lower_after = bool(after) and is_word[first + 1] and after.islower() and tokens.text[first + 1].islower()
    subject = after in _SUBJECT_FOLLOWS or after in REPORTING_VERBS
    demonym = word.endswith(_DEMONYM_ENDINGS) or word in _DEMONYMS
    if demonym and lower_after and not subject and after not in _LINKS and not _acronym(tokens.text[first]):
        return True  # "Iranian media reported", not "Sullivan in a statement said"
    if any(is_word[:first]) and not (first and tokens.lower[first - 1] in _OPENERS):
        return False
    if word.endswith("ly") and not subject:
        return True  # "Recently, he said"; not "Kelly said"
    return lower_after and not subject and after not in _LINKS  # "Shots rang out", "Newly released"


def _is_place(tokens: Tokens, first: int) -> bool:
    """A run after "in", "at" or "from" is a place ("officials in Ipswich", "told reporters at
    Westminster"), unless a person's role comes before "at"/"from" ("an economist at Barclays")."""
    lower, is_word = tokens.lower, tokens.is_word
    before = first - 1
    if before < 0 or lower[before] not in _PLACE_LEADS:
        return False
    return lower[before] == "in" or not (before >= 1 and is_word[before - 1] and lower[before - 1] in _ROLE_NOUNS)


def _is_thing(tokens: Tokens, first: int, last: int) -> bool:
    """A run of two or more words ending in a thing noun ("Withdrawal Agreement", "World Cup")."""
    return last > first and tokens.lower[last].removesuffix("'s").removesuffix("’s") in _THING_HEADS


def find_sources(tokens: Tokens, cues: Sequence[CueMatch], text: str, offset: int = 0) -> list[SourceMention]:
    """Named and unnamed source mentions in one sentence (offsets as the tokens')."""
    mentions = [SourceMention("unnamed", c.text, c.start, c.end) for c in cues if c.dimension == "attribution"]
    if REPORTING_VERBS.isdisjoint(tokens.lower):
        return mentions  # no reporting verb, so no named source (most sentences stop here)
    unnamed_spans = [(c.start, c.end) for c in mentions]
    runs = _name_runs(tokens)
    # runs are in order and apart, so those within WINDOW of a verb are one slice of the list
    # (found by bisection: a sentence with thousands of names and verbs stays linear)
    run_firsts, run_lasts = [first for first, _ in runs], [last for _, last in runs]
    used: set[tuple[int, int]] = set()
    lower = tokens.lower
    for position, word in enumerate(lower):
        if word not in REPORTING_VERBS:
            continue
        if position and (lower[position - 1] in _NOUN_LEADS or lower[position - 1].endswith(("'s", "’s"))):
            continue  # "his claims", "Trump's claims", "the report": a noun, no one reporting
        best = None
        nearby = runs[bisect_left(run_lasts, position - WINDOW):bisect_right(run_firsts, position + WINDOW)]
        for first, last in nearby:
            if (first, last) in used:
                continue
            before = last < position
            if word in _FORWARD and before or word not in _FORWARD | _BOTH_WAYS and not before:
                continue
            distance = position - last if before else first - position
            # a subject before the verb beats a name after it at the same distance
            key = (distance, not before)
            if 0 < distance <= WINDOW and (best is None or key < best[0]):
                best = (key, first, last)
        if best is None:
            continue
        _, first, last = best
        start, end = tokens.start(first), tokens.end(last)
        if any(a < end and start < b for a, b in unnamed_spans):
            continue
        used.add((first, last))
        mentions.append(SourceMention("named", text[start - offset:end - offset], start, end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _name_key(text: str) -> tuple[str, ...]:
    """The words of a name, case-folded, without a possessive or an honorific: "Mr Smith's" and
    "Smith" are ("smith",)."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in text.replace("’", "'").casefold().split()]
    while len(words) > 1 and words[0].rstrip(".") in _HONORIFICS:
        words = words[1:]
    return tuple(words)


def distinct_names(mentions: Sequence[SourceMention]) -> list[str]:
    """The named sources of an article, each once, in order of first mention. A repeat of a name
    counts once, and so does a surname after the full name ("Maria Lopez" ... "Lopez" ... "Ms
    Lopez")."""
    names: list[str] = []
    keys: list[tuple[str, ...]] = []
    for mention in mentions:
        if mention.kind != "named":
            continue
        key = _name_key(mention.text)
        if not key:
            continue
        same = next((k for k, known in enumerate(keys) if known == key
                     or len(key) == 1 and known[-1] == key[0] or len(known) == 1 and key[-1] == known[0]), None)
        if same is None:
            names.append(mention.text)
            keys.append(key)
        elif len(key) > len(keys[same]):  # "Lopez" first, "Maria Lopez" later: keep the fuller name
            names[same], keys[same] = mention.text, key
    return names


def summarise_sources(mentions: Sequence[SourceMention]) -> dict:
    """Counts for an article: ``named`` distinct named sources (a repeated name counts once;
    ``named_mentions`` counts every mention), ``unnamed`` vague-source mentions, and the share
    of unnamed among them."""
    names = distinct_names(mentions)
    named = len(names)
    unnamed = sum(1 for m in mentions if m.kind == "unnamed")
    return {
        "named": named,
        "named_mentions": sum(1 for m in mentions if m.kind == "named"),
        "names": names,
        "unnamed": unnamed,
        "unnamed_share": round(unnamed / (named + unnamed), 4) if named + unnamed else 0.0,
        "mentions": [m.to_dict() for m in mentions],
    }
