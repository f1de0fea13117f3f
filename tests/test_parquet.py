"""Parquet shards in (one article per row, bad rows and bad files reported on their own) and
--format parquet out (one row per input, the whole JSONL record kept in `json`)."""
import datetime
import json

import jsonschema
import pytest

from newscheck.ingest import read_articles, shard_files
from newscheck.model import Article
from newscheck.report import load_line_schema
from test_batch import run_cli

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def write(path, rows):
    pq.write_table(pa.Table.from_pylist(rows), path)
    return str(path)


def test_parquet_rows_read_like_jsonl_lines(tmp_path):
    shard = write(tmp_path / "part-0.parquet", [
        {"id": "a", "text": "President Trump spoke in Ohio on Monday.", "title": "Ohio",
         "published": datetime.date(2025, 12, 4), "extra": 1},
        {"id": "b", "text": "   ", "title": None, "published": None, "extra": 2},
        {"id": "c", "text": "The minister resigned.", "title": None,
         "published": datetime.datetime(2025, 12, 5, 9, 30), "extra": 3},
    ])
    items = list(read_articles([shard]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    a, bad, c = items
    assert (a.id, a.title, a.published, a.published_from) == ("a", "Ohio", datetime.date(2025, 12, 4), "metadata")
    assert c.published == datetime.date(2025, 12, 5)
    assert str(bad) == f'cannot read {shard}: no "text" (line 2); give each line a "text" string'


@pytest.mark.parametrize("content,problem", [
    (b"PAR1 not really", "not a readable Parquet file"),
    (None, 'no "text" column'),
])
def test_a_bad_parquet_file_is_one_error(tmp_path, content, problem):
    path = tmp_path / "bad.parquet"
    if content is None:
        write(path, [{"body": "no text column here"}])
    else:
        path.write_bytes(content)
    [error] = list(read_articles([str(path)]))
    assert not isinstance(error, Article) and problem in str(error) and str(path) in str(error)
    assert "\n" not in str(error)


def test_shard_files_only_when_every_input_is_a_shard(tmp_path):
    (tmp_path / "s").mkdir()
    a = write(tmp_path / "s" / "a.parquet", [{"text": "x y z"}])
    (tmp_path / "s" / "b.jsonl").write_text('{"text": "x y z"}\n')
    (tmp_path / "n.txt").write_text("x y z")
    assert shard_files([str(tmp_path / "s")]) == [a, str(tmp_path / "s" / "b.jsonl")]
    assert shard_files([str(tmp_path / "s"), str(tmp_path / "n.txt")]) is None
    assert shard_files(["-"]) is None


def test_format_parquet_writes_one_row_per_input(tmp_path, capsys):
    shard = write(tmp_path / "in.parquet", [
        {"id": "p1", "text": "President Macron met President Biden in Paris."},
        {"id": "p2", "text": ""},
        {"id": "p3", "text": "The talks ended without a deal."},
    ])
    out = tmp_path / "out.parquet"
    assert run_cli(shard, "--format", "parquet", "--output", str(out), "--quiet") == 1
    rows = pq.read_table(out).to_pylist()
    assert [(r["id"], r["n_findings"], r["n_errors"], r["error"] is None) for r in rows] == [
        ("p1", 2, 2, True), (None, 0, 0, False), ("p3", 0, 0, True)]
    line_schema = jsonschema.Draft202012Validator(load_line_schema())
    for row in rows:
        line_schema.validate(json.loads(row["json"]))
    record = json.loads(rows[0]["json"])
    assert record["id"] == "p1" and [f["code"] for f in record["findings"]] == ["office_holder"] * 2
    assert capsys.readouterr().err.count("cannot read") == 1


def test_format_parquet_without_output_is_one_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("President Trump spoke.")
    assert run_cli(str(tmp_path / "a.txt"), "--format", "parquet") == 2
    assert capsys.readouterr().err == "newscheck: --format parquet needs --output FILE.parquet\n"
