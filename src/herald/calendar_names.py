"""Month and weekday names (English), the one list that the extract and time stages read.

Lower case; the stages' patterns are built from them (capitalised where a pattern is case-sensitive),
and every lookup of a month's number goes through :data:`MONTH_NUMBER` by the name's first three
letters.
"""

from __future__ import annotations

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# month name and three-letter abbreviation -> 1..12
MONTH_NUMBER: dict[str, int] = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
MONTH_NUMBER.update({m[:3]: i for i, m in enumerate(MONTH_NAMES, 1)})
# every word that names a month: the names, their three-letter abbreviations and "sept"
MONTH_WORDS: frozenset[str] = frozenset(MONTH_NUMBER) | {"sept"}

# A regular expression alternation of the month names and their abbreviations, lower case (match it
# with re.I): "jan(?:uary)?", "june?", "sept?(?:ember)?" ...
MONTH_RX = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


def capitalised(names: tuple[str, ...]) -> str:
    """The names as a regular expression alternation, capitalised: "Monday|Tuesday|..."."""
    return "|".join(n.capitalize() for n in names)
