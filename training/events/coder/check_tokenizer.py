"""herald's WordPiece (src/herald/events/learned/wordpiece.py) against Hugging Face ``tokenizers`` on
the training sentences: identical piece ids, and offsets that cover the same text.

    /path/to/train-venv/bin/python training/events/coder/check_tokenizer.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src" / "herald" / "events" / "learned"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import train  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


def main() -> None:
    ours = WordPiece.from_file(ROOT / "src" / "herald" / "events" / "data" / "coder" / "vocab.txt")
    theirs = train.tokenizer()
    texts = [e.text for e in dataset.read(dataset.BUILD / "examples.jsonl")]
    texts += ["Café «Zürich» — naïve façade…", "ﬁnancial\u200b report", "北京 talks", "x" * 150]
    bad = 0
    for t, enc in zip(texts, theirs.encode_batch(texts), strict=True):
        mine = ours.encode(t, train.MAX_LEN)
        if mine.ids != enc.ids or [o for o in mine.offsets] != [tuple(o) for o in enc.offsets]:
            bad += 1
            if bad <= 5:
                print("differs:", t[:80], mine.ids[:12], enc.ids[:12], mine.offsets[:6], enc.offsets[:6])
    print(f"{len(texts) - bad} of {len(texts)} sentences identical")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
