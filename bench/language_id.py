"""Language identification on the dev pages, whole and cut short: herald's guess against libraries.

Texts: the article text herald extracts from the 89 dev extraction pages (HTML and flattened text;
seven are not English: two Indonesian, Portuguese, German, Italian and two Russian), the 84 PolNeAR
dev articles, the short pages of ``tests/data/tricky`` (a box score, a notice), and every one of those
cut to its first 6, 12 and 25 words (a headline, a caption, a box score's lines). What matters to
herald is "English or not": an English page called something else is skipped and never coded; a
foreign page called English is coded as nonsense. Reported per method: English pages called English,
other pages not called English, exact language, ``und`` (undecided) and the time per text.

Libraries are measured when importable (``--libs DIR`` adds a folder to the import path, e.g. a
``pip install --target DIR py3langid lingua-language-detector`` made for the measurement).

Usage: .venv/bin/python bench/language_id.py [--libs DIR]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time as clock
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0] / ".." / "shared" / "data"
EXTRACTION = SHARED / "extraction"
POLNEAR = SHARED / "quotes" / "polnear"
TRICKY = HERE.parents[0] / "tests" / "data" / "tricky"
NOT_ENGLISH = {  # the dev extraction pages that are not in English, by the first 8 characters of the id
    "21486419": "id",
    "7837c9d6": "id",
    "3252222e": "pt",
    "57b4dafd": "de",
    "b6fb53e9": "it",
    "c82b3d1d": "ru",
    "ff0f958a": "ru",
}
CUTS = (6, 12, 25)


def texts(split: str = "dev") -> list[tuple[str, str, str]]:
    """(name, language, text): whole texts and their short cuts."""
    from herald.extract.html import extract_html
    from herald.extract.text import extract_text

    whole: list[tuple[str, str, str]] = []
    for f in sorted((EXTRACTION / "html").glob("*.html.gz")):
        pid = f.name.split(".")[0]
        with gzip.open(f) as fh:
            page = fh.read().decode("utf-8", "replace")
        whole.append((f"html/{pid[:8]}", NOT_ENGLISH.get(pid[:8], "en"), extract_html(page).text))
    for f in sorted((EXTRACTION / "plaintext").glob("*.txt")):
        pid = f.stem
        whole.append(
            (
                f"plain/{pid[:8]}",
                NOT_ENGLISH.get(pid[:8], "en"),
                extract_text(f.read_text(encoding="utf-8")).text,
            )
        )
    for f in sorted((POLNEAR / split / "text").glob("*.txt")):
        whole.append((f"polnear/{f.stem[:30]}", "en", f.read_text(encoding="utf-8")))
    for name in ("box-score.txt", "short-notice.txt"):
        whole.append((f"tricky/{name}", "en", (TRICKY / name).read_text(encoding="utf-8")))
    whole = [w for w in whole if w[2].strip()]
    out = list(whole)
    for name, lang, text in whole:
        words = text.split()
        for n in CUTS:
            if len(words) > n:
                out.append((f"{name}@{n}", lang, " ".join(words[:n])))
    return out


def methods(libs: str | None) -> list[tuple[str, Callable[[str], str]]]:
    from herald.extract.language import detect_language

    out: list[tuple[str, Callable[[str], str]]] = [("herald", detect_language)]
    if libs:
        sys.path.insert(0, libs)
    try:
        import py3langid

        out.append(("py3langid 0.4 (97 languages)", lambda t: py3langid.classify(t)[0]))
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        det = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua_lang(t: str) -> str:
            got = det.detect_language_of(t)
            return got.iso_code_639_1.name.lower() if got is not None else "und"

        out.append(("lingua 2.1 (75 languages)", lingua_lang))
    except ImportError:
        pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--libs", help="a folder to add to the import path for the libraries")
    ap.add_argument("--misses", action="store_true", help="list herald's English/not-English misses")
    ap.add_argument("--polnear-split", default="dev", help="train: 840 more English articles, not looked at")
    args = ap.parse_args()
    data = texts(args.polnear_split)
    groups = {"whole": [d for d in data if "@" not in d[0]]}
    for n in CUTS:
        groups[f"first {n} words"] = [d for d in data if d[0].endswith(f"@{n}")]
    print(
        f"{len(groups['whole'])} texts ({sum(d[1] != 'en' for d in groups['whole'])} not English), "
        f"{len(data)} with the cuts"
    )
    for name, fn in methods(args.libs):
        t0 = clock.perf_counter()
        got = {d[0]: fn(d[2]) for d in data}
        took = (clock.perf_counter() - t0) / len(data) * 1000
        print(f"{name}: {took:.2f} ms per text")
        for g, rows in groups.items():
            en = [d for d in rows if d[1] == "en"]
            other = [d for d in rows if d[1] != "en"]
            en_ok = sum(got[d[0]] == "en" for d in en)
            other_ok = sum(got[d[0]] != "en" for d in other)
            exact = sum(got[d[0]] == d[1] for d in rows)
            und = sum(got[d[0]] == "und" for d in rows)
            print(
                f"  {g:<16} English called English {en_ok / max(1, len(en)):.3f} "
                f"({len(en) - en_ok} missed of "
                f"{len(en)}), others not English {other_ok}/{len(other)}, "
                f"exact {exact / max(1, len(rows)):.3f}, "
                f"und {und}"
            )
        if args.misses and name == "herald":
            for d in data:
                if (got[d[0]] == "en") != (d[1] == "en"):
                    print(f"    miss {d[0]}: {d[1]} -> {got[d[0]]}: {d[2][:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
