"""The check as the corpus runs it: the pipeline's Checker, which also reads the article's claims from
the same spaCy Doc and the same linked people, so storing costs no second parse.

`CorpusChecker` works in worker processes too (the claims ride on the report); a report checked
elsewhere (the web app's "check and keep") gets its claims from `claims_for`, which parses once more.
"""
from __future__ import annotations

from functools import partial

from ..link import link_people
from ..pipeline import Checker, Options, load_pipeline
from .claims import read_claims


class _RememberingReader:
    """The pipeline's MentionReader, keeping its last answer so the claims reuse it."""

    def __init__(self, reader):
        self.reader, self.last = reader, (None, None)

    def read(self, doc):
        people = self.reader.read(doc)
        self.last = (doc, people)
        return people

    def __getattr__(self, name):
        return getattr(self.reader, name)


class CorpusChecker(Checker):
    def __init__(self, kb, options: Options = Options()):
        super().__init__(kb, options)
        self.reader = _RememberingReader(self.reader)

    def _check(self, article, doc):
        report = super()._check(article, doc)
        last_doc, clusters = self.reader.last
        people = link_people(clusters if last_doc is doc else self.reader.read(doc), self.kb)
        report.corpus_claims = read_claims(report.article, doc, people, self.kb)
        return report


def make_corpus_checker(open_kb, kb_path, options: Options = Options()) -> CorpusChecker:
    """Module level, so a worker process can build its own (`functools.partial` of it pickles)."""
    return CorpusChecker(open_kb(kb_path), options)


def checker_recipe(open_kb, kb_path, options: Options = Options()):
    return partial(make_corpus_checker, open_kb, kb_path, options)


def claims_for(report, checker=None, kb=None) -> dict:
    """The claims of an already-checked report: those its CorpusChecker attached, else read anew."""
    found = getattr(report, "corpus_claims", None)
    if found is not None:
        return found
    nlp = getattr(checker, "nlp", None) or load_pipeline()
    kb = kb if kb is not None else getattr(checker, "kb", None)
    reader = getattr(checker, "reader", None)
    if reader is None:
        from ..mentions import MentionReader

        reader = MentionReader(kb)
    from ..batch import CHUNK_CHARS

    doc = nlp(report.article.text[:CHUNK_CHARS])  # a long text (checked in parts): claims of its first part
    return read_claims(report.article, doc, link_people(reader.read(doc), kb), kb)
