import io
from datetime import date
from pathlib import Path

import pytest

from newscheck.errors import InputError
from newscheck.ingest import MAX_BYTES, read_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths, stdin=None):
    return list(read_articles([str(p) for p in paths], stdin=stdin))


def test_wire_story_text_kept_exactly_but_crlf():
    [article] = read(FIXTURES / "wire_reuters.txt")
    raw = (FIXTURES / "wire_reuters.txt").read_bytes().decode("utf-8")
    assert "\r\n" in raw
    assert article.text == raw.replace("\r\n", "\n")
    assert article.id == "wire_reuters"
    assert article.title is None and article.published is None
    assert article.path == str(FIXTURES / "wire_reuters.txt")


def test_html_page_with_meta_published_time():
    [article] = read(FIXTURES / "article_meta.html")
    assert article.title == "Kyiv names new envoy"
    assert article.text.startswith("KYIV, Dec 4 (Example) - Ukraine's President Volodymyr Zelensky")
    assert "reporters & diplomats" in article.text
    assert "Home | World" not in article.text
    assert article.published == date(2025, 12, 4)
    assert article.published_from == "html"
    assert article.url == "https://news.example.com/world/kyiv-envoy"
    assert article.source == "Example News"


def test_html_page_with_only_json_ld_date():
    [article] = read(FIXTURES / "article_jsonld.html")
    assert article.title == "Geneva talks to resume next week, diplomats say"
    assert article.published == date(2025, 11, 28)
    assert article.published_from == "html"
    assert "Secretary of State Marco Rubio" in article.text


def test_html_page_without_article_text_is_an_error():
    [error] = read(FIXTURES / "no_text.html")
    assert isinstance(error, InputError)
    assert str(error).startswith(f"cannot read {FIXTURES / 'no_text.html'}: no article text")


def test_rss_feed_one_article_per_item():
    first, second = read(FIXTURES / "feed.rss")
    assert first.title == "Ukraine's foreign minister travels to Brussels"
    assert first.url == "https://wire.example.com/world/sybiha-brussels"
    assert first.published == date(2025, 12, 4) and first.published_from == "metadata"
    assert first.source == "Example Wire: World"
    assert first.text == ("Foreign Minister Andrii Sybiha arrived in Brussels on Thursday for talks with NATO allies.\n"
                          "He will meet the alliance's secretary general, Mark Rutte, on Friday.")
    assert second.published == date(2025, 12, 3)
    assert "<" not in second.text


def test_atom_feed_content_is_stripped_of_html():
    first, second = read(FIXTURES / "feed.atom")
    assert first.text == ("Polish President Karol Nawrocki met Volodymyr Zelensky in Warsaw on Monday.\n"
                          "The two leaders discussed grain & energy.")
    assert first.published == date(2025, 12, 1)
    assert first.url == "https://ledger.example.org/2025/12/01/nawrocki-zelensky"
    assert second.text.startswith("Chancellor Friedrich Merz")
    assert second.source == "Ledger World"


def test_feed_sniffed_without_extension(tmp_path):
    feed = tmp_path / "world"
    feed.write_bytes((FIXTURES / "feed.rss").read_bytes())
    assert len(read(feed)) == 2


def test_xml_that_is_not_a_feed(tmp_path):
    bad = tmp_path / "notes.xml"
    bad.write_text("this is not xml at all, just words\n")
    [error] = read(bad)
    assert isinstance(error, InputError)
    assert "not an RSS or Atom feed" in str(error)


def test_jsonl_fields_and_default_id():
    first, second = read(FIXTURES / "articles.jsonl")
    assert first.id == "ledger-1204"
    assert first.published == date(2025, 12, 4) and first.published_from == "metadata"
    assert (first.title, first.source) == ("Envoy meets Zelensky", "The Daily Ledger")
    assert second.id == "articles.jsonl:2"
    assert second.source_text.startswith("Ukrainian Foreign Minister Andrii Sybiha")
    assert second.published is None and second.published_from is None


def test_jsonl_bad_line_is_named_and_others_still_read(tmp_path):
    feed = tmp_path / "batch.jsonl"
    feed.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": \n\n{"text": "Three."}\n'
                    '{"id": "d"}\n{"id": "e", "text": "Five.", "published": "someday"}\n')
    items = read(feed)
    assert [getattr(i, "id", None) for i in items] == ["a", None, "batch.jsonl:4", None, None]
    assert str(items[1]) == (f"cannot read {feed}: not valid JSON (Expecting value) (line 2); "
                             "write one JSON object per line")
    assert items[3].line == 5 and 'no "text"' in str(items[3])
    assert items[4].line == 6 and "use YYYY-MM-DD" in str(items[4])


def test_directory_read_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.txt").write_text("KYIV, Dec 4 (Reuters) - Second.")
    (tmp_path / "a.txt").write_text("WASHINGTON, December 4. First.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden.txt").write_text("skip me")
    assert [a.id for a in read(tmp_path)] == ["a", "second"]


def test_stdin_is_plain_text():
    [article] = read("-", stdin=io.StringIO("LONDON (AP) — Britain said.\r\n"))
    assert article.id == "stdin" and article.text == "LONDON (AP) — Britain said.\n"


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("empty.txt", b"", "empty file"),
        ("latin1.txt", b"Kyiv said caf\xe9 owners", "invalid UTF-8 at byte 13; save it as UTF-8"),
        ("story.pdf", b"%PDF-1.4 text", "unknown file type '.pdf'"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"cannot read {path}: ")
    assert problem in str(error)
    assert "\n" not in str(error)


def test_missing_path_then_good_file_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("WASHINGTON, December 4. Text.")
    error, article = read(tmp_path / "missing.txt", good)
    assert str(error) == f"cannot read {tmp_path / 'missing.txt'}: no such file; check the path"
    assert article.id == "good"


def test_file_over_size_limit_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: all NULs, so reading it would say "binary"
    [error] = read(big)
    assert "larger than the 50 MB limit" in str(error)


def test_folder_without_article_files(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    [error] = read(tmp_path)
    assert str(error).startswith(f"cannot read {tmp_path}: no article files in this folder; give a .txt")
