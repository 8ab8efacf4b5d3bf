"""A small, dependency-free language guess: writing system first, then function-word profiles.

herald codes English only for now, so the question that matters is "English or not?", asked of
clean article text. Function words are the most frequent words of every language and differ
between languages, so the share of each language's function words in the first few thousand
words separates the major news languages reliably; scripts without Latin letters are named by
their writing system. Good enough to route documents; not a general language identifier.
"""

from __future__ import annotations

import string
from collections import Counter

import numpy as np

_PROFILES_TEXT = {
    "en": "the of and to in a is that for on with as was by he it at from his her said be are were "
    "has have had not but an they this which or who their its will would been i we you what when "
    "do up out about there can so if our my me",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
    "werden aus er hat dass sie nach wird bei einer um am sind noch wie",
    "fr": "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se il sont "
    "ce avec elle aux ont été leur cette",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como más pero sus le "
    "ha fue este entre cuando muy sin sobre",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele "
    "das tem à seu sua ou ser quando muito",
    "it": "di e il la che in a per un è del non sono le con si da una al lo gli della anche nel ha dei "
    "come più ma ci questo alla",
    "nl": "de en van het een in is dat op te zijn met voor niet die aan er ook als bij door maar om of "
    "werd dan worden deze",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada oleh "
    "mereka kita bisa atau sudah saya kami adalah",
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig från",
    "tr": "ve bir bu da de için ile olarak çok daha en gibi ama olan kadar sonra ne var",
}
_PROFILES = {lang: frozenset(words.split()) for lang, words in _PROFILES_TEXT.items()}
_SCRIPTS = [  # (code point range, language or script tag)
    (0x0400, 0x04FF, "ru"),  # Cyrillic: Russian is the commonest; reported as such
    (0x0600, 0x06FF, "ar"),
    (0x0590, 0x05FF, "he"),
    (0x0370, 0x03FF, "el"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
]
_STRIP = string.punctuation + "“”‘’«»–—…¿¡"  # words are split on spaces, then stripped (a regex is slower)
# ~400 words: function words make up a third of any prose, so a few hundred words separate the
# profiled languages clearly, and a longer sample only costs time
SAMPLE_CHARS = 2500
MIN_SHARE = 0.12  # share of a language's function words in its typical prose: 0.35-0.50


def _script(sample: str) -> str | None:
    """The non-Latin writing system of most letters, if there is one (numpy over code points)."""
    if sample.isascii():
        return None
    cp = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    letters = int(np.count_nonzero(cp >= 0x41))  # rough: letters and symbols, not digits or spaces
    if not letters:
        return None
    counts = {tag: int(np.count_nonzero((cp >= lo) & (cp <= hi))) for lo, hi, tag in _SCRIPTS}
    tag = max(counts, key=lambda k: counts[k])
    if counts["ja"] and (tag == "ja" or (tag == "zh" and counts["ja"] > 0.1 * counts["zh"])):
        tag = "ja"
    return tag if counts[tag] >= 0.5 * letters else None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language among the profiled ones, else 'und' (undetermined)."""
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script:
        return script
    words = [w for w in (t.strip(_STRIP) for t in sample.lower().split()) if w.isalpha()]
    if not words:
        return "und"
    counts = Counter(words)
    shares = {
        lang: sum(counts[w] for w in prof if w in counts) / len(words) for lang, prof in _PROFILES.items()
    }
    best = max(shares, key=lambda k: shares[k])
    if len(words) < 12:  # a headline or a caption: too short to tell, English unless shown otherwise
        if shares[best] == 0 and not _plain_letters(sample):
            return "und"  # no function word at all, and accented letters: not shown to be English
        return best if shares[best] > shares["en"] else "en"
    second = max((s for lang, s in shares.items() if lang != best), default=0.0)
    # list-heavy text (recipes, deal lists) has few function words: a clear lead still decides
    clear_lead = shares[best] >= MIN_SHARE / 4 and shares[best] >= 3 * second
    if shares[best] >= MIN_SHARE or clear_lead:
        return best
    # a box score, a results table, a page of names and numbers: few function words of any language;
    # when the ones it has are English words and its letters are plain ASCII, it is English
    if best == "en" and shares["en"] > 0 and _plain_letters(sample):
        return "en"
    return "und"


def _plain_letters(sample: str) -> bool:
    """True when at most 1% of the letters are outside ASCII (the other profiled Latin-script
    languages but Indonesian use accented letters; Indonesian has its own function words)."""
    letters = [c for c in sample if c.isalpha()]
    return bool(letters) and sum(not c.isascii() for c in letters) <= 0.01 * len(letters)
