"""Read articles from files, directories, feeds and stdin into `Article`s.

Each bad input becomes one `InputError` in the stream and the rest are still read.
Texts are kept as written (only \\r\\n becomes \\n) so character offsets hold; dates are
parsed here only when the input states them (see `dates` for datelines and fallbacks).
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO

from .dates import parse_loose_date
from .errors import InputError
from .model import Article

MAX_BYTES = 50 * 1024 * 1024
MIN_ARTICLE_WORDS = 8  # fewer words than a one-line brief: a shell page, not an article
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
PARQUET_SUFFIXES = {".parquet"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES
_KINDS_HINT = "give a .txt, .html, .jsonl, .parquet, .xml, .rss or .atom file"
PARQUET_BATCH = 256  # rows read at a time: a shard of any size is read in flat memory


def read_articles(paths: list[str], *, stdin: TextIO | None = None) -> Iterator[Article | InputError]:
    """Articles from each path in order; a directory is read recursively, sorted; "-" is stdin."""
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin)
        elif os.path.isdir(path):
            files = _files_under(Path(path))
            if not files:
                yield InputError(path, "no article files in this folder", fix=_KINDS_HINT)
            for file in files:
                yield from _read_file(str(file))
        else:
            yield from _read_file(path)


def shard_files(paths: list[str]) -> list[str] | None:
    """The files `paths` name, absolute, if every one is a JSONL or Parquet shard (folders opened);
    else None. A distributed engine hands such files to its workers to read themselves."""
    files: list[str] = []
    for path in paths:
        if path == "-":
            return None
        found = _files_under(Path(path)) if os.path.isdir(path) else [Path(path)]
        if not found or any(_inner_suffix(f) not in JSONL_SUFFIXES | PARQUET_SUFFIXES or not f.is_file()
                            for f in found):
            return None
        files += [str(f.resolve()) for f in found]
    return files


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and _inner_suffix(p) in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _inner_suffix(path: Path) -> str:
    """'.html' for page.html and for page.html.gz."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def _stem(path: str) -> str:
    """The article id a file gives: 'page' for page.html and for page.html.gz."""
    name = Path(path).name
    return Path(name[:-3] if name.lower().endswith(".gz") else name).stem


def _read_stdin(stream: TextIO) -> Iterator[Article | InputError]:
    text = stream.read()
    if not text.strip():
        yield InputError("-", "empty input on stdin", fix="pipe an article's text in")
        return
    yield Article(id="stdin", text=_newlines(text), path="-")


def _read_file(path: str) -> Iterator[Article | InputError]:
    if Path(path).suffix.lower() in PARQUET_SUFFIXES:
        yield from _read_parquet(path)
        return
    try:
        data = _read_bytes(path)
        suffix = _inner_suffix(Path(path))
        if path.lower().endswith(".gz"):  # page.html.gz, feed.xml.gz: read what is inside
            data = _gunzip(path, data)
        kind = _kind(suffix, data)
        if kind is None:
            raise InputError(path, f"unknown file type '{suffix or 'no extension'}'", fix=_KINDS_HINT)
        if kind == "html":
            yield _read_html(path, data)
        elif kind == "feed":
            yield from _read_feed(path, data)
        elif kind == "jsonl":
            yield from _read_jsonl(path, _decode(path, data))
        else:
            yield Article(id=_stem(path), text=_newlines(_decode(path, data)), path=path)
    except InputError as error:
        yield error


def _read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except OSError as error:
        raise InputError(path, error.strerror or "not readable") from None
    if size > MAX_BYTES:
        raise InputError(path, f"{size // (1024 * 1024)} MB is larger than the 50 MB limit",
                         fix="split it into smaller files")
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise InputError(path, error.strerror or "not readable") from None
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data and not path.lower().endswith(".gz"):
        raise InputError(path, "binary file, not text", fix=_KINDS_HINT)
    return data


def _gunzip(path: str, data: bytes) -> bytes:
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError) as error:
        raise InputError(path, f"not a readable gzip file ({error})") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, "larger than the 50 MB limit once unpacked", fix="split it into smaller files")
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data:
        raise InputError(path, "binary file, not text", fix=_KINDS_HINT)
    return data


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"invalid UTF-8 at byte {error.start}",
                         fix="save it as UTF-8") from None


