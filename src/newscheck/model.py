"""The report model: articles in, findings out.

Every renderer (terminal, JSON, HTML) is a view of these dataclasses; nothing here
does I/O. Offsets are character offsets into `Article.text`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

# Where the publication date came from, in order of trust: the article's own full date, --date
# (which also gives a yearless dateline its year), a yearless dateline given the year its
# office holders fit, a window of dates the holders fit (no date at all), a guess.
PUBLISHED_FROM = ("metadata", "html", "dateline", "option", "dateline+option year", "dateline+inferred year",
                  "inferred window", "dateline+assumed year", "assumed")

SEVERITIES = ("error", "warning", "info")


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    source: str | None = None  # outlet or file the article came from
    url: str | None = None
    published: date | None = None
    published_from: str | None = None  # one of PUBLISHED_FROM
    # "inferred window": no date, only the days the article's office holders fit (first, last)
    published_window: tuple[date, date] | None = None
    date_basis: str | None = None  # how an inferred year or window was found, in words
    source_text: str | None = None  # the article this one rewrites, if known
    path: str | None = None  # file it was read from, for error messages
    # the spans of days an "inferred window" covers, as the pipeline found them; the later chunks of
    # a long text (batch.py) are checked over the same days instead of dating themselves again
    window_spans: list | None = None

    def date_words(self) -> tuple[str, bool]:
        """The publication date as a report shows it, and whether it is a guess or an inference."""
        if self.published_window:
            lo, hi = self.published_window
            return f"{lo} .. {hi} (inferred window: {self.date_basis})", True
        if self.published is None:
            return "unknown", True
        if self.published_from == "assumed":
            return f"{self.published} (assumed: no date found)", True
        source = self.published_from or "metadata"
        if self.date_basis:
            return f"{self.published} ({source}: {self.date_basis})", True
        return f"{self.published} ({source})", source == "dateline+assumed year"


@dataclass(frozen=True)
class Evidence:
    text: str  # a sentence a reader can verify: a KB fact or a source sentence
    source: str  # where it comes from: KB source id/name, or "source article"
    valid_from: str | None = None  # ISO date
    valid_to: str | None = None
    as_of: str | None = None


@dataclass
class Finding:
    code: str  # one of checks.CODES
    span: str  # exactly article.text[start:end]
    start: int
    end: int
    message: str
    suggestion: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    severity: str = "error"


@dataclass
class ArticleReport:
    article: Article
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "date assumed: today"

    def to_dict(self) -> dict:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "published_from": a.published_from,
            "published_window": ({"from": a.published_window[0].isoformat(), "to": a.published_window[1].isoformat()}
                                 if a.published_window else None),
            "date_basis": a.date_basis,
            "notes": self.notes,
            "findings": [asdict(f) for f in sorted(self.findings, key=lambda f: f.start)],
        }


@dataclass
class Report:
    version: str
    kb_as_of: str | None
    kb_sources: list[dict]
    articles: list[ArticleReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per unreadable input

    def to_dict(self) -> dict:
        return {
            "newscheck": self.version,
            "kb": {"as_of": self.kb_as_of, "sources": self.kb_sources},
            "articles": [r.to_dict() for r in self.articles],
            "errors": self.errors,
        }

    def kb_line(self) -> str:
        """What the knowledge base knows up to, source by source: every report shows it."""
        sources = ", ".join(f"{s['id']} {s['as_of']}" if s.get("as_of") else s["id"] for s in self.kb_sources)
        return f"knowledge base as of {self.kb_as_of or 'unknown'}" + (f" (sources as of: {sources})" if sources else "")

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for r in self.articles for f in r.findings)
