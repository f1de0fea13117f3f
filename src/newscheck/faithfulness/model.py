"""The consistency model: a MiniLM-L6 cross-encoder trained in this repository (train/), shipped
as int8 ONNX and run with onnxruntime and tokenizers: P(consistent) of one rewrite sentence given
a source passage. Loaded once, lazily; the rules and tests may pass any `Consistency` instead.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "consistency"
MODEL_NAME = "newscheck-consistency-minilm-l6 1"


@runtime_checkable
class Consistency(Protocol):
    def consistent(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """P(consistent) for each (premise, hypothesis) pair, in order."""


class OnnxConsistency:
    """The shipped model (or another exported the same way) on CPU."""

    def __init__(self, path: str | Path = MODEL_DIR, max_length: int = 128, threads: int | None = None,
                 batch_size: int = 32):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = Path(path)
        for name in ("model.onnx", "tokenizer.json"):
            if not (path / name).is_file():
                raise FileNotFoundError(f"cannot load the consistency model: {path / name} is missing")
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        # the hypothesis is one sentence: cut the premise first when the pair is too long
        self.tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
        self.tokenizer.no_padding()
        so = ort.SessionOptions()
        so.intra_op_num_threads = (threads or int(os.environ.get("NEWSCHECK_MODEL_THREADS") or 0)
                                   or min(2, os.cpu_count() or 1))
        so.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path / "model.onnx"), so, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size

    def consistent(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        import numpy as np

        if not pairs:
            return []
        encs = self.tokenizer.encode_batch([(p, h) for p, h in pairs])
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))  # batches of like length
        out = [0.0] * len(encs)
        for k in range(0, len(order), self.batch_size):
            idx = order[k:k + self.batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for row, i in enumerate(idx):
                e = encs[i]
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
                types[row, :len(e.ids)] = e.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            logits = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            z = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
            for row, i in enumerate(idx):
                out[i] = float(probs[row, 1])
        return out


_LOCK = threading.Lock()
_DEFAULT: list = []  # [model or None], once loaded


def default_consistency() -> Consistency | None:
    """The shipped model, loaded on first use; None (rules alone) when it is not installed."""
    with _LOCK:
        if not _DEFAULT:
            try:
                _DEFAULT.append(OnnxConsistency())
            except (ImportError, FileNotFoundError, OSError) as exc:
                import sys
                print(f"newscheck: the rewrite check runs on its rules alone: {exc}", file=sys.stderr)
                _DEFAULT.append(None)
        return _DEFAULT[0]


def decide(rule_items: Sequence[tuple[int | None, float]], scores: Sequence[float | None], options
           ) -> tuple[list[bool], list[int]]:
    """Which rule findings stand and which sentences the model flags.

    `rule_items` are (rewrite sentence index, confidence) of the rules' findings; `scores` the
    model's P(consistent) per sentence (None: not scored). A rule finding below
    `options.veto_below` falls where the model reads its sentence as consistent
    (>= `options.veto_threshold`); where no rule speaks, a sentence under
    `options.model_threshold` is the model's finding."""
    keep = []
    for i, conf in rule_items:
        s = scores[i] if i is not None and i < len(scores) else None
        keep.append(not (s is not None and conf < options.veto_below and s >= options.veto_threshold))
    ruled = {i for i, _ in rule_items}
    flagged = [i for i, s in enumerate(scores)
               if s is not None and i not in ruled and s < options.model_threshold]
    return keep, flagged


def combine_flags(rule_items, scores, options) -> bool:
    """Whether the check reports anything: the decision `decide` makes, as one boolean."""
    keep, flagged = decide(rule_items, scores, options)
    return any(keep) or bool(flagged)
