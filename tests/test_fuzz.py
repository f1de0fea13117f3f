"""No input crashes newscheck: the readers and the pipeline entry (batch.check_batch) under
Hypothesis. Every input gives articles or one-line InputErrors; nothing else escapes.

The CI profile is short; NEWSCHECK_FUZZ=long runs a longer session:
    NEWSCHECK_FUZZ=long .venv/bin/pytest -q tests/test_fuzz.py --hypothesis-show-statistics
"""
import json
import os
import tempfile
from pathlib import Path

import pytest

from hypothesis import HealthCheck, given, settings, strategies as st

from newscheck.batch import ArticleError, check_batch
from newscheck.errors import InputError
from newscheck.ingest import read_articles
from newscheck.model import Article, ArticleReport

settings.register_profile("ci", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("NEWSCHECK_FUZZ", "ci"))

SUFFIXES = [".txt", ".html", ".jsonl", ".xml", ".rss", ".atom", ".txt.gz", ".parquet", ""]
ODD = ["\x1b", "\u202e", "\u200f", "\u0000", "\ufeff", "\r", "\u2028", "\ud7ff", "\U0001f600"]
RTL = "قال الرئيس الأوكراني فولوديمير زيلينسكي يوم الخميس إن المحادثات ستستمر. "
NEWS = "KYIV, Dec 4 (Reuters) - Ukrainian President Volodymyr Zelenskiy met U.S. envoy Steve Witkoff on Thursday.\n\n"

texts = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(ODD), max_size=400)
newsy = st.lists(st.sampled_from([NEWS, RTL, "\u202e" + NEWS, "\x00", "", "\n\n", " " * 50]) | texts,
                 max_size=6).map("".join)
dates = st.sampled_from(["", "2025-12-04", "Thu, 04 Dec 2025 10:00:00 GMT", "31/02/2025", "0000-00-00",
                         "9999-12-31T25:61:00Z", "yesterday", "2025-13-45", "１２月４日", "-1"]) | texts


def html_page(body: str, cut: int) -> str:
    page = (f"<!doctype html><html><head><title>{body[:40]}</title><meta property='article:published_time'"
            f" content='{body[:10]}'></head><body><article><p>{NEWS}</p><p>{body}</p></article></body></html>")
    return page[:cut]


def feed(date_text: str, body: str) -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>{body[:30]}</title>'
            f"<pubDate>{date_text}</pubDate><description><![CDATA[{body}]]></description></item></channel></rss>")


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | texts,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                          max_leaves=6)
jsonl_line = st.one_of(
    st.fixed_dictionaries({}, optional={"id": json_value, "text": json_value | newsy, "title": json_value,
                                        "published": json_value | dates, "source": json_value, "url": json_value,
                                        "source_text": json_value}).map(lambda d: json.dumps(d, ensure_ascii=False)),
    json_value.map(json.dumps),
    texts,
)

file_bytes = st.one_of(
    st.binary(max_size=600),
    newsy.map(lambda t: t.encode("utf-8")),
    newsy.map(lambda t: t.encode("utf-16")),
    newsy.map(lambda t: t.encode("latin-1", "replace")),
    st.tuples(newsy, st.integers(0, 400)).map(lambda p: html_page(*p).encode()),
    st.tuples(dates, newsy).map(lambda p: feed(*p).encode()),
    st.tuples(dates, newsy, st.integers(0, 300)).map(lambda p: feed(p[0], p[1])[:p[2]].encode()),
    st.lists(jsonl_line, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
)


def read_one(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        if suffix.endswith(".gz"):
            import gzip

            data = gzip.compress(data)
        path.write_bytes(data)
        return list(read_articles([str(path)]))


def assert_one_line_errors(items):
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith("cannot read "), str(item)


@given(data=file_bytes, suffix=st.sampled_from(SUFFIXES))
def test_no_file_crashes_the_readers(data, suffix):
    assert_one_line_errors(read_one(data, suffix))


@given(data=st.lists(jsonl_line, min_size=1, max_size=8))
def test_every_jsonl_line_is_an_article_or_one_error_line(data):
    items = read_one("\n".join(data).encode("utf-8", "surrogatepass"), ".jsonl")
    assert_one_line_errors(items)
    assert items  # an all-blank file is one "empty file" error


def parquet_shard(rows: list[dict], numbers: bool, cut: int | None) -> bytes:
    """A real Parquet file of `rows` (text as integers when `numbers`), cut short at `cut` bytes."""
    import io

    import pyarrow
    import pyarrow.parquet

    if numbers:
        rows = [{**row, "text": len(row["text"] or "")} for row in rows]
    buffer = io.BytesIO()
    pyarrow.parquet.write_table(pyarrow.Table.from_pylist(rows), buffer)
    return buffer.getvalue()[:cut]


parquet_rows = st.lists(st.fixed_dictionaries({"id": st.none() | texts, "text": st.none() | newsy,
                                               "published": st.none() | dates}), min_size=1, max_size=5)


@given(rows=parquet_rows, numbers=st.booleans(), cut=st.none() | st.integers(0, 3000))
def test_no_parquet_shard_crashes_the_reader(rows, numbers, cut):
    pytest.importorskip("pyarrow")
    items = read_one(parquet_shard(rows, numbers, cut), ".parquet")
    assert_one_line_errors(items)
    assert items


@given(text=st.text(max_size=300))
def test_no_stdin_crashes_the_reader(text):
    import io

    assert_one_line_errors(read_articles(["-"], stdin=io.StringIO(text)))


@settings(max_examples=int(os.environ.get("NEWSCHECK_FUZZ_PIPELINE", "40")))
@given(text=newsy.filter(str.strip), title=st.none() | texts)
def test_no_text_crashes_the_pipeline(checker, text, title):
    [result] = check_batch([Article(id="fuzz", text=text, title=title)], lambda: checker)
    assert isinstance(result, ArticleReport), getattr(result, "error", result)
    assert all(text[f.start:f.end] == f.span for f in result.findings)
    assert not isinstance(result, ArticleError)
