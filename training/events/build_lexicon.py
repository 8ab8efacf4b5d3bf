"""Build herald's event lexicon and ontology tables from the public CAMEO/PLOVER files.

Run from the project root (development only; the outputs ship in src/herald/events/data/):

    .venv/bin/python training/events/build_lexicon.py [../shared/data/events]

Inputs (MIT unless noted):
- dictionaries/CAMEO.2.0.txt: the PETRARCH2 CAMEO verb-pattern dictionary (Open Event Data Alliance).
- plover/CAMEO2PLOVER-2021.txt: CAMEO code -> PLOVER type and mode.
- dictionaries/Phoenix.agents.txt: one-word agent nouns and their agent codes.
- plover/PLOVER_MANUAL.tex (CC BY-SA 4.0): the PLOVER conflict-cooperation scores (type:mode -> score),
  used as the ``goldstein`` value, and each type's quad category.

Outputs:
- verbs.json: {lemma: {"code": default code or null, "pv": [particle words], "patterns": [...]}}
  where a pattern is {"pre": slots, "post": slots, "preps": [[prep, slots]], "code": str|null, "n": int}
  and a slot is a list of alternatives, each a list of words that must all be present.
- ontology.json: {"cameo": {code: [type, mode]}, "scores": {"TYPE" or "TYPE:mode": score},
  "quad": {TYPE: 1..4}}

The dictionary is reduced, not copied: regular verb forms are left to spaCy's lemmatiser, the
source/target markers of the patterns are dropped (herald takes actors from the parse), and
patterns are kept only as word requirements around the verb.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "herald" / "events" / "data"

# Corrections that apply the PLOVER manual's own guidance to CAMEO default codes (documented in
# docs/events.md): an invitation to meet is an expressed intent to meet (PLOVER: "invitations for
# state visits should be coded as AGREE"), not a consultation.
OVERRIDES = {
    "agree": "030",  # PLOVER AGREE: "agree to, offer, promise"
    "invite": "036",
    "reinvite": "036",
    # Core verbs that the dictionary lists with a null default (only their patterns code), or not
    # at all; codes from the CAMEO codebook's own category names.
    "reject": "120",
    "refuse": "120",
    "decline": "120",
    "urge": "020",
    "appeal": "020",
    "sign": "057",
    "veto": "129",
    "pledge": "030",
    "vow": "030",
}

# Verbs whose CAMEO default is a bare statement (01x) or that the dictionary lists only to block
# noun readings: they never trigger an event on their own (the 010 catch-all is what users distrust).
NO_EVENT_ROOTS = ("01",)


def words_of(phrase: str) -> list[str]:
    return [w for w in phrase.replace("_", " ").lower().split() if w]


def read_synsets(lines: list[str]) -> dict[str, list[list[str]]]:
    synsets: dict[str, list[list[str]]] = {}
    label = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            label = line.strip().rstrip("_")
            synsets[label] = []
        elif line.startswith("+") and label:
            phrase = words_of(line[1:].strip())
            if phrase:
                synsets[label].append(phrase)
        elif not line.strip():
            continue
        else:
            label = None
    return synsets


def slot(token: str, synsets: dict[str, list[list[str]]]) -> list[list[str]] | None:
    """One pattern element -> alternatives; an alternative is a list of atoms that must all occur,
    an atom being a word or a synset reference ("&NAME", matched when one of its phrases occurs)."""
    token = token.strip()
    if token.startswith("{") and token.endswith("}"):
        atoms: list[str] = []
        for p in token[1:-1].split():
            sub = slot(p, synsets)
            if sub is None:
                return None
            if len(sub) != 1:
                return None
            atoms.extend(sub[0])
        return [atoms] if atoms else None
    if token.startswith("&"):
        key = token.rstrip("_")
        return [[key]] if key in synsets else None
    w = words_of(token)
    return [w] if w else None


def tokenize_pattern(body: str) -> list[str]:
    """Split a pattern body into tokens keeping {...} and (...) groups together."""
    out, buf, depth = [], "", 0
    for ch in body:
        if ch in "{(":
            depth += 1
        if ch in "})":
            depth -= 1
        if ch.isspace() and depth == 0:
            if buf:
                out.append(buf)
            buf = ""
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def parse_pattern(line: str, synsets: dict[str, list[list[str]]]) -> dict | None:
    m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
    if not m:
        return None
    body, code = m.group(1), m.group(2).strip()
    code = code.split(":")[0] or code.split(":")[-1]
    code_v: str | None = None if code in ("---", "") else code
    body = body.replace("*", " * ")
    body = re.sub(r"[$+%^]", " ", body).replace("_", " ")
    toks = tokenize_pattern(body)
    if "*" not in toks:
        return None
    star = toks.index("*")
    pre, post, preps = [], [], []
    for i, t in enumerate(toks):
        if t == "*":
            continue
        if t.startswith("("):
            inner = tokenize_pattern(t[1:-1])
            if not inner:
                continue
            prep = inner[0].lower()
            slots = [slot(x, synsets) for x in inner[1:]]
            if any(s is None for s in slots):
                return None
            preps.append([prep, slots])
            continue
        s = slot(t, synsets)
        if s is None:
            return None
        (pre if i < star else post).append(s)
    n = len(pre) + len(post) + sum(1 + len(p[1]) for p in preps)
    if n == 0:
        return None
    return {"pre": pre, "post": post, "preps": preps, "code": code_v, "n": n}


def parse_verb_line(line: str) -> tuple[str, list[str], str | None] | None:
    """'WORD {forms} [code]' or '+ASK_FOR' -> (lemma, particle words, own code)."""
    body = line.split("#", 1)[0]
    code_m = re.search(r"\[([^\]]*)\]", body)
    code = code_m.group(1).strip() if code_m else None
    body = re.sub(r"\{[^}]*\}", " ", re.sub(r"\[[^\]]*\]", " ", body)).strip()
    if not body:
        return None
    phrase = body.split()[0]
    parts = phrase.split("_")
    verb_i = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    lemma = parts[verb_i].lstrip("+").lower()
    if not lemma.isalpha():
        return None
    extra = [p.lstrip("+").lower() for i, p in enumerate(parts) if i != verb_i and p]
    return lemma, extra, code


def read_verbs(lines: list[str], synsets: dict[str, list[list[str]]]) -> dict[str, object]:
    """Verb blocks -> {"verbs": {key: [code, particles, block]}, "blocks": [[pattern, ...]]}.

    Patterns are stored once per synonym block (every verb of a block shares them), most specific
    first; a verb's own code overrides the block's default.
    """
    verbs: dict[str, list] = {}
    blocks: list[list[dict]] = []
    block_code: str | None = None
    block_verbs: list[tuple[str, list[str], str | None]] = []
    block_patterns: list[dict] = []

    def flush() -> None:
        if not block_verbs:
            return
        seen, uniq = set(), []
        for p in sorted(block_patterns, key=lambda p: -p["n"]):
            k = json.dumps(p, sort_keys=True)
            if k not in seen:
                seen.add(k)
                uniq.append(p)
        bid = len(blocks)
        blocks.append(uniq)
        for lemma, extra, own in block_verbs:
            code = own if own is not None else block_code
            code = None if code in (None, "---", "") else code.split(":")[0] or None
            if code and code.startswith(NO_EVENT_ROOTS):
                code = None
            key = " ".join([lemma, *extra])
            if key in verbs and verbs[key][0]:
                continue  # first listing wins (the dictionary's primary block for the verb)
            verbs[key] = [OVERRIDES.get(key, code), extra, bid]

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("---"):
            flush()
            m = re.search(r"\[([^\]]*)\]", line)
            block_code = m.group(1).strip() if m else None
            block_verbs, block_patterns = [], []
        elif line.startswith("-"):
            p = parse_pattern(line, synsets)
            if p:
                block_patterns.append(p)
        elif line.strip() and not line.startswith("#") and not line.startswith("~"):
            v = parse_verb_line(line)
            if v:
                block_verbs.append(v)
    flush()
    for key, code in OVERRIDES.items():
        if key not in verbs:
            verbs[key] = [code, [], len(blocks)]
            blocks.append([])
    keep = {k: v for k, v in verbs.items() if v[0] or any(p["code"] for p in blocks[v[2]])}
    used = {v[2] for v in keep.values()}
    remap = {old: new for new, old in enumerate(sorted(used))}
    return {
        "verbs": {k: [v[0], v[1], remap[v[2]]] for k, v in keep.items()},
        "blocks": [blocks[i] for i in sorted(used)],
    }


def read_cameo2plover(path: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0]
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line.strip())
        if not m:
            continue
        code, rest = m.group(1), [x.strip() for x in m.group(2).split(",")]
        if len(code) == 2:
            continue  # root headers are ambiguous (08 is CONCEDE and RETREAT)
        ptype = rest[0].upper()
        mode = rest[1].strip().lower() if len(rest) > 1 else ""
        table[code] = [ptype, mode]
    # CAMEO 02 (appeal) has no PLOVER line: PLOVER folds appeals into REQUEST.
    table.setdefault("020", ["REQUEST", ""])
    return table


def read_scores(manual: str) -> tuple[dict[str, float], dict[str, int]]:
    start = manual.rindex("\\caption{PLOVER conflict--cooperation scores}")
    table = manual[start : manual.index("\\end{tabular}", start)]
    scores: dict[str, float] = {}
    for row in table.split("\\\\"):
        cells = [re.sub(r"\\cellcolor\{[^}]*\}", "", c).strip() for c in row.split("&")]
        for name, val in zip(cells[0::2], cells[1::2], strict=False):
            name = name.split("\\hline")[-1].strip()
            try:
                v = float(val.strip())
            except ValueError:
                continue
            if ":" in name:
                t, mode = name.split(":", 1)
                scores[f"{t.strip().upper()}:{mode.strip().lower()}"] = v
            elif name:
                scores[name.upper()] = v
    quad: dict[str, int] = {}
    names = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
    for m in re.finditer(r"\\section\{([A-Z]+)\}(.*?)Quad category: ([A-Z ]+)\}", manual, re.S):
        quad[m.group(1)] = names[m.group(3).strip()]
    return scores, quad


def read_agents(path: Path) -> dict[str, str]:
    """Phoenix.agents.txt (MIT, PETRARCH2): one-word agent nouns -> agent code ("troops" -> MIL).
    Used only to keep a generic argument ("protesters", "police") as an uncoded actor."""
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z][A-Z'-]*)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if m:
            out.setdefault(m.group(1).lower(), m.group(2))
    return out


def main() -> None:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "events"
    lines = (
        (base / "dictionaries" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    )
    i_verbs = next(i for i, x in enumerate(lines) if "VERB PATTERNS" in x)
    i_trans = next(i for i, x in enumerate(lines) if "TRANSFORMATIONS" in x)
    synsets = read_synsets(lines[:i_verbs])
    lex = read_verbs(lines[i_verbs:i_trans], synsets)
    verbs = {"synsets": synsets, **lex}
    cameo = read_cameo2plover(base / "plover" / "CAMEO2PLOVER-2021.txt")
    scores, quad = read_scores((base / "plover" / "PLOVER_MANUAL.tex").read_text(encoding="utf-8"))
    # The manual's table prints ACCUSE as +3, against all three of its modes (-2 .. -3.5) and its
    # quad category (verbal conflict): read as a lost minus sign.
    if scores.get("ACCUSE", 0) > 0:
        scores["ACCUSE"] = -scores["ACCUSE"]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "verbs.json").write_text(
        json.dumps(verbs, separators=(",", ":"), sort_keys=True), encoding="utf-8"
    )
    agents = read_agents(base / "dictionaries" / "Phoenix.agents.txt")
    onto = {"cameo": cameo, "scores": scores, "quad": quad, "agents": agents}
    (OUT / "ontology.json").write_text(json.dumps(onto, indent=0, sort_keys=True), encoding="utf-8")
    print(f"verbs: {len(lex['verbs'])} verbs, {sum(len(b) for b in lex['blocks'])} patterns")
    print(
        f"ontology: {len(cameo)} CAMEO codes, {len(scores)} scores, {len(quad)} quad categories, "
        f"{len(agents)} agent nouns"
    )


if __name__ == "__main__":
    main()
