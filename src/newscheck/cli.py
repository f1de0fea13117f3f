"""The `newscheck` command: `check` articles and render the report; `kb` comes from newscheck.kb.cli.

The CLI only parses flags, reads inputs and renders; the Checker (pipeline.py) does the work.
Exit status: 0 no error findings, 1 error findings, 2 usage error or nothing readable.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from itertools import chain
from importlib.metadata import PackageNotFoundError, version as package_version
from typing import TextIO

from .dates import parse_day
from .errors import InputError, NewscheckError, UsageError
from .kb.cli import register as register_kb
from .web.cli import register as register_serve
from .ingest import read_articles, shard_files
from .model import Article, Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def newscheck_version() -> str:
    try:
        return package_version("newscheck")
    except PackageNotFoundError:
        return "0+unknown"


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of printing usage and exiting."""

    def error(self, message):
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newscheck", description="Find factual errors in news articles, offline.")
    parser.add_argument("--version", action="version", version=f"newscheck {newscheck_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="check articles and report their factual errors",
                                description="Check articles and report their factual errors.")
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="article files (.txt .html .jsonl .parquet .xml .rss .atom), directories, or - for stdin")
    check.add_argument("--date", metavar="YYYY-MM-DD",
                       help="publication date for articles whose metadata and dateline give none")
    check.add_argument("--format", choices=("text", "json", "jsonl", "html", "parquet"), default="text",
                       help="report format; jsonl: one line per article as soon as it is checked;"
                            " parquet: the same records as rows of the --output file")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--kb", metavar="PATH", help="knowledge base to use (default: built on first use)")
    check.add_argument("--source", metavar="FILE",
                       help="the source article a single input was rewritten from")
    check.add_argument("--consistency-model", action="store_true",
                       help="with --source: also score each rewrite sentence with the trained consistency model"
                            " (slower; see docs/model-card.md)")
    check.add_argument("--jobs", type=_count, metavar="N",
                       help="worker processes (default: one per core for 64 articles or more, else 1)")
    check.add_argument("--max-errors", type=_count, metavar="N",
                       help="stop after N inputs that cannot be read or checked (exit status 2)")
    check.add_argument("--select", metavar="CODES", help="report only these finding codes (comma-separated)")
    check.add_argument("--ignore", metavar="CODES", help="do not report these finding codes (comma-separated)")
    check.add_argument("--min-confidence", type=_confidence, metavar="X", default=0.0,
                       help="report only findings with confidence X (0 to 1) or more")
    check.add_argument("--engine", choices=("process", "ray"), default="process",
                       help="process: this machine (with --jobs); ray: Ray Data, on --ray-address or a local Ray")
    check.add_argument("--ray-address", metavar="ADDRESS",
                       help="the Ray cluster for --engine ray (default: $RAY_ADDRESS, else a local Ray)")
    check.add_argument("--resume", metavar="STATE",
                       help="skip the articles STATE lists as done, and add each article to it as it is done"
                            " (with --format jsonl; --output is then appended to)")
    check.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    check.set_defaults(func=_run_check)
    register_kb(commands)  # each kb command sets `func(args) -> exit status`
    _register_corpus(commands)  # newscheck corpus ...: the store, stories, conflicts (newscheck.corpus)
    register_serve(commands)  # newscheck serve: the web app (its stack is imported only when it runs)
    return parser


