"""Checks for the web app, run off the event loop: in worker processes (or one thread), at most
as many at once as there are workers, with a bounded queue beyond which the server says it is busy.

A job is the raw request (a pasted text or an uploaded file); reading it (`ingest`) and checking it
(`batch.check_group`, which owns per-article error capture and long texts) both happen in the worker.
"""
from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import tempfile
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date

from ..batch import ArticleError, check_group
from ..errors import InputError
from ..ingest import read_articles
from ..model import Article, ArticleReport


class RequestProblem(Exception):
    """A request the server will not check: HTTP status, a stable error code and one line for the user."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(status, code, message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Limits:
    max_article_chars: int
    max_articles: int


@dataclass(frozen=True)
class CheckJob:
    """What to check: `text` (pasted) or `data` with its `filename` (uploaded); `date` as --date."""

    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    title: str | None = None
    source_text: str | None = None
    date: date | None = None
    keep: bool = False  # to be stored: the corpus's checker also reads the claims, from the same parse


Result = ArticleReport | ArticleError
TOO_LONG_FIX = "split it into smaller articles"


class Checkers:
    """One Checker per --date (and one that also reads claims for the corpus), over one KB; lives in a
    worker process or the server's check thread."""

    def __init__(self, kb):
        self.kb = kb
        self.by_date: dict = {}

    def get(self, on: date | None, keep: bool = False):
        from ..pipeline import Checker, Options

        if (on, keep) not in self.by_date:
            if len(self.by_date) > 8:  # a Checker is cheap once spaCy is loaded: keep the newest few
                self.by_date.pop(next(iter(self.by_date)))
            make = Checker
            if keep:
                from ..corpus.reading import CorpusChecker as make
            self.by_date[on, keep] = make(self.kb, Options(date=on))
        return self.by_date[on, keep]

    def run(self, job: CheckJob, limits: Limits) -> tuple[list[Result], list[str]]:
        """The reports (or per-article errors) of the job's articles, and the inputs that could not be read."""
        articles, errors = read_job(job, limits)
        if not articles:
            too_long = any(e.endswith(TOO_LONG_FIX) for e in errors)
            raise RequestProblem(413 if too_long else 400, "article_too_long" if too_long else "unreadable",
                                 errors[0] if errors else "nothing to check")
        return list(check_group(self.get(job.date, job.keep), articles)), errors


def read_job(job: CheckJob, limits: Limits) -> tuple[list[Article], list[str]]:
    """The job's articles, within the limits, and one line for each input that could not be used."""
    if job.data is not None:
        items = _read_upload(job.filename or "upload.txt", job.data)
    else:
        text = (job.text or "").replace("\r\n", "\n")
        # a pasted text is "article", as newscheck.check() names it; one kept in the corpus needs an id
        # of its own, or each pasted text would replace the last
        name = f"pasted-{hashlib.sha256(text.encode()).hexdigest()[:12]}" if job.keep else "article"
        items = [Article(id=name, text=text)] if text.strip() else \
            [InputError("text", "empty text", fix="paste an article or upload a file")]
    articles, errors = [], []
    for item in items:
        if isinstance(item, InputError):
            errors.append(str(item))
        elif len(item.text) > limits.max_article_chars:
            errors.append(f"cannot check {item.id}: {len(item.text):,} characters is over the limit of"
                          f" {limits.max_article_chars:,}; {TOO_LONG_FIX}")
        else:
            articles.append(item)
    if len(articles) > limits.max_articles:
        raise RequestProblem(413, "too_many_articles", f"the upload holds {len(articles)} articles, over the limit"
                             f" of {limits.max_articles}; split it, or use `newscheck check` for batches")
    if job.title and len(articles) == 1:
        articles[0].title = job.title
    if job.source_text and job.source_text.strip():
        if len(articles) != 1:
            raise RequestProblem(400, "source_needs_one_article", "a source text needs exactly one article,"
                                 f" but the upload holds {len(articles)}")
        if len(job.source_text) > limits.max_article_chars:
            raise RequestProblem(413, "source_too_long", f"the source text's {len(job.source_text):,} characters"
                                 f" are over the limit of {limits.max_article_chars:,}")
        articles[0].source_text = job.source_text.replace("\r\n", "\n")
    return articles, errors


def _read_upload(filename: str, data: bytes) -> list:
    """Read an uploaded file with the CLI's readers, under its own (harmless) name, so ids and
    errors name the file as the user knows it; nothing of the temporary folder shows."""
    name = os.path.basename(filename.replace("\\", "/")).replace("\x00", "").strip() or "upload.txt"
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if name.startswith("."):
        name = "_" + name
    name = (name if len(name.encode()) <= 200 else stem[:60] + (f".{suffix[:20]}" if dot else ""))
    with tempfile.TemporaryDirectory(prefix="newscheck-upload-") as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as file:
            file.write(data)
        items = []
        for item in read_articles([path]):
            if isinstance(item, InputError):
                item = InputError(name, item.problem, item.line, item.fix)
            else:
                item.path = name
            items.append(item)
    return items


# -- where the checks run --------------------------------------------------------------------------

_worker: Checkers | None = None


def _start_worker(kb_path: str) -> None:
    global _worker
    from ..kb import KnowledgeBase

    _worker = Checkers(KnowledgeBase.open(kb_path))
    _worker.get(None)  # load spaCy now, not on the first request


def _run_in_worker(job: CheckJob, limits: Limits):
    return _worker.run(job, limits)


class CheckRunner:
    """Runs CheckJobs: `workers` processes (0: one thread in this process, sharing the open KB).
    At most that many run at once; past `max_waiting` queued, `run` raises RequestProblem(503)."""

    def __init__(self, kb, workers: int, limits: Limits, max_waiting: int):
        self.kb, self.workers, self.limits, self.max_waiting = kb, workers, limits, max_waiting
        self.waiting = 0
        self._executor: Executor | None = None
        self._slots: asyncio.Semaphore | None = None
        self._local: Checkers | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            if self.workers == 0:
                self._local = Checkers(self.kb)
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscheck-check")
            else:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(str(self.kb.path),))
        return self._executor

    def start(self) -> None:
        """Start the workers and load their checkers before the first request needs them."""
        pool = self._pool()
        if self.workers:
            for future in [pool.submit(os.getpid) for _ in range(self.workers)]:
                future.result()

    async def run(self, job: CheckJob) -> tuple[list[Result], list[str]]:
        if self.waiting >= self.max_waiting:
            raise RequestProblem(503, "busy", f"{self.waiting} checks are waiting; try again in a minute")
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.workers))
        self.waiting += 1
        try:
            async with self._slots:
                pool = self._pool()
                call = self._local.run if self.workers == 0 else _run_in_worker
                try:
                    return await asyncio.get_running_loop().run_in_executor(pool, call, job, self.limits)
                except BrokenProcessPool:  # a worker died (out of memory, killed): the next job gets new ones
                    if self._executor is pool:  # not a newer pool another request has started since
                        self._executor = None
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise RequestProblem(500, "check_failed", "the process checking this request died"
                                         " (out of memory or killed); try a shorter text") from None
        finally:
            self.waiting -= 1

    def close(self) -> None:
        if self._executor is not None:  # queued checks are dropped; a running one is waited for
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

