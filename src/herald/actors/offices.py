"""Office keys: the handful of offices herald can name a holder for.

A news text says "the foreign minister", "Russia's top diplomat", "US Secretary of State" or
"minister of foreign affairs"; the knowledge base says "Minister of Foreign Affairs of Russia".
Both reduce to the key ``foreign`` so that a role phrase can be matched against the roles of a
person, or against the holders of an office at a date. Deputies, vices and formers never reduce:
"deputy foreign minister" must not pick the foreign minister.
"""

from __future__ import annotations

import re

FOREIGN, DEFENCE, HOS, HOG, HEAD = "foreign", "defence", "hos", "hog", "head"

_NOT_THE_HOLDER = re.compile(
    r"\b(deputy|vice|former|ex|assistant|under|junior|shadow|acting|state secretary|"
    r"first lady|spouse|wife|husband|son|daughter|spokes\w*|envoy|ambassador|adviser|advisor|"
    r"aide|candidate|hopeful|nominee|designate|elect)\b|-elect\b|^ex-"
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        FOREIGN,
        re.compile(
            r"\b(foreign (affairs )?(minister|secretary)|minister (of|for) "
            r"(foreign|external) (affairs|relations)|external affairs minister|"
            r"secretary of state for foreign|top diplomat|secretary of state$|"
            r"^secretary of state\b|foreign relations minister|chief diplomat|"
            r"minister of foreign and european affairs|minister for europe and "
            r"foreign affairs|federal minister for foreign affairs)\b"
        ),
    ),
    (
        DEFENCE,
        re.compile(
            r"\b(defen[cs]e (minister|secretary)|minister (of|for) (national |the "
            r"armed forces|armed forces)?(defen[cs]e|armed forces)|secretary of "
            r"(state for )?defen[cs]e|defen[cs]e chief|pentagon chief|armed forces "
            r"minister|minister of the armed forces|war minister)\b"
        ),
    ),
    (
        HOG,
        re.compile(
            r"\b(prime minister|premier|head of government|chancellor(?! of the "
            r"exchequer)(?! of the duchy)|taoiseach|president of the government)\b"
        ),
    ),
    (
        HOS,
        re.compile(
            r"\b(president|king|queen|monarch|emperor|head of state|emir|sultan|"
            r"supreme leader|grand duke|prince of monaco|captain regent)\b"
        ),
    ),
    (
        HEAD,
        re.compile(
            r"\b(secretary[- ]general|director[- ]general|chief|head|chairman|"
            r"chairperson|chair|high representative)\b"
        ),
    ),
)


def office_of(title: str | None) -> str | None:
    """The office key of a role title or phrase, or None ("deputy foreign minister" -> None)."""
    if not title:
        return None
    t = title.lower().strip()
    if _NOT_THE_HOLDER.search(t):
        return None
    for key, rx in _RULES:
        if rx.search(t):
            return key
    return None


def compatible(wanted: str | None, held: str | None, organisation: bool) -> bool:
    """Does a role phrase's office match a role's office?

    For an organisation every top office is its head: "NATO chief", "the UN's president" or
    "the alliance's secretary general" all name the head.
    """
    if wanted is None or held is None:
        return False
    if organisation:
        return held == HEAD and wanted in (HEAD, HOS, HOG)
    return wanted == held
