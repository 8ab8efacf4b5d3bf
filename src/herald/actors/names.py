"""Small hand-written word lists for speaker resolution: titles, role nouns, first-name genders.

Gender matters because news text refers back to people with "he" and "she": a "she said" right
after a sentence about a man usually belongs to the woman named before him. Titles (Mr., Mrs.)
are the strongest signal; common first names are the fallback. The lists are short on purpose:
unknown names stay gender-neutral, which only removes a constraint.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "princess"})

# words dropped from the front of a person's name to get the name itself
TITLES = (
    MALE_TITLES
    | FEMALE_TITLES
    | wordset(
        """dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt lt. col col. adm adm. sgt sgt. rev rev.
    president vice senator congressman congresswoman representative governor mayor minister
    secretary chairman chairwoman chair director ambassador judge justice general pope
    former candidate nominee speaker chancellor premier prime leader chief spokesman
    spokeswoman spokesperson commissioner attorney sheriff"""
    )
)

# nouns that name a person by office or function ("the minister said")
ROLE_NOUNS = wordset(
    """minister president senator governor mayor secretary chairman chairwoman chancellor
    premier candidate nominee spokesman spokeswoman spokesperson ambassador director
    congressman congresswoman representative diplomat official leader chief general
    commander lawmaker businessman businesswoman billionaire developer mogul"""
)

FEMALE_NAMES = wordset(
    """hillary chelsea melania ivanka kellyanne huma donna debbie nancy elizabeth michelle
    sarah carly nikki condoleezza madeleine angela theresa marine christine federica ursula
    jill kamala susan hope sheryl paula monica juanita kathleen karen mary patricia jennifer
    linda barbara margaret lisa sandra ashley kimberly emily amy anna julia laura rebecca
    sharon cynthia amanda helen deborah stephanie rachel carolyn janet catherine maria heather
    diane ruth julie joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori tammy robin
    erin katie katy kate meghan megyn mika norah gretchen greta dana maxine tulsi ilhan
    alexandria elise marsha liz betsy nina tara ruth sonia elena loretta janet
    yulia maria valentina irina natalia olga svetlana tatiana jane emma olivia ava mia
    chloe zoe lily ella claire sophie nicole jessica melissa michelle brenda pamela"""
)

MALE_NAMES = wordset(
    """donald bill barack joe mike michael john paul ted marco jeb ben chris rand bernie tim
    mitt newt rudy rudolph reince sean steve stephen corey jared eric george dick al bob
    robert james william david richard charles thomas daniel matthew anthony mark steven
    andrew kenneth joshua kevin brian edward ronald timothy jason jeffrey ryan jacob gary
    nicholas jonathan larry justin scott brandon frank benjamin gregory raymond samuel patrick
    alexander jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry lawrence austin
    joe albert jesse willie billy bruce bryan ralph roy jordan eugene wayne alan juan louis
    russell vincent philip bobby johnny bradley harry jim tom nick dan rick mitch lindsey
    vladimir sergey sergei dmitry dmitri anders jens boris emmanuel francois nicolas xi
    recep benjamin bashar hassan kim shinzo justin narendra jean luis enrique angelo
    rex jim newt chuck harry dick lyndon ronald gerald jimmy franklin abraham"""
)

# "the company" and its kin: a noun standing for the company the story named before (the actors
# stage resolves it; the quotes stage then gives its quotations the company's name)
FIRM_NOUNS = frozenset({"company", "firm", "retailer", "automaker", "carmaker", "airline", "startup"})


def first_name_gender(words: list[str]) -> str | None:
    """m/f from the first of two or more name words when it is a common first name, else None."""
    if len(words) < 2:
        return None
    first = words[0].lower()
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None
