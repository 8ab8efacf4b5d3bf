"""Check a label file against its shard: one valid line per sentence, known types, actor texts present.

python3 training/events/annotation/check.py pool/shard-0.jsonl labels/shard-0.jsonl
"""

from __future__ import annotations

import json
import sys

from scheme import MODES, TYPES


def problems(shard_path: str, labels_path: str) -> list[str]:
    with open(shard_path, encoding="utf-8") as f:
        shard = [json.loads(line) for line in f if line.strip()]
    with open(labels_path, encoding="utf-8") as f:
        label_lines = f.read().splitlines()
    out: list[str] = []
    labels = {}
    for n, line in enumerate(label_lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"line {n}: not JSON ({exc})")
            continue
        labels[d.get("sid")] = d
    for item in shard:
        d = labels.get(item["sid"])
        if d is None:
            out.append(f"{item['sid']}: missing")
            continue
        if not isinstance(d.get("political"), bool):
            out.append(f"{item['sid']}: political must be true or false")
        for e in d.get("events") or []:
            if e.get("type") not in TYPES:
                out.append(f"{item['sid']}: unknown type {e.get('type')!r}")
            if e.get("mode") not in MODES:
                out.append(f"{item['sid']}: unknown mode {e.get('mode')!r}")
            for side in ("source", "target"):
                a = e.get(side)
                if a is None:
                    continue
                t = a.get("text", "")
                if not (t.startswith("(") or t in item["text"]):
                    out.append(f"{item['sid']}: {side} text {t!r} is not in the sentence")
    return out


if __name__ == "__main__":
    found = problems(sys.argv[1], sys.argv[2])
    print("\n".join(found) if found else "ok")
    sys.exit(1 if found else 0)
