"""Run the checker over many articles: one article that fails becomes its own error record and
the batch goes on; a text too long for spaCy is checked in chunks cut at paragraph breaks; `jobs`
spreads the work over worker processes, each with its own Checker, and keeps the input order;
`ResumeState` remembers which articles are done, so an interrupted batch goes on where it stopped.

Reading inputs is left to `ingest`, the checks to `pipeline`, rendering to `report`: the CLI
(and later a corpus store or a web app) calls `check_batch` so a bad article behaves the same
everywhere.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .errors import InputError
from .model import Article, ArticleReport, Finding

# A text longer than this is checked in chunks of at most this many characters, cut at paragraph
# breaks. spaCy needs about 1 GB of scratch memory per 100,000 characters in its parser and NER,
# so this bounds the memory one article takes whatever its length (spaCy's own nlp.max_length,
# 1,000,000 by default, is the hard limit; the smaller of the two applies).
CHUNK_CHARS = 100_000
GROUP_SIZE = 16  # articles a worker checks at a time (one spaCy batch; one round trip)
# With jobs left to choose (None), a batch of fewer articles than this is checked in this process:
# starting a worker (spaCy and the KB, about 2 s) costs more than it saves (bench/scale.py).
AUTO_MIN_ARTICLES = 64


@dataclass(frozen=True)
class ArticleError:
    """An input that could not be read, or an article whose check raised: one line a user can act on."""

    id: str | None  # the article's id; None when the input could not be read into an article
    source: str | None  # the file (or "-") it came from
    error: str

    def to_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "error": self.error}

    @classmethod
    def from_input_error(cls, error: InputError) -> ArticleError:
        return cls(None, error.path, str(error))


@dataclass(frozen=True)
class FindingFilter:
    """Which findings a report keeps, as linters have it: --select, --ignore, --min-confidence."""

    select: frozenset[str] = frozenset()  # empty: every code
    ignore: frozenset[str] = frozenset()
    min_confidence: float = 0.0

    def keep(self, finding: Finding) -> bool:
        return ((not self.select or finding.code in self.select) and finding.code not in self.ignore
                and finding.confidence >= self.min_confidence)

    def apply(self, report: ArticleReport) -> ArticleReport:
        report.findings = [f for f in report.findings if self.keep(f)]
        return report


Result = ArticleReport | ArticleError


def check_batch(items: Iterable[Article | InputError], make_checker: Callable[[], object], *,
                jobs: int | None = 1, keep: FindingFilter | None = None) -> Iterator[Result]:
    """Check each article of `items` and yield its report, or its error, in input order.

    `make_checker()` builds a Checker (pipeline.Checker or a stand-in with `check_many`); with
    `jobs` > 1 it is called once in each worker process, so it must pickle (a module-level function
    or a functools.partial of one). `jobs=None` picks: one process for a small batch, else a worker
    per core. An InputError among `items` comes out as an ArticleError in its place.
    """
    items = iter(items)
    if jobs is None:
        head = [item for _, item in zip(range(AUTO_MIN_ARTICLES), items)]
        jobs = 1 if len(head) < AUTO_MIN_ARTICLES else (os.cpu_count() or 1)
        items = _chain(head, items)
    results = _in_process(items, make_checker) if jobs <= 1 else _in_workers(items, make_checker, jobs)
    for result in results:
        yield keep.apply(result) if keep and isinstance(result, ArticleReport) else result


def _chain(head, rest):
    yield from head
    yield from rest


def _groups(items: Iterator[Article | InputError]) -> Iterator[list[Article] | ArticleError]:
    """Runs of up to GROUP_SIZE articles, with each unreadable input on its own between them."""
    group: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            group.append(item)
            if len(group) == GROUP_SIZE:
                yield group
                group = []
        else:
            if group:
                yield group
                group = []
            yield ArticleError.from_input_error(item) if isinstance(item, InputError) else \
                ArticleError(None, None, f"not an article: {item!r}"[:200])
    if group:
        yield group


def _in_process(items, make_checker) -> Iterator[Result]:
    checker = None
    for group in _groups(items):
        if isinstance(group, ArticleError):
            yield group
            continue
        checker = checker or make_checker()
        yield from check_group(checker, group)


# -- resuming an interrupted batch ----------------------------------------------------------------

def content_hash(article: Article) -> str:
    """What a check reads from an article (text, title, date, source text): the same hash means the
    same findings, so a resumed run may skip it; a changed text under the same id is checked again."""
    fields = [article.text, article.title, article.published.isoformat() if article.published else None,
              article.source_text]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


class ResumeState:
    """A JSON Lines file with one line per finished input, appended (and flushed) as each finishes:
    `{"id", "sha256", "error_findings"}` for a checked article, `{"id", "sha256", "error"}` for one
    whose check failed, `{"id": null, "source", "error"}` for an input that could not be read.
    A run that is stopped loses at most the articles in flight; a half-written last line (a killed
    process) is dropped when the file is opened again."""

    def __init__(self, path: str):
        self.path = path
        self.done: set[tuple] = set()
        self.skipped = 0
        self._in_flight: deque[tuple] = deque()  # keys of the items handed on and not yet recorded
        self.error_findings = 0  # articles done earlier with error findings: they set the exit status
        try:
            with open(path, "rb") as file:
                data = file.read()
        except FileNotFoundError:
            data = b""
        except OSError as error:
            raise InputError(path, f"cannot read the --resume state: {error.strerror}",
                             fix="give a file this user can read and write") from None
        complete = data[:data.rfind(b"\n") + 1]
        for number, line in enumerate(complete.splitlines(), start=1):
            try:
                record = json.loads(line)
                self.done.add(self._key(record))
            except (ValueError, TypeError, KeyError, AttributeError):
                raise InputError(path, "not a newscheck --resume state", line=number,
                                 fix="give the file an earlier run wrote, or a new file name") from None
            self.error_findings += bool(record.get("error_findings"))
        try:
            self.file = open(path, "ab")
            if len(complete) < len(data):
                self.file.truncate(len(complete))
        except OSError as error:
            raise InputError(path, f"cannot write the --resume state: {error.strerror}",
                             fix="give a file in a folder this user can write") from None

    @staticmethod
    def _key(record: dict) -> tuple:
        if record["id"] is None:
            return ("input", str(record["source"]), str(record["error"]))
        return ("article", str(record["id"]), str(record["sha256"]))

    def pending(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        """`items` less those done before (`self.skipped` counts them). Results must then be
        recorded in the order of these items, as `check_batch` gives them."""
        for item in items:
            if isinstance(item, Article):
                key = ("article", item.id, content_hash(item))
            elif isinstance(item, InputError):
                key = ("input", str(item.path), str(item))
            else:
                key = ("input", None, f"not an article: {item!r}"[:200])
            if key in self.done:
                self.skipped += 1
                continue
            self._in_flight.append(key)
            yield item

    def record(self, result: Result) -> None:
        """Append the next result (in input order) as done."""
        kind, name, detail = self._in_flight.popleft()
        if kind == "input":
            line = {"id": None, "source": name, "error": detail}
        elif isinstance(result, ArticleError):
            line = {"id": name, "sha256": detail, "error": result.error}
        else:
            line = {"id": name, "sha256": detail,
                    "error_findings": sum(f.severity == "error" for f in result.findings)}
        self.file.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
        self.file.flush()

    def close(self) -> None:
        self.file.close()


# -- worker processes ---------------------------------------------------------------------------

_worker_checker = None


def _start_worker(make_checker) -> None:
    global _worker_checker
    # the workers share the cores: one thread each for the consistency model
    os.environ.setdefault("NEWSCHECK_MODEL_THREADS", "1")
    _worker_checker = make_checker()


def _check_in_worker(group: list[Article]) -> list[Result]:
    return list(check_group(_worker_checker, group))


def _in_workers(items, make_checker, jobs: int) -> Iterator[Result]:
    def new_pool():
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(make_checker,))

    pool = new_pool()
    pending: deque = deque()  # (group, future) or an ArticleError, in input order

    def finish_head() -> Iterator[Result]:
        nonlocal pool
        entry = pending.popleft()
        if isinstance(entry, ArticleError):
            yield entry
            return
        group, future = entry
        try:
            yield from future.result()
        except BrokenProcessPool as error:  # a worker died (killed, out of memory): start a new pool
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            rest = [e if isinstance(e, ArticleError) else e[0] for e in pending]
            pending.clear()
            if len(group) == 1:
                # the article alone, once more: another one in the pool may have killed it
                try:
                    yield from pool.submit(_check_in_worker, group).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    yield _error_for(group[0], error, "the worker process checking it died (out of memory or killed)")
            # the group's articles again one by one, so only the one that kills a worker is lost; the
            # groups sent to the dead pool go to the new one
            again = [[article] for article in group] if len(group) > 1 else []
            pending.extend(e if isinstance(e, ArticleError) else (e, pool.submit(_check_in_worker, e))
                           for e in again + rest)
        except Exception as error:  # noqa: BLE001 - e.g. a report that does not pickle
            yield from (_error_for(article, error) for article in group)

    try:
        for group in _groups(items):
            pending.append(group if isinstance(group, ArticleError) else (group, pool.submit(_check_in_worker, group)))
            while sum(1 for e in pending if not isinstance(e, ArticleError)) > 2 * jobs:  # flat memory
                yield from finish_head()
        while pending:
            yield from finish_head()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- one group of articles, with per-article error capture and long texts -------------------------

def check_group(checker, articles: list[Article]) -> Iterator[Result]:
    """Reports for `articles` in order; an article whose check raises becomes its ArticleError.

    The group goes through spaCy as one batch; when one article raises, the batch is abandoned
    and the articles not yet reported are checked one by one, so only that one is lost.
    """
    limit = chunk_limit(checker)
    short = [n for n, a in enumerate(articles) if len(a.text) <= limit]
    reports: dict[int, ArticleReport] = {}
    try:
        for n, report in zip(short, checker.check_many(_copy(articles[n]) for n in short)):
            reports[n] = report
    except Exception:  # noqa: BLE001 - found again below, article by article
        pass
    for n, article in enumerate(articles):
        if n in reports:
            yield reports[n]
            continue
        try:
            yield check_long(checker, article, limit) if len(article.text) > limit \
                else next(iter(checker.check_many([_copy(article)])))
        except Exception as error:  # noqa: BLE001 - any failure is this article's, not the batch's
            yield _error_for(article, error)


def _copy(article: Article) -> Article:
    """The pipeline writes the resolved date into the article: give it a copy, so a retry starts clean."""
    return dataclasses.replace(article)


def _error_for(article: Article, error: BaseException, what: str | None = None) -> ArticleError:
    detail = what or f"{type(error).__name__}: {error}"
    line = " ".join(f"cannot check {article.id}: {detail}".split())  # one line, whatever the message
    if len(line) > 500:
        line = line[:497] + "..."
    return ArticleError(article.id, article.path, line + "; the other articles were checked")


def chunk_limit(checker) -> int:
    nlp = getattr(checker, "nlp", None)
    return min(CHUNK_CHARS, getattr(nlp, "max_length", CHUNK_CHARS))


def check_long(checker, article: Article, limit: int = CHUNK_CHARS) -> ArticleReport:
    """Check a text longer than `limit` in chunks cut at paragraph breaks, and give back one report
    whose offsets point into the whole text. The first chunk (with the dateline) dates the article;
    the others are checked on that date. A name is not linked across chunks."""
    parts = paragraph_chunks(article.text, limit)
    first = dataclasses.replace(article, text=article.text[parts[0][0]:parts[0][1]])
    head = next(iter(checker.check_many([first])))
    findings = [_shifted(f, parts[0][0]) for f in head.findings]
    dated = head.article
    for start, end in parts[1:]:
        chunk = dataclasses.replace(dated, text=article.text[start:end])
        report = next(iter(checker.check_many([chunk])))
        findings.extend(_shifted(f, start) for f in report.findings)
    whole = dataclasses.replace(dated, text=article.text)
    notes = list(head.notes) + [f"a long text ({len(article.text):,} characters): checked in {len(parts)} parts"
                                f" of at most {limit:,} characters, cut at paragraph breaks"]
    findings.sort(key=lambda f: (f.start, f.code))
    return ArticleReport(whole, findings, notes)


def _shifted(finding: Finding, offset: int) -> Finding:
    return dataclasses.replace(finding, start=finding.start + offset, end=finding.end + offset)


def paragraph_chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `limit` characters, covering it all.
    Each cut falls after the last paragraph break that fits, else a line break, a sentence end,
    a space, and only in a text with none of these, at `limit`."""
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut or limit
        parts.append((start, start + cut))
        start += cut
    parts.append((start, len(text)))
    return parts
