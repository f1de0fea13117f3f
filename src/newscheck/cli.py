"""The `newscheck` command: `check` articles and render the report; `kb` comes from newscheck.kb.cli.

The CLI only parses flags, reads inputs and renders; the Checker (pipeline.py) does the work.
Exit status: 0 no error findings, 1 error findings, 2 usage error or nothing readable.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from importlib.metadata import PackageNotFoundError, version as package_version
from typing import TextIO

from .errors import InputError, NewscheckError, UsageError
from .kb.cli import register as register_kb
from .ingest import read_articles
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
                       help="article files (.txt .html .jsonl .xml .rss .atom), directories, or - for stdin")
    check.add_argument("--date", metavar="YYYY-MM-DD",
                       help="publication date for articles whose metadata and dateline give none")
    check.add_argument("--format", choices=("text", "json", "html"), default="text", help="report format")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--kb", metavar="PATH", help="knowledge base to use (default: built on first use)")
    check.add_argument("--source", metavar="FILE",
                       help="the source article a single input was rewritten from")
    check.set_defaults(func=_run_check)
    register_kb(commands)  # each kb command sets `func(args) -> exit status`
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
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"invalid --date {value!r}: use YYYY-MM-DD, e.g. 2025-12-04") from None


def _run_check(args: argparse.Namespace) -> int:
    option_date = _parse_date_option(args.date)
    if args.source and len(args.paths) > 1:
        raise UsageError("--source needs exactly one input: check a rewrite against its source one at a time")
    source_text = _read_source(args.source, args.stdin) if args.source else None

    articles: list[Article] = []
    errors: list[str] = []
    for item in read_articles(args.paths, stdin=args.stdin):
        if isinstance(item, InputError):
            errors.append(str(item))
            _say(str(item))
        else:
            articles.append(item)
    if not articles:
        _say("nothing to check: no input could be read")
        return EXIT_USAGE
    if source_text is not None:
        if len(articles) > 1:
            raise UsageError(f"--source needs exactly one article, but {args.paths[0]} holds {len(articles)}")
        articles[0].source_text = source_text

    kb = (args.open_kb or _open_kb)(args.kb, log=_say)
    # The Checker resolves each article's date (dates.resolve_publication_date) using options.date.
    checker = (args.checker_factory or _make_checker)(kb, _options(date=option_date))
    reports = list(checker.check_many(articles))
    report = Report(
        version=newscheck_version(),
        kb_as_of=getattr(kb, "as_of", None),
        kb_sources=list(getattr(kb, "sources", None) or []),
        articles=reports,
        errors=errors,
    )
    _write(report, args.format, args.output)
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _read_source(path: str, stdin: TextIO | None) -> str:
    items = list(read_articles([path], stdin=stdin))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise UsageError(f"--source {path} holds {len(items)} articles: give a file with exactly one")
    return items[0].text


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


def _open_output(path: str):
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}; check the folder exists and is writable") from None