def main(
    argv: list[str] | None = None,
    *,
    open_kb: Callable | None = None,
    checker_factory: Callable | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status.

    `open_kb(path, log=...)` and `checker_factory(kb, options)` default to
    newscheck.kb.open_or_build and newscheck.pipeline.Checker; tests pass stubs.
    """
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("no command given: try `newscheck check ARTICLE.txt` or `newscheck --help`")
        args.open_kb, args.checker_factory, args.stdin = open_kb, checker_factory, stdin
        return int(args.func(args) or 0)
    except NewscheckError as error:  # user mistakes and unusable inputs: one line, no traceback
        _say(str(error))
        return EXIT_USAGE
    except SystemExit as exit_:  # --help and --version print and stop: report, don't exit
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:  # `newscheck ... | head` closed our stdout: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS


def _say(line: str) -> None:
    print(f"newscheck: {line}", file=sys.stderr)


def _parse_date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise UsageError(f"invalid --date {value!r}: use YYYY-MM-DD, e.g. 2025-12-04") from None


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return number


def _codes(value: str | None, flag: str) -> frozenset[str]:
    from .checks import CODES

    codes = frozenset(c.strip() for c in (value or "").split(",") if c.strip())
    unknown = sorted(codes - set(CODES))
    if unknown:
        raise UsageError(f"unknown finding code {unknown[0]!r} in {flag}: use one of {', '.join(CODES)}")
    return codes


def _run_check(args: argparse.Namespace) -> int:
    from .batch import ArticleError, FindingFilter, ResumeState, check_batch

    option_date = _parse_date_option(args.date)
    if args.ray_address and args.engine != "ray":
        raise UsageError("--ray-address needs --engine ray")
    if args.engine == "ray":
        from .batch_ray import require_ray

        require_ray()
    if args.resume and args.format != "jsonl":
        why = "a Parquet file cannot be appended to" if args.format == "parquet" else \
            f"a {args.format} report is written only at the end, so an interrupted run leaves nothing to resume"
        raise UsageError(f"--resume needs --format jsonl ({why})")
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs --output FILE.parquet")
    keep = FindingFilter(_codes(args.select, "--select"), _codes(args.ignore, "--ignore"), args.min_confidence)
    if args.source and len(args.paths) > 1:
        raise UsageError("--source needs exactly one input: check a rewrite against its source one at a time")
    source_text = _read_source(args.source, args.stdin) if args.source else None

    items = read_articles(args.paths, stdin=args.stdin)
    if source_text is not None:
        items = list(items)
        articles = [a for a in items if isinstance(a, Article)]
        if len(articles) > 1:
            raise UsageError(f"--source needs exactly one article, but {args.paths[0]} holds {len(articles)}")
        for article in articles:
            article.source_text = source_text
    resume = ResumeState(args.resume) if args.resume else None
    if resume:
        items = resume.pending(items)
    # Read up to the first article before opening (or building) the KB: nothing readable is exit 2.
    items = iter(items)
    head: list = []
    for item in items:
        head.append(item)
        if isinstance(item, Article):
            break
    else:
        for error in head:
            _say(str(error))
        if resume and resume.skipped:
            for error in head:
                resume.record(ArticleError.from_input_error(error))
            _say(f"nothing left to check: {resume.skipped} inputs were done before (--resume {args.resume})")
            resume.close()
            return EXIT_FINDINGS if resume.error_findings else EXIT_OK
        _say("nothing to check: no input could be read")
        return EXIT_USAGE

    open_kb = args.open_kb or _open_kb
    kb = open_kb(args.kb, log=_say)
    recipe = CheckerRecipe(open_kb, args.checker_factory or _make_checker, args.kb, _options(date=option_date, consistency_model=args.consistency_model), kb)
    report = Report(version=newscheck_version(), kb_as_of=getattr(kb, "as_of", None),
                    kb_sources=list(getattr(kb, "sources", None) or []))
    output = _Output(report, args.format, args.output, append=resume is not None)
    if resume:
        output.found_errors = resume.error_findings > 0
        if resume.skipped:
            _say(f"resuming: {resume.skipped} inputs were done before (--resume {args.resume})")
    checked = failed = 0
    with _progress(enabled=not args.quiet and sys.stderr.isatty()) as advance:
        if args.engine == "ray":
            from .batch_ray import check_batch_ray

            shards = None if resume or source_text is not None else shard_files(args.paths)
            results = check_batch_ray(chain(head, items), recipe, address=args.ray_address, actors=args.jobs,
                                      keep=keep, shards=shards)
        else:
            results = check_batch(chain(head, items), recipe, jobs=args.jobs, keep=keep)
        for result in results:
            advance()
            output.add(result)  # the result is out before the state says it is done: never lost
            if resume:
                resume.record(result)
            if isinstance(result, ArticleError):
                failed += 1
                _say(result.error)
            else:
                checked += 1
            if args.max_errors and failed >= args.max_errors:
                _say(f"stopped after {failed} inputs that could not be read or checked"
                     f" (--max-errors {args.max_errors})")
                output.finish()
                return EXIT_USAGE
    if resume:
        resume.close()
        checked += resume.skipped
    if not checked:
        _say("nothing checked: no article could be read or checked")
        output.close()
        return EXIT_USAGE
    output.finish()
    return EXIT_FINDINGS if output.found_errors else EXIT_OK


class CheckerRecipe:
    """How to build a Checker, in this process or in a worker (which opens the KB itself)."""

    def __init__(self, open_kb, factory, kb_path, options, kb=None):
        self.open_kb, self.factory, self.kb_path, self.options, self.kb = open_kb, factory, kb_path, options, kb

    def __getstate__(self):  # what a worker process gets: everything but the open KB
        return {**self.__dict__, "kb": None}

    def __call__(self):
        kb = self.kb if self.kb is not None else self.open_kb(self.kb_path, log=_say)
        return self.factory(kb, self.options)


class _Output:
    """Where results go: jsonl writes each line as it comes (memory stays flat); the other formats
    keep the articles and render one report at the end."""

    def __init__(self, report: Report, fmt: str, path: str | None, append: bool = False):
        self.report, self.fmt, self.path = report, fmt, path
        self.found_errors = False
        self.file = self.sink = None
        if fmt == "jsonl":
            self.file = (_open_to_append(path) if append else _open_output(path)) if path else sys.stdout
        elif fmt == "parquet":
            from .report.parquet import ParquetSink

            self.sink = ParquetSink(path)

    def add(self, result) -> None:
        from .batch import ArticleError

        if not isinstance(result, ArticleError):
            self.found_errors |= any(f.severity == "error" for f in result.findings)
        if self.fmt == "jsonl":  # sys.stdout looked up each time: the progress bar redirects it
            file = self.file if self.path else sys.stdout
            file.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            file.flush()
        elif self.sink:
            self.sink.add(result.to_dict())
        elif isinstance(result, ArticleError):
            self.report.errors.append(result.error)
        else:
            self.report.articles.append(result)

    def finish(self) -> None:
        if self.fmt not in ("jsonl", "parquet"):
            _write(self.report, self.fmt, self.path)
        self.close()

    def close(self) -> None:
        if self.path and self.file is not None:
            self.file.close()
        if self.sink:
            self.sink.close()


@contextmanager
def _progress(enabled: bool):
    """A progress bar on standard error (count, articles/s, time) once a batch has run a second."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles checked"),
                        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("check", total=None, rate="")
    started = time.monotonic()
    shown, done = False, 0

    def advance():
        nonlocal shown, done
        done += 1
        elapsed = time.monotonic() - started
        if not shown and elapsed > 1.0:
            progress.start()
            shown = True
        progress.update(task, completed=done, rate=f"{done / elapsed:.1f} articles/s")

    try:
        yield advance
    finally:
        if shown:
            progress.stop()


