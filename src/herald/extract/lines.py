"""Line features and the trained line classifier for scraped plain text.

A scraped page flattened to text keeps one block per line: navigation, teasers, ads, share
buttons, comment forms and the article itself. No markup is left, so the only evidence is the
line itself (length, punctuation, function words, call-to-action phrases) and where it sits among
its neighbours (article lines come in runs of long prose lines). :func:`line_features` turns a
page into a feature matrix; :class:`LineModel` scores it with weights learned offline
(``training/boilerplate/train.py``) and shipped as ``line_model.json``: a logistic regression
whose neighbour features carry the context. (A second pass over the first pass's scores of the
neighbouring lines, a best-span decoder and a small MLP were measured and did not beat it on
unseen sites.) Inference is numpy only, so the runtime needs no machine-learning library.

The feature code is shared by training and inference, so the two can never drift apart: the
model file records the feature names it was trained on and refuses to load on a mismatch.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from herald.calendar_names import MONTH_WORDS

MODEL_PATH = Path(__file__).with_name("line_model.json")

# Function words of the languages most common in news (English first). A high share of them is
# the surest sign of running prose; navigation, teasers and buttons have almost none.
_STOP_WORDS = (
    # English
    "the of and to in a is that for on with as was by he it at from his her said be are were has "
    "have had not but an they this which or who their its will would been we you i our can more "
    "than when after about also there into over new one two what if so up out no just she them "
    "could should may do did how all some other any because while where before only then these "
    # German, Dutch
    "der die das und ist nicht mit den dem ein eine zu von auf für im sich auch es wird werden "
    "de het een van en dat niet op zijn voor met "
    # French, Spanish, Portuguese, Italian
    "le la les des et est une du pour pas dans qui que sur au avec il elle sont "
    "el los las y en que por con para una es del se lo como más pero su "
    "o os as um uma não com para da do em na no se por mais "
    "il di che è per una non sono della con gli anche nel "
    # Indonesian, Russian
    "yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena "
    "и в не на что с по как это из но он она они за к для от"
)
_STOP = frozenset(_STOP_WORDS.split())

# Phrase families that betray page furniture. They are generic web vocabulary (they hold for any
# site), grouped so the model weighs each family on its own evidence. Matching is by word and word
# pair lookup (no regex per line), which keeps the classifier at thousands of pages per second.
_FAMILY_TERMS: dict[str, str] = {
    "share": "share|shares|tweet|retweet|pin it|facebook|twitter|pinterest|linkedin|"
    "whatsapp|reddit|flipboard|"
    "tumblr|instagram|youtube|email this|print this|copy link|with friends|sharing is|like us|"
    "follow us|follow me|rss|feed",
    "subscribe": "subscribe|subscribed|subscription|subscriber|subscribers|newsletter|newsletters|sign up|"
    "sign in|signup|login|log in|log out|logout|register|create account|inbox|your email|"
    "email address|unsubscribe|notifications|notification|alerts|notify me",
    "comment": "comment|comments|commenting|commented|leave a|reply|replies|post a|be the|the first|"
    "join the|be published|required fields|your name|moderated|moderation|guidelines|"
    "report abuse|upvote|downvote|disqus",
    "ad": "advertisement|advertising|advertiser|advertisers|advertise|ad|ads|sponsored|sponsor|promoted|"
    "promotion|affiliate|paid content|partner content|free|deal|deals|coupon|coupons|offer|offers|"
    "discount|shop now|buy now|order now|buy|amazon|walmart|ebay|price|prices|win|prize|casino|"
    "bonus|limited time|act now|get it|get yours|get started|learn more|click|tap here|download|"
    "voucher|vouchers|giveaway|sweepstakes|cashback|sale|shop|app",
    "meta": "this article|this page|this story|this post|this site|this website|this blog|this video|"
    "our site|our website|our terms|our privacy|your website|your browser|your inbox|"
    "your account|your device|your privacy|link back|republish|republished|reprint|reprints|"
    "permission|rights reserved|copyright|terms of|privacy policy|cookie|cookies|javascript|"
    "enable|adblocker|ad blocker|skip to|back to|related|recommended|read more|more from|"
    "may also|also like|see also|trending|most read|most popular|most viewed|previous post|"
    "next post|previous article|next article|loading|watch|listen|podcast|click here|"
    "continue reading|full story|view all|view more|gallery|menu|search",
}
# Words of photo captions and credits ("(AP Photo/Alan Diaz, File)", "Courtesy of ...", "Getty
# Images", "Submitted photo"): not web furniture (they say nothing about the site), but a line
# that names its picture is not article prose. Bit 5 of a token's code.
_CAPTION_TERMS = (
    "photo|photos|photograph|photographs|photographer|image|images|courtesy|credit|credits|getty|"
    "pictured|caption|shutterstock|afp|illustration|istock|file photo|ap photo|submitted photo|photo credit"
)
_CAPTION_BIT = 1 << 5
_GALLERY = re.compile(r"\d{1,3} ?of ?\d{1,3}(?!\d)")  # "1of4", "2 of 12": a gallery's picture counter
_LINK_TOKENS = "http https www com org net html php"
_BYLINE_FIRST = "by posted written author photo image credit source updated published"
_SAYS = "says said wrote writes commented replied"

# Every token is looked up once, as a 64-bit hash, in a sorted table of the word lists above:
# the hashes of a whole page are computed with numpy (no Python loop over tokens or lines), so
# the classifier costs well under a millisecond per page. Bits 0-4 are the phrase families.
_STOP_BIT, _MONTH_BIT, _LINK_BIT, _BYLINE_BIT, _SAYS_BIT, _AGO_BIT, _CTA_BIT = (1 << b for b in range(8, 15))
# Verbs that open calls to action ("Get 50% off", "Claim your voucher", "Try it free"): at the
# start of a short line they mark an ad or a prompt; prose rarely opens with a bare imperative.
_CTA_VERBS = (
    "get buy shop order save try claim grab download install join sign subscribe click tap "
    "enter win discover learn find watch listen follow share like register book start call "
    "visit check explore unlock upgrade apply donate support see read view"
)
_MASK64 = (1 << 64) - 1
_P, _Q = 0x100000001B3, 0x9E3779B97F4A7C15  # odd multipliers: the token and the pair hash
_MAX_TOKEN = 48  # characters of a token that enter its hash (longer tokens are never vocabulary)
_POW = np.array([pow(_P, i, 1 << 64) for i in range(_MAX_TOKEN)], dtype=np.uint64)


def _hash(word: str) -> int:
    """The hash numpy computes for a lower-case token (see :func:`_tokens`)."""
    return sum(ord(c) * int(_POW[min(i, _MAX_TOKEN - 1)]) for i, c in enumerate(word)) & _MASK64


def _pair_hash(first: str, second: str) -> int:
    return (_hash(first) * _Q + _hash(second)) & _MASK64


def _table(entries: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.array(sorted(entries), dtype=np.uint64)
    return keys, np.array([entries[int(k)] for k in keys], dtype=np.int64)


def _build_tables() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    words: dict[int, int] = {}
    pairs: dict[int, int] = {}

    def add(ws: list[str], bit: int) -> None:
        for w in ws:
            words[_hash(w)] = words.get(_hash(w), 0) | bit

    for bit, terms in enumerate(_FAMILY_TERMS.values()):
        for t in terms.split("|"):
            if " " in t:
                a, b = t.split()
                pairs[_pair_hash(a, b)] = pairs.get(_pair_hash(a, b), 0) | (1 << bit)
            else:
                add([t], 1 << bit)
    for t in _CAPTION_TERMS.split("|"):
        if " " in t:
            a, b = t.split()
            pairs[_pair_hash(a, b)] = pairs.get(_pair_hash(a, b), 0) | _CAPTION_BIT
        else:
            add([t], _CAPTION_BIT)
    add(list(_STOP), _STOP_BIT)
    add(sorted(MONTH_WORDS), _MONTH_BIT)
    add(_LINK_TOKENS.split(), _LINK_BIT)
    add(_BYLINE_FIRST.split(), _BYLINE_BIT)
    add(_SAYS.split(), _SAYS_BIT)
    add(["ago"], _AGO_BIT)
    add(_CTA_VERBS.split(), _CTA_BIT)
    return _table(words), _table(pairs)


(_WORD_KEYS, _WORD_CODES), (_PAIR_KEYS, _PAIR_CODES) = _build_tables()
_NUMERIC_DATE = re.compile(r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")

_LUT_SIZE = 0x2200  # code points above this are one class: letters of other scripts, symbols


def _char_table(chars: str) -> np.ndarray:
    t = np.zeros(_LUT_SIZE + 1, dtype=bool)
    for c in chars:
        if ord(c) < _LUT_SIZE:
            t[ord(c)] = True
    return t


_PUNCT_LUT = _char_table(string.punctuation + "“”‘’«»–—…·•›‹")
_SENT_END_LUT = _char_table('.!?"”’)»…:;')
_BULLET_LUT = _char_table("-*•·>–—")
_MARK_LUT = _char_table("@#|›»©")
_QUOTE_LUT = _char_table('"“”')
_MONEY_LUT = _char_table("$£€¥%")
_SPACE_LUT = _char_table(" \t\u00a0\n")
_UPPER_LUT = np.zeros(_LUT_SIZE + 1, dtype=bool)
_UPPER_LUT[ord("A") : ord("Z") + 1] = True
_UPPER_LUT[0xC0:0xDF] = True
_UPPER_LUT[0xD7] = False
_UPPER_LUT[0x410:0x430] = True
_LOWER_LUT = np.zeros(_LUT_SIZE + 1, dtype=bool)
_LOWER_LUT[ord("a") : ord("z") + 1] = True
_LOWER_LUT[0xDF:0x100] = True
_LOWER_LUT[0xF7] = False
_LOWER_LUT[0x430:0x450] = True
_DIGIT_LUT = _char_table(string.digits)
# \w as Python's re module sees it (alphanumeric or "_"); other scripts count as word characters
_WORD_LUT = np.array([chr(c).isalnum() or c == 0x5F for c in range(_LUT_SIZE)] + [True])
_LOWERCASE = np.array(
    [ord(chr(c).lower()) if len(chr(c).lower()) == 1 else c for c in range(_LUT_SIZE)] + [0], dtype=np.uint64
)
# the per-line character counts, one column each, summed for all lines in one reduceat
_CHAR_COLS = [
    _UPPER_LUT,
    _LOWER_LUT,
    _DIGIT_LUT,
    _PUNCT_LUT,
    _char_table(","),
    _QUOTE_LUT,
    _MARK_LUT,
    _MONEY_LUT,
    _char_table("!"),
]
_DATE_SEP_LUT = _char_table(":/.-")
# Code points fall into a handful of distinct combinations of the columns above: one class id per
# code point, one bincount of (line, class) per page, and a small product gives every count.


def _classes(cols: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(distinct rows of the columns, in sorted order; each code point's row index).

    What ``np.unique(matrix, axis=0, return_inverse=True)`` gives, 40 times faster (it cost 40 ms
    of every process start): each row of booleans is read as one binary number, first column
    most significant, so sorting the numbers sorts the rows the same way.
    """
    k = len(cols)
    bits = np.arange(k - 1, -1, -1)
    codes = np.column_stack(cols).astype(np.int64) @ (np.int64(1) << bits)
    distinct, inverse = np.unique(codes, return_inverse=True)
    rows = ((distinct[:, None] >> bits) & 1).astype(np.float64)
    return rows, inverse.reshape(-1).astype(np.int64)


