"""Lines of a real page that are not the article's prose, told line by line.

Text copied from a news page, or extracted from its HTML, carries page furniture on lines of
their own: labels ("SPONSORED", "Advertisement", "Read more: ..."), photo credits, bylines and
datelines, the footer of an embedded post ("— Jane Doe (@janedoe) March 3, 2024"). Scored, each
would be a sentence, or, with no full stop of its own, would run into the next one. Two kinds:

* **boilerplate** lines are not prose: :func:`blank_boilerplate` turns them into spaces (same
  length, so offsets still index the text) and they are never scored;
* **standalone** lines are prose that stands apart: a photo caption, the text of an embedded post.
  They are scored, but as a block of their own (:func:`standalone_spans`), so they never merge
  with the sentence after them (so is a boilerplate line that is kept).

Only whole lines are judged, by what they are on their own; a line inside a paragraph of prose
(a hard-wrapped sentence) is neither unless it is one of these on its own. The patterns are
deliberately narrow: a missed label costs one odd sentence, a false one would drop prose.
"""

from __future__ import annotations

import re

BOILERPLATE_MODES = ("skip", "keep")
DEFAULT_BOILERPLATE = "skip"  # page furniture is not scored unless asked

# Labels that make up the whole line (case and surrounding marks ignored).
_LABELS = {
    "ad", "ads", "advert", "advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
    "sponsored post", "sponsored story", "paid content", "paid post", "paid partnership", "partner content",
    "promoted", "promoted content", "promoted stories", "supported by", "story continues below",
    "story continues below advertisement", "article continues below", "article continues below advertisement",
    "article continues after advertisement", "continue reading", "continue reading below",
    "continue reading the main story", "skip advertisement", "advertisement - scroll to continue",
    "scroll to continue with content", "read more", "more", "related", "related articles", "related stories",
    "related content", "related coverage", "related topics", "recommended", "recommended stories", "most read",
    "most popular", "trending", "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "share on x", "share via email", "tweet", "email", "print", "copy link", "link copied",
    "comments", "show comments", "view comments", "leave a comment", "subscribe", "subscribe now", "sign up",
    "newsletter", "sign up for our newsletter", "follow us", "follow us on twitter", "follow us on x",
    "follow us on facebook", "listen to this article", "listen", "play video", "watch", "watch video", "watch now",
    "video", "click here", "view this post on instagram", "embedded content", "skip to content",
    "skip to main content", "back to top", "breaking", "breaking news", "exclusive", "live", "live updates",
    "explainer", "fact check", "opinion", "analysis", "image", "photo", "photos", "gallery", "enlarge this image",
    "toggle caption", "hide caption", "image source", "getty images", "reuters", "afp", "ap", "epa", "pa media",
    "all rights reserved",
}
_LABEL_MARKS = " \t\u00a0-–—|•·»«>:*_[]()"

# "Read more: Why the talks matter", "RELATED: ...": a link to another story.
_LINK_PREFIX = re.compile(
    r"(?:read more|read also|also read|more|related|see also|recommended|watch|listen|sponsored|advertisement"
    r"|most read|more on this story|more from \w+)\s*[:|»]\s*\S", re.IGNORECASE)
# A credit alone: "Photo: Reuters", "Photograph: Omar Sanadiki/Reuters", "Image source, Getty Images".
_CREDIT = re.compile(
    r"(?:(?:photo|photos|photograph|photographs|image|images|picture|pictures|pic|video|footage|illustration|graphic"
    r"|credit|image credit|photo credit|source)\s*[:/]|image source\s*,)\s*[^.!?]{1,80}", re.IGNORECASE)
# "© 2024 Reuters", "COPYRIGHT 2018 CREATORS.COM" (a longer line after a © is a caption: standalone).
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s|copyright\b)\s*(?:\S+\s*){0,8}", re.IGNORECASE)
_COPYRIGHT_START = re.compile(r"©|copyright\b", re.IGNORECASE)
# A credit line of names and agencies: "Dibyangshu Sarkar/AFP/Getty Images", "(Reuters photo: Giorgio Perottino)".
_AGENCIES = r"(?:getty images|getty|reuters|afp|ap|ap photo|epa(?:-efe)?|anadolu agency|xinhua|pa media|shutterstock|alamy)"
_AGENCY_CREDIT = re.compile(r"[^.!?/|]{0,50}(?:\s*[/|]\s*[^.!?/|]{0,40})*[/|]\s*" + _AGENCIES + r"(?:\s*/\s*[^.!?/|]{1,40})*",
                            re.IGNORECASE)
_PAREN_CREDIT = re.compile(r"\((?:[\w.]+ )?(?:photo|photos|picture|image|images|credit)\b[^()]{0,80}\)", re.IGNORECASE)
# Bylines and datelines: "By Jane Doe and John Roe", "Published: 3 March 2024", "Updated 10:15 GMT".
_BYLINE = re.compile(r"By (?:[A-Z][\w.'’-]*)(?:,? (?:and |& )?(?:[A-Z][\w.'’-]*|de|van|von|al|bin)){0,6}"
                     r"(?:\s*[,|–—-]\s*[^.!?]{1,60})?")
