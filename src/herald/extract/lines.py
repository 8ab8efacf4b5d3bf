"""Line features and the trained line classifier for scraped plain text.

A scraped page flattened to text keeps one block per line: navigation, teasers, ads, share
buttons, comment forms and the article itself. No markup is left, so the only evidence is the
line itself (length, punctuation, function words, call-to-action phrases) and where it sits among
its neighbours (article lines come in runs of long prose lines). :func:`line_features` turns a
page into a feature matrix; :class:`LineModel` scores it with weights learned offline
(``training/boilerplate/train.py``) and shipped as ``line_model.json``: two logistic regressions,
the second of which also sees the first one's scores of the neighbouring lines. Inference is
numpy only, so the runtime needs no machine-learning library.

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

import numpy as np

MODEL_PATH = Path(__file__).with_name("line_model.json")

# Function words of the languages most common in news (English first). A high share of them is
# the surest sign of running prose; navigation, teasers and buttons have almost none.
_STOP = frozenset(
    (
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
    ).split()
)

_PUNCT_TABLE = str.maketrans({c: " " for c in string.punctuation + "“”‘’«»–—…·|•"})
_SENT_END = frozenset(".!?\"”’)»…:;")
_CAP_WORD = re.compile(r"(?:^|\s)[\"“‘(]?[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_DIGIT = re.compile(r"\d")
_LINK = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.net\b|@\w|#\w|\|| › | » |»$|›$|©", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d+\s+(?:min|hour|day)s?\s+ago\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written by|posted by|author|photo|image|credit|source)\b[: ]", re.I)

# Phrase families that betray page furniture. They are generic web vocabulary (they hold for any
# site), grouped so the model weighs each family on its own evidence.
_FAMILIES: dict[str, re.Pattern[str]] = {
    "share": re.compile(
        r"\b(?:share|shares|shared this|tweet|retweet|facebook|twitter|pinterest|linkedin|whatsapp|reddit|"
        r"flipboard|tumblr|e-?mail this|print this|copy link|send to a friend|with friends|"
        r"sharing is caring|like us|follow us|follow @|on instagram)\b",
        re.I,
    ),
    "subscribe": re.compile(
        r"\b(?:subscribe|subscription|subscriber|newsletter|sign up|sign in|signup|log ?in|log out|logout|"
        r"register|create an? (?:free )?account|inbox|your e-?mail|e-?mail address|unsubscribe|"
        r"notifications?|alerts?)\b",
        re.I,
    ),
    "comment": re.compile(
        r"\b(?:comments?|commenting|leave a (?:reply|comment)|reply|replies|post a comment|"
        r"be the first to|join the (?:discussion|conversation)|will not be published|required fields|"
        r"your name|moderat\w+|community guidelines|report abuse|upvote|downvote)\b",
        re.I,
    ),
    "ad": re.compile(
        r"\b(?:advertis\w*|sponsored|promoted|promotion|affiliate|partner content|paid content|"
        r"free|deals?|coupons?|offers?|discount|save \d+|shop now|buy now|order now|buy|amazon|walmart|"
        r"best buy|ebay|price|prices|\$\d+|£\d+|€\d+|\d+% off|win|prize|casino|bonus|"
        r"limited time|act now|get (?:it|yours|started)|learn more|click|tap here|download (?:the|our))\b",
        re.I,
    ),
    "meta": re.compile(
        r"\b(?:this (?:article|page|story|post|site|website|blog|video|gallery)|"
        r"(?:our|the) (?:site|website|terms|privacy|cookie)|your (?:website|browser|inbox|account|"
        r"device|privacy)|link back|republish\w*|reprint\w*|permission|all rights reserved|copyright|"
        r"terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)|cookies?|"
        r"javascript|enable|ad ?blocker|skip to|back to top|related|recommended|read more|"
        r"more from|you may also like|see also|trending|most (?:read|popular|viewed)|"
        r"previous (?:post|article)|next (?:post|article)|loading|watch:?|listen|podcast|"
        r"click here|continue reading|full story|view (?:all|more|gallery))\b",
        re.I,
    ),
}

BASE_FEATURES = [
    "bias", "log_words", "few_words", "short", "long", "very_long", "log_chars_per_word",
    "sent_end", "ends_colon", "ends_ellipsis", "starts_cap", "starts_digit", "starts_bullet",
    "stop_ratio", "cap_ratio", "all_caps", "digit_ratio", "punct_per_word", "comma_per_word",
    "has_quote", "link", "date", "byline", "dup", "title_case_short",
    *(f"fam_{k}" for k in _FAMILIES),
]
CONTEXT_FEATURES = [
    "rel_pos", "prose_cdf", "prose_inside", "before_prose", "after_prose",
    "prev_log_words", "next_log_words", "prev_stop", "next_stop", "prev_sent_end", "next_sent_end",
    "win2_log_words", "win5_log_words", "win10_log_words", "win5_stop", "win5_fam",
    "page_log_lines", "log_words_vs_max",
]
FEATURES = BASE_FEATURES + CONTEXT_FEATURES
SECOND_PASS = ["p", "p_prev", "p_next", "p_win2", "p_win5", "p_win10", "p_max_before", "p_max_after",
               "p_run"]


def _base_row(line: str, dup: int) -> list[float]:
    """Features of one line on its own; written for speed (C-level string methods, few regexes)."""
    words = line.split()
    nw = len(words)
    nc = len(line)
    clean = line.lower().translate(_PUNCT_TABLE).split()
    nclean = len(clean) or 1
    stop = sum(map(_STOP.__contains__, clean)) / nclean
    caps = len(_CAP_WORD.findall(line)) / (nw or 1)
    digits = len(_DIGIT.findall(line)) / (nc or 1)
    last = line[-1]
    first = line[0]
    puncts = nc - len(line.translate(_DROP_PUNCT)) if nc else 0
    fams = [1.0 if pat.search(line) else 0.0 for pat in _FAMILIES.values()]
    return [
        1.0,
        np.log1p(nw),
        1.0 if nw < 4 else 0.0,
        1.0 if nw < 10 else 0.0,
        1.0 if nw >= 20 else 0.0,
        1.0 if nw >= 40 else 0.0,
        np.log(nc / (nw or 1)),
        1.0 if last in _SENT_END else 0.0,
        1.0 if last == ":" else 0.0,
        1.0 if line.endswith(("…", "...")) else 0.0,
        1.0 if first.isupper() else 0.0,
        1.0 if first.isdigit() else 0.0,
        1.0 if first in "-*•·>–—" else 0.0,
        stop,
        caps,
        1.0 if nc > 3 and line.isupper() else 0.0,
        digits,
        puncts / (nw or 1),
        line.count(",") / (nw or 1),
        1.0 if any(q in line for q in "\"“”") else 0.0,
        1.0 if _LINK.search(line) else 0.0,
        1.0 if _DATE.search(line) else 0.0,
        1.0 if _BYLINE.search(line) else 0.0,
        1.0 if dup > 1 else 0.0,
        1.0 if nw <= 12 and caps >= 0.6 and last not in _SENT_END else 0.0,
        *fams,
    ]


_DROP_PUNCT = str.maketrans("", "", string.punctuation + "“”‘’«»–—…")


def _window_mean(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of x over the lines i-k..i+k (the line itself included), clipped at the page edges."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    n = len(x)
    idx = np.arange(n)
    lo = np.clip(idx - k, 0, n)
    hi = np.clip(idx + k + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)


def _shift(x: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    out = np.full_like(x, fill)
    if by > 0:
        out[by:] = x[:-by]
    elif by < 0:
        out[:by] = x[-by:]
    else:
        out[:] = x
    return out


def line_features(lines: list[str]) -> np.ndarray:
    """The (n_lines, len(FEATURES)) feature matrix of a page given as non-empty, stripped lines."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    counts = Counter(lines)
    base = np.array([_base_row(ln, counts[ln]) for ln in lines], dtype=float)
    col = {name: base[:, i] for i, name in enumerate(BASE_FEATURES)}
    lw, stop, sent = col["log_words"], col["stop_ratio"], col["sent_end"]
    fam = np.max(base[:, len(BASE_FEATURES) - len(_FAMILIES):], axis=1)
    # "prose" lines: long, sentence-like, full of function words. Their cumulative distribution
    # tells whether a line sits before, inside or after the page's main run of prose.
    prose = ((lw >= np.log1p(15)) & (sent > 0) & (stop >= 0.2)).astype(float) * np.expm1(lw)
    total = prose.sum()
    if total > 0:
        cdf = np.cumsum(prose) / total
        before = (cdf == 0).astype(float)
        after = (np.concatenate([[0.0], cdf[:-1]]) >= 1.0).astype(float)
    else:
        cdf = np.full(n, 0.5)
        before = after = np.zeros(n)
    ctx = np.column_stack([
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
    ])
    return np.hstack([base, ctx])