_CLASS_ROWS, _CHAR_CLASS = _classes(_CHAR_COLS)
_N_CLASSES = len(_CLASS_ROWS)


BASE_FEATURES = [
    "bias",
    "log_words",
    "few_words",
    "short",
    "long",
    "very_long",
    "log_chars_per_word",
    "sent_end",
    "ends_colon",
    "ends_ellipsis",
    "starts_cap",
    "starts_digit",
    "starts_bullet",
    "stop_ratio",
    "cap_ratio",
    "all_caps",
    "digit_ratio",
    "punct_per_word",
    "comma_per_word",
    "has_quote",
    "link",
    "date",
    "byline",
    "dup",
    "title_case_short",
    "starts_lower",
    "says_header",
    "ago",
    "furniture_share",
    "furniture_only",
    *(f"fam_{k}" for k in _FAMILY_TERMS),
    "exclamation",
    "price",
    "cta_start",
    "caption",
    "gallery_count",
]
_INSIDE_OF = [
    "furniture_share",
    "furniture_only",
    "fam_share",
    "fam_subscribe",
    "fam_comment",
    "fam_ad",
    "fam_meta",
    "link",
    "few_words",
    "price",
    "cta_start",
    "exclamation",
    "caption",
    "gallery_count",
]
CONTEXT_FEATURES = [
    "rel_pos",
    "prose_cdf",
    "prose_inside",
    "before_prose",
    "after_prose",
    "prev_log_words",
    "next_log_words",
    "prev_stop",
    "next_stop",
    "prev_sent_end",
    "next_sent_end",
    "win2_log_words",
    "win5_log_words",
    "win10_log_words",
    "win5_stop",
    "win5_fam",
    "page_log_lines",
    "log_words_vs_max",
    "continues_prev",
    "continued_next",
    "comment_marks_before",
    "win3_date",
    "win3_marks",
    "comment_marks_in_text",
    "win3_short",
    "win3_sent_end",
    # one-sided context: the article's end (comments, "more stories") looks different from its start
    "prose_before10",
    "prose_after10",
    "fam_before5",
    "fam_after5",
    "log_lines_since_prose",
    "log_lines_to_prose",
    # headlines come in runs: teaser blocks, "more stories", navigation by section name
    "prev_title_case",
    "next_title_case",
    "win2_title_case",
    # furniture between article paragraphs: the line's own evidence against its neighbours' word
    *(f"inside_x_{k}" for k in _INSIDE_OF),
    # lexical cohesion with the page's other prose: other stories' leads and comments share little
    "cohesion",
    "cohesion_depth",
    "win2_cohesion",
    "long_x_cohesion",
]
FEATURES = BASE_FEATURES + CONTEXT_FEATURES
# the second pass: the line against the page's core (see core_features)
CORE_FEATURES = [
    "in_core",
    "lines_before_core",
    "lines_after_core",
    "core_share",
    "core_depth",
    "core_share_inside",
    "core_share_outside",
]
_CORE_CLIP = 3.0  # first-pass log-odds are clipped to +-3 when the core is chosen (1.5 and 6 did no better)
N_BASE = len(BASE_FEATURES)
_FAM_COLS = [BASE_FEATURES.index(f"fam_{k}") for k in _FAMILY_TERMS]
_FURNITURE_COL = FEATURES.index("furniture_share")
_PRICE_COL, _CTA_COL = FEATURES.index("price"), FEATURES.index("cta_start")
_CAPTION_COLS = [FEATURES.index("caption"), FEATURES.index("gallery_count")]