_DATELINE = re.compile(r"(?:Published|Updated|Posted|Last updated|First published|PUBLISHED|UPDATED|POSTED)\b"
                       r"[^.!?\d]{0,30}\d[^.!?]{0,40}\.?")
# The footer of an embedded post: "— Jane Doe (@janedoe) March 3, 2024", "A post shared by X (@x)".
_POST_FOOTER = re.compile(r"(?:[—–-]\s*.{0,80}\(@\w{1,30}\)\s*.{0,40}|a post shared by .{1,80})", re.IGNORECASE)

# Standalone prose: a caption, by its label or the credit it ends with; an embedded post's text.
_CAPTION_START = re.compile(r"(?:image caption|photo caption|caption|pictured|file photo|file picture|main image)"
                            r"\s*[:,]\s*\S", re.IGNORECASE)
# A caption ends with its credit: "... Photograph: Omar Sanadiki/Reuters", "... (Photo: AFP)",
# "... | Getty Images". Each pattern is tried only on a line whose end could hold it.
_CREDIT_END = re.compile(r"\s(?:photograph|photo|picture|image|credit|illustration)\s*:\s*[^.!?:]{1,80}$", re.IGNORECASE)
_PAREN_CREDIT_END = re.compile(r"\s\((?:photos?|pictures?|images?|credit)\b[^()]{0,80}\)$", re.IGNORECASE)
_AGENCY_END = re.compile(r"(?:[/|]\s*[^/|.!?]{0,40}" + _AGENCIES + r"|\s\(" + _AGENCIES + r"\)|\sgetty images)$",
                         re.IGNORECASE)
_AGENCY_NAMES = ("getty images", "getty", "reuters", "afp", "ap", "ap photo", "epa", "epa-efe", "anadolu agency",
                 "xinhua", "pa media", "shutterstock", "alamy")


def _ends_with_credit(line: str) -> bool:
    tail = line[-_TAIL:]
    if ":" in tail and _CREDIT_END.search(tail):
        return True
    if tail.endswith(")") and _PAREN_CREDIT_END.search(tail):
        return True
    last = tail.rstrip(")").lower()
    return last.endswith(_AGENCY_NAMES) and bool(_AGENCY_END.search(tail))


_POST_LINK = re.compile(r"pic\.twitter\.com/\S|https?://t\.co/\S")
_HASHTAG_END = re.compile(r"\s#\w+\s*$")
_TAIL = 140  # every caption-end pattern fits in the last _TAIL characters of a line

_LINE = re.compile(r"[^\n]+")


def _is_label(line: str) -> bool:
    core = line.strip(_LABEL_MARKS).lower().replace("’", "'")
    return bool(core) and core in _LABELS


def is_boilerplate(line: str) -> bool:
    """Whether a whole line (without its newline) is page furniture rather than prose."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return False
    first = stripped[0]
    if _is_label(stripped) or "rights reserved" in stripped.lower():
        return True
    if first in "©(cC" and (_COPYRIGHT.fullmatch(stripped) or _PAREN_CREDIT.fullmatch(stripped)):
        return True
    if first in "—–-aA" and _POST_FOOTER.fullmatch(stripped):
        return True
    if ("/" in stripped or "|" in stripped) and len(stripped.split()) <= 8 and _AGENCY_CREDIT.fullmatch(stripped):
        return True
    if not first.isupper():  # a hard-wrapped line of prose ("source, who asked not to be named")
        return False
    return (bool(_LINK_PREFIX.match(stripped)) and len(stripped.split()) <= 20
            or any(pattern.fullmatch(stripped) for pattern in (_CREDIT, _BYLINE, _DATELINE)))


def is_standalone(line: str) -> bool:
    """Whether a whole line is prose that stands apart from the text around it (a caption, an
    embedded post's text), so it must not run into the next sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > 600:
        return False
    if _CAPTION_START.match(stripped) or _COPYRIGHT_START.match(stripped):
        return True
    tail = stripped[-_TAIL:]  # the end patterns are bounded: searching a long paragraph whole is wasted time
    return bool(_ends_with_credit(stripped) or "#" in tail and _HASHTAG_END.search(tail)
                or ("twitter.com/" in stripped or "t.co/" in stripped) and _POST_LINK.search(stripped))


def blank_boilerplate(text: str) -> str:
    """``text`` with every boilerplate line turned into spaces (newlines kept, same length).

    >>> blank_boilerplate("SPONSORED\\nTalks resumed.") == " " * 9 + "\\nTalks resumed."
    True
    """
    pieces, position = [], 0
    for match in _LINE.finditer(text):
        line = match.group()
        if is_boilerplate(line.rstrip("\r")):
            pieces.append(text[position:match.start()])
            pieces.append(re.sub(r"[^\r]", " ", line))
            position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def standalone_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that is a block of its own: a standalone line
    (see :func:`is_standalone`), or a boilerplate line left in the text (``boilerplate="keep"``
    scores it, as its own sentence)."""
    return [match.span() for match in _LINE.finditer(text)
            if is_standalone(match.group()) or is_boilerplate(match.group().rstrip("\r"))]