def _read_source(path: str, stdin: TextIO | None) -> str:
    items = list(read_articles([path], stdin=stdin))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise UsageError(f"--source {path} holds {len(items)} articles: give a file with exactly one")
    return items[0].text


def _register_corpus(commands) -> None:
    from .corpus.cli import register  # its store and SQLAlchemy load only when a corpus command runs

    register(commands)


def _open_kb(path: str | None, log):
    from .kb import open_or_build

    return open_or_build(path, log=log)


def _options(**fields):
    from .pipeline import Options

    return Options(**fields)


def _make_checker(kb, options):
    from .pipeline import Checker

    return Checker(kb, options)


def _write(report: Report, fmt: str, output: str | None) -> None:
    from .report import render_html, render_json, render_text

    if fmt == "text":
        from rich.console import Console

        # soft_wrap: long sentences are left for the terminal (or the reader's editor) to wrap.
        if output is None:
            render_text(report, Console(soft_wrap=True))
            return
        with _open_output(output) as file:
            render_text(report, Console(file=file, force_terminal=False, no_color=True, soft_wrap=True))
        return
    document = render_json(report) if fmt == "json" else render_html(report)
    if output is None:
        sys.stdout.write(document)
        return
    with _open_output(output) as file:
        file.write(document)


def _open_to_append(path: str):
    """Open a JSONL output to add to it; a half-written last line (a killed run) is cut off first."""
    try:
        file = open(path, "a+", encoding="utf-8")
        file.seek(0)
        size = end = 0
        for line in file:  # text mode: line by line, so a large file is not read into memory at once
            size += len(line.encode("utf-8"))
            if line.endswith("\n"):
                end = size
        if end < size:
            file.truncate(end)
        return file
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}; check the folder exists and is writable") from None


def _open_output(path: str):
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}; check the folder exists and is writable") from None
