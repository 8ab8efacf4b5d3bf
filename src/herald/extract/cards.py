"""Link blocks and link cards: in-body page furniture that both extractors drop (the HTML path's
:func:`herald.extract.html.prune` and the plain-text path's :mod:`herald.extract.text`)."""

from __future__ import annotations

import re

CTA_MAX_WORDS = 30  # a call-to-action or link-lead line is at most this long

# An in-body link block: a line of teaser links labelled "[VIDEO]", "[PICS]", "[INSIGHT]" ... twice or
# more, or a short line that ends with such a label ("Crowds gather for the rally [VIDEO]").
_LINK_LABEL = re.compile(
    r"\[(?:VIDEO|VIDEOS|PICS|PICTURES|PHOTOS|GALLERY|INSIGHT|REVEALED|LATEST|LIVE|POLL|"
    r"WATCH|LISTEN|MAP|QUIZ|UPDATE|OPINION|ANALYSIS)\]"
)
_LINK_LABEL_WORDS = 25
_LINK_LEAD = re.compile(
    r"^\W*(?:see more|don['’]?t miss|must see|read next|up next|more on this|also read)\b\W", re.I
)
# A pop-up or link card pasted into a sentence: the name it pops up from repeated with no space,
# the card's teaser text and its "MORE" link ("... Rep. Ilhan OmarIlhan OmarHillicon Valley: ...
# MORE (D-Minn.)"). The name is kept once, the card goes.
_CARD = re.compile(
    r"(?P<name>\b[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?P=name)(?P<card>[^\n]{0,300}?)MORE\b\s?"
)


def is_link_block(line: str) -> bool:
    """An in-body block of teaser links: "SEE MORE: ...", "DON'T MISS: ... [INSIGHT] ... [VIDEO]"."""
    labels = len(_LINK_LABEL.findall(line))
    if labels >= 2:
        return True
    words = len(line.split())
    if labels == 1 and words <= _LINK_LABEL_WORDS and _LINK_LABEL.search(line.rstrip(". ")[-14:]) is not None:
        return True
    return words <= CTA_MAX_WORDS and _LINK_LEAD.search(line) is not None


def strip_cards(line: str) -> tuple[str, list[str]]:
    """The line without pop-up or link-card text pasted into it, and the cards' text."""
    cards: list[str] = []

    def keep_name(m: re.Match[str]) -> str:
        cards.append(m.group("name") + m.group("card") + "MORE")
        return m.group("name") + " "

    if "MORE" not in line:
        return line, cards
    return " ".join(_CARD.sub(keep_name, line).split()), cards