def _kind(suffix: str, data: bytes) -> str | None:
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    # No known extension: sniff the markup at the top of the file.
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    return None


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _read_html(path: str, data: bytes) -> Article:
    import trafilatura  # slow to import; only pages need it

    # favor_precision keeps navigation and "page not found" boilerplate out of the text.
    page = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = _newlines(page.text or "") if page else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(path, "no article text found in the page",
                         fix="save the article page itself, or paste its text into a .txt file")
    title = page.title or None
    # trafilatura repeats the headline as the first line; the body starts after it.
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1:]
    published = parse_loose_date(page.date)
    return Article(
        id=_stem(path), text=text, title=title, source=page.sitename or None,
        url=page.url or None, published=published,
        published_from="html" if published else None, path=path,
    )


def _read_jsonl(path: str, text: str) -> Iterator[Article | InputError]:
    name = Path(path).name
    for number, line in enumerate(_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _article_from_json(path, name, number, line)
        except InputError as error:
            yield error


def _article_from_json(path: str, name: str, number: int, line: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON ({error.msg})", line=number,
                         fix="write one JSON object per line") from None
    if not isinstance(record, dict):
        raise InputError(path, "not a JSON object", line=number, fix="write one JSON object per line")
    return _article_from_record(path, name, number, record)


def _read_parquet(path: str) -> Iterator[Article | InputError]:
    """One article per row, with the same fields as a JSONL line; "line" in errors is the row number."""
    try:
        import pyarrow.parquet
    except ImportError:
        yield InputError(path, "reading Parquet needs pyarrow", fix="pip install 'newscheck[parquet]'")
        return
    if not os.path.isfile(path):
        yield InputError(path, "no such file", fix="check the path")
        return
    try:
        shard = pyarrow.parquet.ParquetFile(path)
        if "text" not in shard.schema_arrow.names:
            raise InputError(path, 'no "text" column', fix='give each row a "text" string')
        wanted = [c for c in RECORD_FIELDS if c in shard.schema_arrow.names]
        name, number = Path(path).name, 0
        for batch in shard.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                try:
                    yield _article_from_record(path, name, number, record)
                except InputError as error:
                    yield error
    except InputError as error:
        yield error
    except (OSError, ValueError, pyarrow.ArrowException) as error:  # not Parquet, truncated, unreadable
        yield InputError(path, f"not a readable Parquet file ({_first_line(error)})")


def _first_line(error: BaseException) -> str:
    line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return line if len(line) <= 200 else line[:197] + "..."


RECORD_FIELDS = ("id", "text", "title", "source", "url", "published", "source_text")


def _article_from_record(path: str, name: str, number: int, record: dict) -> Article:
    """An article from a JSONL line's object or a Parquet row; `number` is its line or row."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, 'no "text"', line=number, fix='give each line a "text" string')
    published = None
    if record.get("published"):
        published = parse_loose_date(str(record["published"]))
        if published is None:
            raise InputError(path, f"\"published\" {record['published']!r} is not a date", line=number,
                             fix="use YYYY-MM-DD")
    source_text = record.get("source_text")
    return Article(
        id=str(record.get("id") or f"{name}:{number}"),
        text=_newlines(text),
        title=_optional_str(record.get("title")),
        source=_optional_str(record.get("source")),
        url=_optional_str(record.get("url")),
        published=published,
        published_from="metadata" if published else None,
        source_text=_newlines(source_text) if isinstance(source_text, str) else None,
        path=path,
    )


def _optional_str(value) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_feed(path: str, data: bytes) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = "not an RSS or Atom feed"
        line = None
        error = feed.get("bozo_exception")
        if error is not None and hasattr(error, "getLineNumber"):
            line = error.getLineNumber()
        elif feed.get("version"):
            problem = "feed has no items"
        raise InputError(path, problem, line=line)
    outlet = feed.feed.get("title") or None
    stem = _stem(path)
    for number, entry in enumerate(feed.entries, start=1):
        published = parse_loose_date(entry.get("published") or entry.get("updated"))
        body = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        text = strip_html(body)
        if not text:
            yield InputError(path, f"item {number} has no summary or content")
            continue
        yield Article(
            id=entry.get("id") or entry.get("link") or f"{stem}#{number}",
            text=text,
            title=entry.get("title") or None,
            source=outlet,
            url=entry.get("link") or None,
            published=published,
            published_from="metadata" if published else None,
            path=path,
        )


class _TextOnly(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def strip_html(markup: str) -> str:
    """Feed summaries are HTML fragments: keep their text, one paragraph a line."""
    parser = _TextOnly()
    parser.feed(_newlines(markup))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
