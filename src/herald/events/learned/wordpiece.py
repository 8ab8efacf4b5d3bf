"""BERT's uncased WordPiece tokenizer with character offsets, in plain Python.

The learned coder needs word pieces and, for each, the span of the original text it covers (to map
the source and target tags back onto the actors stage's mentions). The Hugging Face ``tokenizers``
package does this too, but depends on ``huggingface_hub``, a model-download client that herald must
not need at run time; this is the same algorithm (``training/events/coder/check_tokenizer.py``
checks that both give identical pieces and offsets on the training sentences).

Steps, as in BERT's ``BasicTokenizer`` + ``WordpieceTokenizer``: drop control characters, split on
whitespace, lower-case and strip accents, split off punctuation and CJK characters one by one, then
cut each word into the longest pieces of the vocabulary (``##`` marks a piece inside a word); a word
with no cut, or longer than 100 characters, is ``[UNK]``. What the basic split does with each
character is worked out once per character and remembered (news text uses a few hundred).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_WORD = 100


@dataclass
class Encoding:
    ids: list[int]
    offsets: list[tuple[int, int]]  # character span of each piece in the text; (0, 0) for [CLS]/[SEP]


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _skip(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    cp = ord(ch)
    return cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf")


def _normal(ch: str) -> str:
    """Lower case, accents stripped (NFD, then drop combining marks)."""
    out = unicodedata.normalize("NFD", ch.lower())
    return "".join(c for c in out if unicodedata.category(c) != "Mn")


_SKIP, _SPACE, _PUNCT, _WORD = 0, 1, 2, 3
_KINDS: dict[str, tuple[int, str]] = {}  # character -> (kind, normalised form), filled as text is met


def _kind(ch: str) -> tuple[int, str]:
    """What BERT's basic split does with a character: drop it, split on it, make it a word of its
    own (punctuation, CJK), or keep it in the word (with its normalised form)."""
    if _skip(ch):
        found = (_SKIP, "")
    elif ch.isspace():
        found = (_SPACE, "")
    elif _is_punct(ch) or _is_cjk(ord(ch)):
        found = (_PUNCT, _normal(ch))
    else:
        found = (_WORD, _normal(ch))
    if len(_KINDS) < 100_000:
        _KINDS[ch] = found
    return found


class WordPiece:
    def __init__(self, vocab: list[str]) -> None:
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        return cls([line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()])

    def words(self, text: str) -> list[tuple[str, list[int]]]:
        """(normalised word, the text offset of each of its characters) after BERT's basic split."""
        out: list[tuple[str, list[int]]] = []
        buf: list[str] = []
        pos: list[int] = []

        def flush() -> None:
            if buf:
                out.append(("".join(buf), list(pos)))
                buf.clear()
                pos.clear()

        kinds = _KINDS
        for i, ch in enumerate(text):
            kind, norm = kinds.get(ch) or _kind(ch)
            if kind == _WORD:
                buf.append(norm)
                if len(norm) == 1:
                    pos.append(i)
                else:
                    pos.extend([i] * len(norm))
            elif kind == _SPACE:
                flush()
            elif kind == _PUNCT:
                flush()
                if norm:
                    out.append((norm, [i] * len(norm)))
        flush()
        return [w for w in out if w[0]]

    def pieces(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > MAX_WORD:
            return [self.unk]
        ids: list[int] = []
        pos = 0
        while pos < len(word):
            end = len(word)
            found = None
            while end > pos:
                sub = word[pos:end] if pos == 0 else "##" + word[pos:end]
                found = self.ids.get(sub)
                if found is not None:
                    break
                end -= 1
            if found is None:
                ids = [self.unk]
                break
            ids.append(found)
            pos = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode(self, text: str, max_len: int) -> Encoding:
        """[CLS] pieces [SEP], truncated to ``max_len`` in all."""
        ids, offsets = [self.cls], [(0, 0)]
        for word, where in self.words(text):
            at = 0
            for pid in self.pieces(word):
                if len(ids) >= max_len - 1:
                    break
                n = len(word) if pid == self.unk else len(self._piece_text(pid))
                ids.append(pid)
                offsets.append((where[at], where[at + n - 1] + 1))
                at += n
            if len(ids) >= max_len - 1:
                break
        ids.append(self.sep)
        offsets.append((0, 0))
        return Encoding(ids, offsets)

    def _piece_text(self, pid: int) -> str:
        t = self.vocab[pid]
        return t[2:] if t.startswith("##") else t
