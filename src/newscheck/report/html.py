"""The HTML view: one self-contained page, each article's text with its findings marked.

Every piece of article or KB text goes through `escape`; links are kept only for http(s) URLs.
"""
from __future__ import annotations

from html import escape

from ..model import ArticleReport, Finding, Report

_STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.2rem;margin-bottom:.2rem}
.meta,.kb{color:#666;font-size:.9rem}.assumed{color:#a60;font-weight:bold}
.text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:1rem}
mark{background:#fdd;border-bottom:2px solid #c00}mark.warning{background:#ffe8b0;border-color:#c80}
mark.info{background:#def;border-color:#06c}
.code{font-family:monospace;font-weight:bold}.suggest{color:#070}
.evidence{color:#555;font-size:.9rem}.errors{color:#a00}
"""


def render_html(report: Report) -> str:
    """The whole report as one HTML page, no external assets."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>newscheck report</title><style>{_STYLE}</style></head><body>",
        "<h1>newscheck report</h1>",
        f'<p class="kb">newscheck {escape(report.version)}; {escape(report.kb_line())}</p>',
    ]
    if report.errors:
        parts.append('<ul class="errors">')
        parts += [f"<li>{escape(line)}</li>" for line in report.errors]
        parts.append("</ul>")
    for number, article_report in enumerate(report.articles, start=1):
        parts.append(_article(number, article_report))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _article(number: int, article_report: ArticleReport) -> str:
    article = article_report.article
    findings = sorted(article_report.findings, key=lambda f: (f.start, -f.end))
    anchor = f"a{number}"
    heading = escape(article.title or article.id)
    meta = [f"id {escape(article.id)}", _published(article_report)]
    if article.source:
        meta.append(escape(article.source))
    if article.url:
        url = escape(article.url)
        meta.append(f'<a href="{url}">{url}</a>' if article.url.startswith(("http://", "https://")) else url)
    parts = [
        f'<article id="{anchor}"><h2>{heading}</h2>',
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    parts += [f'<p class="meta">note: {escape(note)}</p>' for note in article_report.notes]
    parts.append(f'<div class="text">{_marked_text(article.text, findings, anchor)}</div>')
    if findings:
        parts.append('<ol class="findings">')
        parts += [_finding_item(anchor, i, f) for i, f in enumerate(findings, start=1)]
        parts.append("</ol>")
    else:
        parts.append('<p class="meta">no findings</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _published(article_report: ArticleReport) -> str:
    words, guessed = article_report.article.date_words()
    return f'<span class="assumed">{escape(words)}</span>' if guessed else escape(words)


def _marked_text(text: str, findings: list[Finding], anchor: str) -> str:
    """The text with one <mark> per finding; a span overlapping an earlier one is listed, not marked."""
    out, cursor = [], 0
    for i, finding in enumerate(findings, start=1):
        if finding.start < cursor or not (0 <= finding.start < finding.end <= len(text)):
            continue
        tip = f"{finding.code}: {finding.message}"
        out.append(escape(text[cursor:finding.start]))
        out.append(
            f'<mark id="{anchor}-f{i}" class="{escape(finding.severity)}" title="{escape(tip)}">'
            f"{escape(text[finding.start:finding.end])}</mark>"
        )
        cursor = finding.end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _finding_item(anchor: str, i: int, finding: Finding) -> str:
    parts = [
        f'<li><a href="#{anchor}-f{i}" class="code">{escape(finding.code)}</a> '
        f"({escape(finding.severity)}, confidence {finding.confidence:.2f}): "
        f"<q>{escape(finding.span)}</q> {escape(finding.message)}"
    ]
    if finding.suggestion:
        parts.append(f'<div class="suggest">suggest: {escape(finding.suggestion)}</div>')
    for evidence in finding.evidence:
        dates = ""
        if evidence.valid_from or evidence.valid_to:
            dates = f", {escape(evidence.valid_from or '?')}..{escape(evidence.valid_to or 'present')}"
        as_of = f", as of {escape(evidence.as_of)}" if evidence.as_of else ""
        parts.append(
            f'<div class="evidence">evidence: {escape(evidence.text)} — '
            f"{escape(evidence.source)}{dates}{as_of}</div>"
        )
    parts.append("</li>")
    return "".join(parts)
