"""The terminal view: each article, its findings in context, and a summary line.

Built from rich `Text` objects, never markup strings, so article text with [brackets]
prints as written.
"""
from __future__ import annotations

import re
from collections import Counter

from rich.console import Console
from rich.text import Text

from ..model import ArticleReport, Evidence, Finding, Report

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT_CHARS = 240  # longest sentence shown around a span before it is cut with "…"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
# A full stop after these does not end a sentence ("U.S. envoy", "Dec. 4", "Mr. Rutte").
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "jan", "feb", "mar", "apr",
                  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "lt", "col"}


def _sentence_ends(text: str, start: int, stop: int):
    for match in _SENTENCE_END.finditer(text, start, stop):
        if text[match.start()] == ".":
            word = re.search(r"(\w+)$", text[max(0, match.start() - 8):match.start()])
            if word and (len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS):
                continue
        yield match


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (or line) holding text[start:end]."""
    begin = 0
    for match in _sentence_ends(text, 0, start):
        begin = match.end()
    after = next(_sentence_ends(text, end, len(text)), None)
    if after is None:
        finish = len(text)
    elif text[after.start()] == "\n":
        finish = after.start()
    else:
        finish = after.end() - 1  # keep the full stop and closing quote, drop the space
    return begin, max(finish, end)


def render_text(report: Report, console: Console) -> None:
    """Print the whole report to `console`."""
    for article_report in report.articles:
        _article(article_report, console)
        console.print()
    for line in report.errors:
        console.print(Text("unreadable: ", style="bold red") + Text(line))
    console.print(Text(report.kb_line(), style="dim"))
    console.print(_summary(report))


def _article(article_report: ArticleReport, console: Console) -> None:
    article = article_report.article
    header = Text(article.id, style="bold")
    if article.title:
        header += Text("  " + article.title)
    console.print(header)
    console.print(Text("published ") + _published(article_report))
    for extra in (article.source, article.url):
        if extra:
            console.print(Text(extra, style="dim"))
    for note in article_report.notes:
        console.print(Text("note: " + note, style="dim"))
    findings = sorted(article_report.findings, key=lambda f: f.start)
    if not findings:
        console.print(Text("no findings", style="green"))
    for number, finding in enumerate(findings, start=1):
        _finding(number, finding, article.text, console)


def _published(article_report: ArticleReport) -> Text:
    words, guessed = article_report.article.date_words()
    return Text(words, style="bold yellow" if guessed else "")


def _finding(number: int, finding: Finding, text: str, console: Console) -> None:
    line = Text(f"{number}. ")
    line += Text(finding.code, style="bold")
    line += Text("  ") + Text(finding.severity, style=SEVERITY_STYLE.get(finding.severity, ""))
    line += Text(f"  confidence {finding.confidence:.2f}", style="dim")
    console.print(line)
    console.print(Text("   ") + _in_context(finding, text))
    console.print(Text("   " + finding.message))
    if finding.suggestion:
        console.print(Text("   suggest: ", style="green") + Text(finding.suggestion, style="bold green"))
    for evidence in finding.evidence:
        console.print(Text("   evidence: ", style="dim") + _evidence(evidence))


def _in_context(finding: Finding, text: str) -> Text:
    if not (0 <= finding.start <= finding.end <= len(text)):
        return Text(finding.span, style="reverse")  # offsets off: show the span alone
    begin, finish = sentence_bounds(text, finding.start, finding.end)
    begin = max(begin, finding.start - CONTEXT_CHARS // 2)
    finish = min(finish, finding.end + CONTEXT_CHARS // 2)
    shown = Text("…" if begin > 0 and text[begin - 1] not in "\n " else "")
    shown += Text(text[begin:finding.start])
    shown += Text(text[finding.start:finding.end], style="bold reverse")
    shown += Text(text[finding.end:finish])
    if finish < len(text) and text[finish - 1] not in ".!?\"”":
        shown += Text("…")
    return shown


def _evidence(evidence: Evidence) -> Text:
    line = Text(evidence.text) + Text(f" — {evidence.source}", style="italic")
    if evidence.valid_from or evidence.valid_to:
        line += Text(f", {evidence.valid_from or '?'}..{evidence.valid_to or 'present'}", style="dim")
    if evidence.as_of:
        line += Text(f", as of {evidence.as_of}", style="dim")
    return line


def _summary(report: Report) -> Text:
    codes = Counter(f.code for r in report.articles for f in r.findings)
    total = sum(codes.values())
    line = Text(f"{len(report.articles)} article{'s' * (len(report.articles) != 1)}, ", style="bold")
    line += Text(f"{total} finding{'s' * (total != 1)}", style="bold red" if total else "bold green")
    if codes:
        line += Text(" (" + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())) + ")")
    if report.errors:
        count = len(report.errors)
        line += Text(f", {count} unreadable input{'s' * (count != 1)}", style="bold red")
    return line