def _lookup(keys: np.ndarray, codes: np.ndarray, h: np.ndarray) -> np.ndarray:
    at = np.minimum(np.searchsorted(keys, h), len(keys) - 1)
    return np.where(keys[at] == h, codes[at], 0)


def _tokens(
    cp: np.ndarray, idx: np.ndarray, line_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The word-list codes of the page's \\w+ tokens (pair codes on a pair's first token) and the
    line of each token: hashes of the lower-cased tokens, computed for the whole page at once."""
    w = _WORD_LUT[idx]
    high = np.flatnonzero(idx == _LUT_SIZE)
    if len(high):  # CJK and Hangul are words; emoji and symbols are not
        c = cp[high]
        w[high] = (
            ((c >= 0x2E80) & (c < 0xD800)) | ((c >= 0xF900) & (c < 0xFB00)) | ((c >= 0x20000) & (c < 0x40000))
        )
    prev_w = np.concatenate([[False], w[:-1]])
    starts = np.flatnonzero(w & ~prev_w)
    nt = len(starts)
    if nt == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    tok_id = np.cumsum(w & ~prev_w) - 1  # the token each character belongs to (if a word char)
    rel = np.clip(np.arange(len(cp)) - starts[np.maximum(tok_id, 0)], 0, _MAX_TOKEN - 1)
    lower = np.where(idx < _LUT_SIZE, _LOWERCASE[idx], cp.astype(np.uint64))
    term = np.where(w, lower * _POW[rel], np.uint64(0))
    csum = np.cumsum(term, dtype=np.uint64)
    ends = np.concatenate([starts[1:], [len(cp)]])  # the sum up to the next token excludes no word char
    before = np.concatenate([[np.uint64(0)], csum[starts[1:] - 1]])
    h = csum[ends - 1] - before
    codes = _lookup(_WORD_KEYS, _WORD_CODES, h)
    tok_line = line_of[starts]
    if nt > 1:
        pair = _lookup(_PAIR_KEYS, _PAIR_CODES, h[:-1] * np.uint64(_Q) + h[1:])
        codes[:-1] |= np.where(tok_line[:-1] == tok_line[1:], pair, 0)
    return codes, tok_line, h


def _per_line(line_of: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """How many of the masked positions fall on each line."""
    return np.bincount(line_of[mask], minlength=n)[:n].astype(float)


def _base_features(lines: list[str]) -> np.ndarray:
    """Features of each line on its own (see :func:`_base_and_words`)."""
    return _base_and_words(lines)[0]


def _base_and_words(lines: list[str]) -> tuple[np.ndarray, _Words]:
    """Features of each line on its own, computed for the whole page at once (numpy over the
    page's code points and token hashes), which is what makes the classifier fast."""
    n = len(lines)
    page = "\n".join(lines) + "\n"  # every line, the last one too, ends with its newline
    cp = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    idx = np.minimum(cp, _LUT_SIZE)
    nl = cp == 10
    ends = np.flatnonzero(nl)  # the newline closing each line
    starts = np.concatenate([[0], ends[:-1] + 1])
    line_of = np.repeat(np.arange(n), ends - starts + 1)
    nc = (ends - starts).astype(float)
    cls = np.bincount(line_of * _N_CLASSES + _CHAR_CLASS[idx], minlength=n * _N_CLASSES)
    counts = cls.reshape(n, _N_CLASSES) @ _CLASS_ROWS
    n_upper, n_lower, digits, puncts, commas, quotes, marks, money, bangs = counts.T
    space = _SPACE_LUT[idx]
    word_start = ~space & np.concatenate([[True], space[:-1]])
    nw = np.maximum(_per_line(line_of, word_start, n), 1.0)
    caps = _per_line(line_of, word_start & _UPPER_LUT[idx], n)
    first = idx[starts]
    last = idx[np.maximum(ends - 1, starts)]
    last_cp = cp[np.maximum(ends - 1, 0)]
    empty = ends == starts
    first = np.where(empty, 0, first)
    last = np.where(empty, 0, last)

    codes, tok_line, hashes = _tokens(cp, idx, line_of)
    ntok = np.maximum(np.bincount(tok_line, minlength=n)[:n].astype(float), 1.0)
    stop_tok = (codes & _STOP_BIT) > 0
    stop = _per_line(tok_line, stop_tok, n)
    fam_tok = [(codes >> b) & 1 == 1 for b in range(len(_FAMILY_TERMS))]
    fams = [_per_line(tok_line, f, n) > 0 for f in fam_tok]
    fams[3] = fams[3] | (money > 0)  # $ £ € % : prices and discounts
    # how much of the line's content (its non-function words) is web-furniture vocabulary:
    # "Share on Facebook" is all furniture, "the company will share its profits" hardly any
    any_fam = (codes & 0x1F) > 0
    furniture = (_per_line(tok_line, any_fam, n) + money) / np.maximum(_per_line(tok_line, ~stop_tok, n), 1.0)
    months = _per_line(tok_line, (codes & _MONTH_BIT) > 0, n)
    links = _per_line(tok_line, (codes & _LINK_BIT) > 0, n)
    has_tok = np.bincount(tok_line, minlength=n)[:n] > 0
    first_tok_at = np.minimum(np.searchsorted(tok_line, np.arange(n)), max(len(codes) - 1, 0))
    last_tok_at = np.maximum(np.searchsorted(tok_line, np.arange(n), side="right") - 1, 0)
    first_code = np.where(has_tok, codes[first_tok_at], 0) if len(codes) else np.zeros(n, dtype=np.int64)
    last_code = np.where(has_tok, codes[last_tok_at], 0) if len(codes) else np.zeros(n, dtype=np.int64)
    byline = (first_code & _BYLINE_BIT) > 0
    says = ((last_code & _SAYS_BIT) > 0) & (last == ord(":"))
    ago = _per_line(tok_line, (codes & _AGO_BIT) > 0, n) > 0
    cta = ((first_code & _CTA_BIT) > 0) & (nw <= 20)
    numeric_date = np.zeros(n, dtype=bool)
    dig = _DIGIT_LUT[idx]
    # digit, separator, digit: the only places a numeric date or a time can start; the regex then
    # runs over those few lines instead of the whole page
    maybe = np.flatnonzero(dig[:-2] & _DATE_SEP_LUT[idx[1:-1]] & dig[2:])
    for i in np.unique(line_of[maybe]).tolist():
        numeric_date[i] = _NUMERIC_DATE.search(lines[i]) is not None
    date = ((months > 0) & (digits > 0)) | numeric_date
    dup_counts = Counter(lines)
    dup = np.fromiter(map(dup_counts.__getitem__, lines), dtype=np.int64, count=n) > 1
    dots = (
        (ends - starts >= 3)
        & (last_cp == 46)
        & (cp[np.maximum(ends - 2, 0)] == 46)
        & (cp[np.maximum(ends - 3, 0)] == 46)
    )
    ellipsis = (last == 0x2026) | dots

    log_words = np.log1p(nw)
    sent_end = _SENT_END_LUT[last]
    cap_ratio = caps / nw
    nc1 = np.maximum(nc, 1.0)
    cols = [
        np.ones(n),
        log_words,
        nw < 4,
        nw < 10,
        nw >= 20,
        nw >= 40,
        np.log(nc1 / nw),
        sent_end,
        last == ord(":"),
        ellipsis,
        _UPPER_LUT[first],
        (first >= 48) & (first <= 57),
        _BULLET_LUT[first],
        stop / ntok,
        cap_ratio,
        (n_lower == 0) & (n_upper > 0) & (nc > 3),
        digits / nc1,
        puncts / nw,
        commas / nw,
        quotes > 0,
        (links > 0) | (marks > 0),
        date,
        byline & (nw < 30),
        dup,
        (nw <= 12) & (cap_ratio >= 0.6) & ~sent_end,
        _LOWER_LUT[first],
        says,
        ago,
        np.minimum(furniture, 1.0),
        (furniture >= 0.5) & (nw <= 15),
        *fams,
        bangs > 0,
        (money > 0) & (digits > 0),
        cta,
        _per_line(tok_line, (codes & _CAPTION_BIT) > 0, n) > 0,
        [
            first_digit and _GALLERY.match(line) is not None
            for first_digit, line in zip(((first >= 48) & (first <= 57)).tolist(), lines, strict=True)
        ],
    ]
    words = _Words(lines, hashes, tok_line, ~stop_tok & ((codes & 0x1F) == 0))
    return np.column_stack(cols).astype(float), words


class _Words:
    """The page's content words (not function words, not web furniture) by line, as distinct
    (word, text) pairs: repeated lines count once. What the cohesion features are computed on."""

    def __init__(
        self, lines: list[str], hashes: np.ndarray, tok_line: np.ndarray, content: np.ndarray
    ) -> None:
        n = len(lines)
        text_id: dict[str, int] = {}
        self.line_text = np.fromiter(
            (text_id.setdefault(ln, len(text_id)) for ln in lines), dtype=np.int64, count=n
        )
        self.n_texts = len(text_id)
        h = hashes[content]
        tid = self.line_text[tok_line[content]].astype(np.uint64)
        if len(h):
            keys = np.unique(np.stack([h, tid]), axis=1)
            self.key_text = keys[1].astype(np.int64)
            _, inv = np.unique(keys[0], return_inverse=True)
            self.key_word = inv.reshape(-1).astype(np.int64)
        else:
            self.key_text = self.key_word = np.zeros(0, dtype=np.int64)
        self.n_words = int(self.key_word.max()) + 1 if len(self.key_word) else 0
        self.per_text = np.maximum(np.bincount(self.key_text, minlength=self.n_texts), 1).astype(float)

    def shared(self, ref_lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per line: the share of its distinct content words found in at least one *other* of the
        reference lines (a boolean mask), and the mean log(1 + number of such lines)."""
        ref = np.zeros(self.n_texts, dtype=bool)
        ref[self.line_text[ref_lines]] = True
        own = ref[self.key_text].astype(float)
        df = np.bincount(self.key_word, weights=own, minlength=self.n_words)
        other = df[self.key_word] - own
        share = np.bincount(self.key_text, weights=other > 0, minlength=self.n_texts) / self.per_text
        depth = np.bincount(self.key_text, weights=np.log1p(other), minlength=self.n_texts) / self.per_text
        return share[self.line_text], depth[self.line_text]


@lru_cache(maxsize=256)
def _window(n: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    idx = np.arange(n)
    lo = np.maximum(idx - k, 0)
    hi = np.minimum(idx + k + 1, n)
    return lo, hi, 1.0 / (hi - lo)


def _window_mean(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of x over the lines i-k..i+k (the line itself included), clipped at the page edges."""
    c = np.empty(len(x) + 1)
    c[0] = 0.0
    np.cumsum(x, out=c[1:])
    lo, hi, inv = _window(len(x), k)
    out: np.ndarray = (c[hi] - c[lo]) * inv
    return out


def _shift(x: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    out = np.full_like(x, fill)
    if by > 0:
        out[by:] = x[:-by]
    elif by < 0:
        out[:by] = x[-by:]
    else:
        out[:] = x
    return out


def _mean_before(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of x over the k lines before each line (0 for the first line)."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(len(x))
    lo = np.maximum(i - k, 0)
    out: np.ndarray = (c[i] - c[lo]) / np.maximum(i - lo, 1)
    return out


def _mean_after(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of x over the k lines after each line (0 for the last line)."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(len(x))
    hi = np.minimum(i + 1 + k, len(x))
    out: np.ndarray = (c[hi] - c[i + 1]) / np.maximum(hi - i - 1, 1)
    return out


def _prose_distance(is_prose: np.ndarray, cap: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """log(1 + lines) since the last prose line and until the next one (capped): a list inside
    an article has prose close on both sides, a block after the article only behind it."""
    i = np.arange(len(is_prose))
    last = np.maximum.accumulate(np.where(is_prose > 0, i, -cap))
    nxt = np.minimum.accumulate(np.where(is_prose > 0, i, len(i) + cap)[::-1])[::-1]
    return np.log1p(np.minimum(i - last, cap)), np.log1p(np.minimum(nxt - i, cap))


def line_features(lines: list[str]) -> np.ndarray:
    """The (n_lines, len(FEATURES)) feature matrix of a page given as non-empty, stripped lines."""
    return page_features(lines)[0]


def page_features(lines: list[str]) -> tuple[np.ndarray, _Words | None]:
    """The feature matrix and the page's content words (what :func:`core_features` needs)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES))), None
    base, words = _base_and_words(lines)
    cohesion = np.column_stack(words.shared(base[:, BASE_FEATURES.index("log_words")] >= np.log1p(7.5)))
    col = {name: base[:, i] for i, name in enumerate(BASE_FEATURES)}
    lw, stop, sent = col["log_words"], col["stop_ratio"], col["sent_end"]
    fam = np.max(base[:, _FAM_COLS], axis=1)
    comment_mark = np.maximum(col["says_header"], col["fam_comment"] * col["short"])
    marks = np.maximum(comment_mark, col["ago"])
    # "prose" lines: long, sentence-like, full of function words. Their cumulative distribution
    # tells whether a line sits before, inside or after the page's main run of prose.
    is_prose = ((lw >= np.log1p(15)) & (sent > 0) & (stop >= 0.2)).astype(float)
    prose = is_prose * np.expm1(lw)
    title_case = col["title_case_short"]
    total = prose.sum()
    if total > 0:
        cdf = np.cumsum(prose) / total
        before = (cdf == 0).astype(float)
        after = (np.concatenate([[0.0], cdf[:-1]]) >= 1.0).astype(float)
    else:
        cdf = np.full(n, 0.5)
        before = after = np.zeros(n)
    # comment markers met after the article's prose began: a comment section follows the article
    in_text_marks = comment_mark * (cdf > 0)
    inside = np.minimum(_window_mean(lw, 3), np.log1p(30)) / np.log1p(30) * (cdf > 0) * (after == 0)
    ctx = np.column_stack(
        [
            np.arange(n) / max(n - 1, 1),
            cdf,
            cdf * (1 - cdf) * 4,
            before,
            after,
            _shift(lw, 1),
            _shift(lw, -1),
            _shift(stop, 1),
            _shift(stop, -1),
            _shift(sent, 1),
            _shift(sent, -1),
            _window_mean(lw, 2),
            _window_mean(lw, 5),
            _window_mean(lw, 10),
            _window_mean(stop, 5),
            _window_mean(fam, 5),
            np.full(n, np.log1p(n)),
            lw - lw.max(),
            col["starts_lower"] * (1 - _shift(sent, 1, 1.0)),
            _shift(col["starts_lower"], -1) * (1 - sent),
            np.log1p(np.cumsum(comment_mark) - comment_mark),
            _window_mean(col["date"], 3),
            _window_mean(marks, 3),
            np.log1p(np.cumsum(in_text_marks) - in_text_marks),
            _window_mean(col["short"], 3),
            _window_mean(sent, 3),
            _mean_before(is_prose, 10),
            _mean_after(is_prose, 10),
            _mean_before(fam, 5),
            _mean_after(fam, 5),
            *_prose_distance(is_prose),
            _shift(title_case, 1),
            _shift(title_case, -1),
            _window_mean(title_case, 2),
            *(col[k] * inside for k in _INSIDE_OF),
            cohesion[:, 0],
            cohesion[:, 1],
            _window_mean(cohesion[:, 0], 2),
            cohesion[:, 0] * col["long"],
        ]
    )
    return np.hstack([base, ctx]), words


def _best_span(z: np.ndarray) -> tuple[int, int]:
    """(first, last) line of the contiguous block with the largest sum of ``z`` (Kadane's maximum
    subarray, in numpy: the best end minus the lowest prefix sum before it)."""
    c = np.concatenate([[0.0], np.cumsum(z)])
    low = np.minimum.accumulate(c[:-1])
    gain = c[1:] - low
    last = int(np.argmax(gain))
    first = int(np.flatnonzero(c[: last + 1] == low[last])[-1])
    return first, last


def core_features(x: np.ndarray, words: _Words | None, z: np.ndarray) -> np.ndarray:
    """Features of each line against the page's *core*, the article as a first model sees it.

    The core is the contiguous block of lines with the largest summed first-pass log-odds ``z``
    (clipped, so no single line decides it): the article's run of paragraphs. Lines are then
    described by where they sit against it (inside, or how far before or after) and by how much
    of their vocabulary the core's kept lines share: a list or a subhead inside the article talks
    about its topic, another story's lead paragraph or a reader's comment after it mostly does not.
    """
    n = len(z)
    out = np.zeros((n, len(CORE_FEATURES)))
    if n == 0 or words is None:
        return out
    first, last = _best_span(np.clip(z, -_CORE_CLIP, _CORE_CLIP))
    idx = np.arange(n)
    in_core = ((idx >= first) & (idx <= last)).astype(float)
    core_kept = (in_core > 0) & (z > 0)
    share, depth = words.shared(core_kept)
    out[:, 0] = in_core
    out[:, 1] = np.log1p(np.maximum(first - idx, 0))
    out[:, 2] = np.log1p(np.maximum(idx - last, 0))
    out[:, 3] = share
    out[:, 4] = depth
    out[:, 5] = share * in_core
    out[:, 6] = share * (1 - in_core)
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return out


def decode_runs(z: np.ndarray, switch_cost: float) -> np.ndarray:
    """The most likely article/boilerplate labelling of the lines given their log-odds ``z``,
    when every change of label along the page costs ``switch_cost`` (a two-state Viterbi).

    An article is a few long blocks, not a scatter of lines: a weak "boilerplate" vote between
    two confident article lines is overruled, and so is a lone weak "article" line in furniture.
    With a symmetric switch cost the best labelling only changes label where the sign of ``z``
    does, so the dynamic programme runs over runs of same-sign lines (a few dozen per page)
    rather than over lines.
    """
    z = np.clip(z, -14.0, 14.0)
    pos = z > 0
    if switch_cost <= 0 or len(z) < 2:
        return pos
    edges = np.flatnonzero(pos[1:] != pos[:-1]) + 1
    starts = np.concatenate([[0], edges])
    gain = np.add.reduceat(z, starts).tolist()  # log-odds of each run, kept vs. dropped
    s0, s1 = 0.0, gain[0]  # best score of the runs so far ending dropped / kept
    back0, back1 = [0], [1]  # the previous run's state on the best path into each state
    for g in gain[1:]:
        best0, prev0 = (s0, 0) if s0 >= s1 - switch_cost else (s1 - switch_cost, 1)
        best1, prev1 = (s1, 1) if s1 >= s0 - switch_cost else (s0 - switch_cost, 0)
        s0, s1 = best0, best1 + g
        back0.append(prev0)
        back1.append(prev1)
    state = int(s1 > s0)
    run_keep = [False] * len(gain)
    for r in range(len(gain) - 1, -1, -1):
        run_keep[r] = bool(state)
        state = (back1 if state else back0)[r]
    return np.repeat(np.array(run_keep), np.diff(np.concatenate([starts, [len(z)]])))


def _lr(part: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    return np.array(part["mean"]), np.array(part["scale"]), np.array(part["coef"]), float(part["intercept"])


def _lr_spec(part: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> dict[str, Any]:
    def r(a: np.ndarray) -> list[float]:
        return [round(float(v), 6) for v in a]

    mean, scale, coef, intercept = part
    return {"mean": r(mean), "scale": r(scale), "coef": r(coef), "intercept": round(intercept, 6)}


def _log_odds(part: tuple[np.ndarray, np.ndarray, np.ndarray, float], x: np.ndarray) -> np.ndarray:
    mean, scale, coef, intercept = part
    out: np.ndarray = ((x - mean) / scale) @ coef + intercept
    return out


class LineModel:
    """Logistic regressions over standardised line features (weights from a JSON file).

    The *page* model sees a line with its neighbours. The *core* model (when the file has one)
    sees the same features plus the line's place against the page's core as the page model
    reads it (:func:`core_features`) and decides the lines. The *line* model sees the line alone
    (its own words, length, punctuation): when it is confident that a line is web furniture
    ("Share on Facebook", "Advertisement", "Leave a comment") the line goes even if the others,
    swayed by the article paragraphs around it, would keep it. That is what removes ads and share
    rows injected *between* paragraphs.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        if spec.get("features") != FEATURES or (
            "core" in spec and spec.get("core_features") != CORE_FEATURES
        ):
            raise ValueError(
                "line model was trained on other features: retrain it (python training/boilerplate/train.py)"
            )
        self.threshold = float(spec.get("threshold", 0.5))
        self.veto = float(spec.get("veto", 0.0))
        self.switch_cost = float(spec.get("switch_cost", 0.0))
        # the line model's veto holds unless the deciding model is at least this sure (log-odds)
        self.veto_margin = float(spec.get("veto_margin", np.inf))
        self.page = _lr(spec["page"])
        self.line = _lr(spec["line"])
        self.core = _lr(spec["core"]) if "core" in spec else None
        self.mean, self.scale, self.coef, self.intercept = self.page

    def spec(self) -> dict[str, Any]:
        """The JSON-able description of this model (what ``line_model.json`` holds)."""
        out = {
            "features": FEATURES,
            "threshold": self.threshold,
            "veto": self.veto,
            "switch_cost": self.switch_cost,
            "page": _lr_spec(self.page),
            "line": _lr_spec(self.line),
        }
        if np.isfinite(self.veto_margin):
            out["veto_margin"] = self.veto_margin
        if self.core is not None:
            out |= {"core_features": CORE_FEATURES, "core": _lr_spec(self.core)}
        return out

    def predict(self, x: np.ndarray) -> np.ndarray:
        """P(article) from the page model (the line with its context)."""
        return _sigmoid(_log_odds(self.page, x))

    def predict_line(self, x: np.ndarray) -> np.ndarray:
        """P(article) from the line model (the line's own features only)."""
        return _sigmoid(_log_odds(self.line, x[:, :N_BASE]))

    def log_odds(self, x: np.ndarray, words: _Words | None = None) -> np.ndarray:
        """The deciding log-odds of each line: the core model's when there is one, else the page
        model's."""
        z = _log_odds(self.page, x)
        if self.core is not None:
            z = _log_odds(self.core, np.hstack([x, core_features(x, words, z)]))
        out: np.ndarray = z - np.log(self.threshold / (1 - self.threshold))
        return out

    def keep(self, x: np.ndarray, words: _Words | None = None) -> np.ndarray:
        """Boolean mask of the lines kept as article text."""
        z = self.log_odds(x, words)
        furniture = (self.predict_line(x) < self.veto) & (x[:, _FURNITURE_COL] > 0) & (z < self.veto_margin)
        # the decoder may fill a gap in the article with a plain line, never with one that uses
        # web-furniture vocabulary, sells something or credits a picture: those keep their own vote
        own_vote = (
            (x[:, _FURNITURE_COL] > 0)
            | (x[:, _PRICE_COL] > 0)
            | (x[:, _CTA_COL] > 0)
            | (x[:, _CAPTION_COLS].max(axis=1) > 0)
        )
        return np.where(own_vote, z > 0, decode_runs(z, self.switch_cost)) & ~furniture

    def scores(self, lines: list[str]) -> np.ndarray:
        """The probability that each line belongs to the article (no veto, no decoder)."""
        if not lines:
            return np.zeros(0)
        return _sigmoid(self.log_odds(*page_features(lines)))

    def classify(self, lines: list[str]) -> np.ndarray:
        if not lines:
            return np.zeros(0, dtype=bool)
        return self.keep(*page_features(lines))


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LineModel:
    """The shipped line model, loaded once per process."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        return LineModel(json.load(fh))
