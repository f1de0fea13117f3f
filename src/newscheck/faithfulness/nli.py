"""A pluggable entailment model: the protocol the check calls and a loader for a local
Hugging Face sequence-classification directory (NLI or cross-encoder).

Nothing here downloads: `load_entailment` reads only the directory it is given, and
torch + transformers are imported only when it is called.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Entailment(Protocol):
    def score(self, premise: str, hypothesis: str) -> dict[str, float]:
        """Probabilities with keys entailment, contradiction, neutral (summing to 1)."""


def _role(label: str) -> str | None:
    label = label.lower()
    if label.startswith("entail") or label in ("supported", "consistent", "yes"):
        return "entailment"
    if label.startswith("contra") or label in ("refuted", "inconsistent"):
        return "contradiction"
    if label.startswith("neutral") or label.startswith("not_entail") or label.startswith("not entail"):
        return "neutral"
    return None


class HFEntailment:
    """A sequence-classification model from a local directory, on CPU."""

    def __init__(self, model, tokenizer, max_length: int = 512):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length
        id2label = getattr(model.config, "id2label", {}) or {}
        self.roles = {int(i): _role(str(lab)) for i, lab in id2label.items()}
        n = model.config.num_labels
        if any(r is None for r in self.roles.values()) or len(self.roles) != n:
            # the MNLI convention when the labels carry no names
            self.roles = ({0: "contradiction", 1: "neutral", 2: "entailment"} if n == 3
                          else {0: "neutral", 1: "entailment"})

    def score(self, premise: str, hypothesis: str) -> dict[str, float]:
        import torch

        enc = self.tokenizer(premise, hypothesis, truncation=True, max_length=self.max_length,
                             return_tensors="pt")
        with torch.no_grad():
            probs = torch.softmax(self.model(**enc).logits[0], dim=-1).tolist()
        out = {"entailment": 0.0, "contradiction": 0.0, "neutral": 0.0}
        for i, p in enumerate(probs):
            out[self.roles.get(i, "neutral")] += float(p)
        return out


def load_entailment(path: str) -> HFEntailment:
    """Load an NLI model saved with `save_pretrained` in `path`; never touches a hub."""
    import os

    if not os.path.isdir(path):
        raise FileNotFoundError(f"cannot load entailment model: {path} is not a directory "
                                "(save one there with save_pretrained)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as exc:  # pragma: no cover
        raise ImportError("an entailment model needs torch==2.13.0 and transformers") from exc
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True)
    return HFEntailment(model, tok)