def second_pass_features(p: np.ndarray) -> np.ndarray:
    """Features from the first pass's scores: a line among likely article lines is likelier one."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(SECOND_PASS)))
    max_before = np.maximum.accumulate(np.concatenate([[0.0], p[:-1]]))
    max_after = np.maximum.accumulate(np.concatenate([p[1:], [0.0]])[::-1])[::-1]
    hi = (p >= 0.5).astype(float)
    run = _window_mean(hi, 3)
    return np.column_stack([
        p, _shift(p, 1), _shift(p, -1), _window_mean(p, 2), _window_mean(p, 5), _window_mean(p, 10),
        max_before, max_after, run,
    ])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class LineModel:
    """Two stacked logistic regressions over standardised features (weights from a JSON file)."""

    def __init__(self, spec: dict) -> None:
        if spec.get("features") != FEATURES or spec.get("second_pass") != SECOND_PASS:
            raise ValueError("line model was trained on other features: retrain it "
                             "(python training/boilerplate/train.py)")
        self.threshold = float(spec.get("threshold", 0.5))
        self.mean1, self.scale1 = np.array(spec["pass1"]["mean"]), np.array(spec["pass1"]["scale"])
        self.w1, self.b1 = np.array(spec["pass1"]["coef"]), float(spec["pass1"]["intercept"])
        self.mean2, self.scale2 = np.array(spec["pass2"]["mean"]), np.array(spec["pass2"]["scale"])
        self.w2, self.b2 = np.array(spec["pass2"]["coef"]), float(spec["pass2"]["intercept"])

    def pass1(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(((x - self.mean1) / self.scale1) @ self.w1 + self.b1)

    def pass2(self, x: np.ndarray, p1: np.ndarray) -> np.ndarray:
        z = np.hstack([x, second_pass_features(p1)])
        return _sigmoid(((z - self.mean2) / self.scale2) @ self.w2 + self.b2)

    def scores(self, lines: list[str]) -> np.ndarray:
        """The probability that each line belongs to the article."""
        if not lines:
            return np.zeros(0)
        x = line_features(lines)
        return self.pass2(x, self.pass1(x))


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LineModel:
    """The shipped line model, loaded once per process."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        return LineModel(json.load(fh))
