"""Many articles at once (batch.py): a bad article is its own error and the batch goes on, a text
too long for spaCy is checked in chunks with exact offsets, worker processes give the same findings
as one process, and `--format jsonl` streams lines that validate.

The 1,000-article batch runs through the readers, the CLI and the error capture with a stand-in
checker (so it takes seconds); a small batch goes through the real spaCy pipeline.
"""
import json
import os
import time
from datetime import date
from itertools import cycle, islice
from pathlib import Path

import jsonschema
import pytest
import yaml

from newscheck import batch, cli
from newscheck.batch import ArticleError, FindingFilter, check_batch, check_group, paragraph_chunks
from newscheck.model import Article, ArticleReport, Finding
from newscheck.report import load_line_schema

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.yaml"))
TEXTS = [yaml.safe_load(p.read_text())["text"] for p in ARTICLES]
LINE = jsonschema.Draft202012Validator(load_line_schema())


class StubKB:
    as_of = "2025-11-30"
    sources = [{"id": "curated", "name": "newscheck curated", "as_of": "2025-11-30"}]


class NameChecker:
    """Flags every "President" as an office_holder error (a span a test can find again); raises on
    an article that says RAISE-ME and kills its process on one that says EXIT-ME."""

    def __init__(self, options=None):
        self.options = options
        self.seen: list[Article] = []

    def check_many(self, articles):
        for article in articles:
            self.seen.append(article)
            if "RAISE-ME" in article.text:
                raise ValueError("the stand-in checker was told to fail\non two lines")
            if "EXIT-ME" in article.text:
                os._exit(3)
            if "SLEEP-ME" in article.text:  # still running when another worker dies
                time.sleep(1.5)
            article.published = article.published or (self.options and self.options.date) or date(2025, 12, 4)
            article.published_from = article.published_from or "option"
            findings, at = [], article.text.find("President")
            while at >= 0:
                findings.append(Finding("office_holder", "President", at, at + 9, "flagged.",
                                        confidence=0.4 if findings else 0.9))
                at = article.text.find("President", at + 1)
            yield ArticleReport(article, findings)


# module-level, so worker processes (spawned) can unpickle them
def open_stub_kb(path, log):
    return StubKB()


def make_name_checker(kb, options):
    return NameChecker(options)


def run_cli(*argv):
    return cli.main(["check", *argv], open_kb=open_stub_kb, checker_factory=make_name_checker)


def corrupt_batch(folder: Path) -> tuple[dict[str, str], int]:
    """1,000 articles with 1% corrupt: 980 good .txt files, a .jsonl of 10 good lines and 2 broken
    ones, a binary file, an empty one, one over the 50 MB limit, one in Latin-1, a feed that is not
    one, and two articles the checker fails on. Returns the good ids and the number of bad ones."""
    good = {}
    for n, text in enumerate(islice(cycle(TEXTS), 980)):
        (folder / f"a{n:04d}.txt").write_text(text)
        good[f"a{n:04d}"] = text
    lines = [json.dumps({"id": f"j{n}", "text": TEXTS[n]}) for n in range(10)]
    lines[3:3] = ['{"id": "broken", "text": "no closing quote}', '["a list", "not an object"]']
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    good |= {f"j{n}": TEXTS[n] for n in range(10)}
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("")
    with open(folder / "huge.txt", "wb") as file:
        file.truncate(51 * 1024 * 1024)  # sparse: over the limit without writing 51 MB
    (folder / "latin1.txt").write_bytes("Le président Macron a déclaré".encode("latin-1"))
    (folder / "feed.xml").write_text("<rss><channel><item><title>cut off")
    (folder / "z-raise.txt").write_text("KYIV, Dec 4 - RAISE-ME. President Zelensky spoke.")
    (folder / "z-raise2.txt").write_text("KYIV, Dec 5 - RAISE-ME again.")
    return good, 9


def test_a_corrupt_batch_of_1000_loses_no_good_article_and_reports_each_bad_one(tmp_path, capsys):
    good, bad = corrupt_batch(tmp_path)
    assert run_cli(str(tmp_path), "--format", "jsonl", "--date", "2025-12-04", "--quiet") == 1
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    for record in records:
        LINE.validate(record)
    checked = {r["id"]: r for r in records if "findings" in r}
    errors = [r for r in records if "error" in r]
    assert set(checked) == set(good) and len(good) == 990
    assert len(errors) == bad == len(err.splitlines())  # each bad one: one line on stderr, one record
    assert all(line.startswith("newscheck: cannot ") for line in err.splitlines())
    assert {Path(r["source"]).name for r in errors} == {
        "wire.jsonl", "photo.txt", "empty.txt", "huge.txt", "latin1.txt", "feed.xml", "z-raise.txt", "z-raise2.txt"}
    raised = next(r for r in errors if r["id"] == "z-raise")
    assert raised["error"] == ("cannot check z-raise: ValueError: the stand-in checker was told to fail on two lines;"
                               " the other articles were checked")
    for id_, record in checked.items():  # every good article has all of its findings, with exact spans
        text = good[id_]
        assert len(record["findings"]) == text.count("President")
        assert all(text[f["start"]:f["end"]] == "President" for f in record["findings"])


def test_max_errors_stops_early_with_exit_2(tmp_path, capsys):
    corrupt_batch(tmp_path)
    assert run_cli(str(tmp_path), "--format", "jsonl", "--max-errors", "2", "--quiet") == 2
    out, err = capsys.readouterr()
    assert err.splitlines()[-1] == ("newscheck: stopped after 2 inputs that could not be read or checked"
                                    " (--max-errors 2)")
    assert sum("error" in json.loads(line) for line in out.splitlines()) == 2
    assert "z-raise" not in out and "wire.jsonl" not in out  # read in sorted order: it stopped at feed.xml


def test_select_ignore_and_min_confidence_filter_findings_and_the_exit_status(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("WASHINGTON, Dec 4 - President Trump and President Macron met in Paris.")
    assert run_cli(str(tmp_path), "--format", "jsonl", "--min-confidence", "0.5") == 1
    [kept] = json.loads(capsys.readouterr().out)["findings"]
    assert kept["confidence"] == 0.9
    assert run_cli(str(tmp_path), "--format", "jsonl", "--ignore", "office_holder") == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert run_cli(str(tmp_path), "--format", "jsonl", "--select", "name_spelling,date_arithmetic") == 0
    capsys.readouterr()
    assert run_cli(str(tmp_path), "--select", "office_holder") == 1


@pytest.mark.parametrize("argv, message", [
    (["--jobs", "0"], "argument --jobs: '0' is not a whole number of 1 or more"),
    (["--max-errors", "x"], "argument --max-errors: 'x' is not a whole number of 1 or more"),
    (["--min-confidence", "1.5"], "argument --min-confidence: '1.5' is not a number from 0 to 1"),
    (["--select", "office_holder,spelling"], "unknown finding code 'spelling' in --select: use one of"),
])
def test_bad_batch_flags_are_one_line_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "a.txt").write_text("President Trump spoke.")
    assert run_cli(str(tmp_path), *argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newscheck: {message}") and err.count("\n") == 1


def test_one_failing_article_in_a_spacy_batch_loses_only_itself():
    articles = [Article(id=f"n{n}", text=t) for n, t in enumerate(TEXTS[:5])]
    articles[2] = Article(id="bad", text="RAISE-ME", path="bad.txt")
    results = list(check_group(NameChecker(), articles))
    assert [r.article.id if isinstance(r, ArticleReport) else r.id for r in results] == ["n0", "n1", "bad", "n3", "n4"]
    assert isinstance(results[2], ArticleError) and results[2].source == "bad.txt"
    assert results[0].article is not articles[0]  # the pipeline dated a copy: a retry starts clean


def test_paragraph_chunks_cut_at_paragraph_breaks_and_cover_the_text():
    text = "\n\n".join(TEXTS[:6])
    parts = paragraph_chunks(text, 1500)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    assert all(end - start <= 1500 for start, end in parts)
    assert all(text[end - 2:end] == "\n\n" for _, end in parts[:-1])
    assert paragraph_chunks("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no break anywhere: hard cuts


def test_a_4_4_mb_text_is_checked_in_chunks_with_exact_spans(tmp_path):
    text = "\n\n".join(islice(cycle(TEXTS), 4_400_000 // (sum(map(len, TEXTS)) // len(TEXTS))))
    assert len(text) > 4_000_000
    path = tmp_path / "archive.txt"
    path.write_text(text)
    from newscheck.ingest import read_articles

    [result] = check_batch(read_articles([str(path)]), NameChecker)
    assert isinstance(result, ArticleReport)
    assert len(result.findings) == text.count("President")
    assert all(text[f.start:f.end] == f.span == "President" for f in result.findings)
    assert result.article.text == text
    assert "checked in" in result.notes[-1] and "100,000 characters" in result.notes[-1]


def test_worker_processes_keep_the_input_order_and_lose_only_an_article_that_kills_one():
    articles = [Article(id=f"n{n}", text=t) for n, t in enumerate(islice(cycle(TEXTS), 40))]
    articles[20] = Article(id="killer", text="EXIT-ME")
    from functools import partial

    results = list(check_batch(articles, partial(make_name_checker, None, None), jobs=2))
    ids = [r.article.id if isinstance(r, ArticleReport) else r.id for r in results]
    assert ids == [a.id for a in articles]
    assert isinstance(results[20], ArticleError) and "worker process checking it died" in results[20].error
    assert sum(isinstance(r, ArticleError) for r in results) == 1


def test_an_article_running_beside_one_that_kills_its_worker_is_not_lost():
    """A pool breaks for every article in it: the one that was only running beside the killer is
    checked again alone, not reported as the one that died (a flaky CI failure)."""
    articles = [Article(id=f"n{n}", text=t) for n, t in enumerate(islice(cycle(TEXTS), 24))]
    articles[19] = Article(id="bystander", text="SLEEP-ME. President Trump spoke.")
    articles[20] = Article(id="killer", text="EXIT-ME")
    from functools import partial

    results = list(check_batch(articles, partial(make_name_checker, None, None), jobs=2))
    assert [r.article.id if isinstance(r, ArticleReport) else r.id for r in results] == [a.id for a in articles]
    assert [r.id for r in results if isinstance(r, ArticleError)] == ["killer"]
    assert isinstance(results[19], ArticleReport) and results[19].findings


def test_finding_filter_is_linter_like():
    finding = Finding("office_holder", "x", 0, 1, "m", confidence=0.7)
    assert FindingFilter().keep(finding)
    assert not FindingFilter(select=frozenset({"name_spelling"})).keep(finding)
    assert not FindingFilter(ignore=frozenset({"office_holder"})).keep(finding)
    assert not FindingFilter(min_confidence=0.8).keep(finding)


# -- the real pipeline ---------------------------------------------------------------------------

def _sorted_lines(out: str) -> list[str]:
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.splitlines())


def test_jobs_2_gives_the_same_findings_as_one_process_byte_for_byte(kb_path, tmp_path, capsys):
    for path in ARTICLES[:24]:
        doc = yaml.safe_load(path.read_text())
        record = {"id": doc["id"], "text": doc["text"], "published": str(doc.get("published") or "")}
        with open(tmp_path / "batch.jsonl", "a") as file:
            file.write(json.dumps({k: v for k, v in record.items() if v}) + "\n")
    argv = ["check", str(tmp_path / "batch.jsonl"), "--kb", str(kb_path), "--format", "jsonl", "--quiet"]
    one = cli.main(argv + ["--jobs", "1"])
    out_one = capsys.readouterr().out
    two = cli.main(argv + ["--jobs", "2"])
    out_two = capsys.readouterr().out
    assert one == two == 1
    assert len(out_one.splitlines()) == 24
    assert _sorted_lines(out_one) == _sorted_lines(out_two)
    assert out_one == out_two  # and in the same order
    for line in out_one.splitlines():
        LINE.validate(json.loads(line))


def test_a_long_text_in_chunks_is_dated_once_and_keeps_the_finding(checker, monkeypatch):
    doc = yaml.safe_load((ARTICLES[0].parent / "de-2025-mertz-drones.yaml").read_text())
    text = doc["text"].replace("BERLIN, Oct 4 (Reuters)", "BERLIN, Oct 4, 2025 (Reuters)")
    whole = checker.check(Article(id="w", text=text))
    long = "\n\n".join([text] + [p for p in TEXTS[:30] if "Mertz" not in p])
    monkeypatch.setattr(batch, "CHUNK_CHARS", 2000)
    [report] = check_batch([Article(id="long", text=long)], lambda: checker)
    assert "checked in" in report.notes[-1]
    assert (report.article.published, report.article.published_from) == (whole.article.published, "dateline")
    assert all(long[f.start:f.end] == f.span for f in report.findings)
    mertz = [(f.code, f.span, f.start) for f in report.findings if f.span == "Friedrich Mertz"]
    assert mertz == [(f.code, f.span, f.start) for f in whole.findings if f.span == "Friedrich Mertz"]


def test_every_check_flag_is_documented():
    parser = cli.build_parser()
    check = next(a for a in parser._subparsers._group_actions[0].choices.items() if a[0] == "check")[1]
    flags = {o for action in check._actions for o in action.option_strings if o.startswith("--") and o != "--help"}
    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert {"--jobs", "--max-errors", "--select", "--ignore", "--min-confidence", "--quiet"} <= flags
    assert [flag for flag in sorted(flags) if f"`{flag}" not in doc] == []


# -- --resume: an interrupted batch goes on where it stopped --------------------------------------

class InterruptedChecker(NameChecker):
    """Checks `budget` articles, then raises KeyboardInterrupt as Ctrl-C would (in each process)."""

    budget = 0

    def check_many(self, articles):
        for report in super().check_many(articles):
            if len(self.seen) > self.budget:
                raise KeyboardInterrupt
            yield report


def make_checker_interrupted_after_25(kb, options):
    checker = InterruptedChecker(options)
    checker.budget = 25
    return checker


def resume_batch(folder: Path) -> set[str]:
    """60 articles in .txt files and a JSONL file, plus two unreadable inputs."""
    ids = set()
    for n, text in enumerate(islice(cycle(TEXTS), 40)):
        (folder / f"a{n:02d}.txt").write_text(text)
        ids.add(f"a{n:02d}")
    lines = [json.dumps({"id": f"j{n}", "text": TEXTS[n % len(TEXTS)]}) for n in range(20)]
    (folder / "wire.jsonl").write_text("\n".join(lines[:10] + ["{not json"] + lines[10:]) + "\n")
    (folder / "photo.txt").write_bytes(bytes(range(256)))
    return ids | {f"j{n}" for n in range(20)}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_batch_resumed_covers_every_article_exactly_once(tmp_path, capsys, jobs):
    inputs, state, results = tmp_path / "in", tmp_path / "state.jsonl", tmp_path / "results.jsonl"
    inputs.mkdir()
    ids = resume_batch(inputs)
    argv = ["check", str(inputs), "--format", "jsonl", "--quiet", "--jobs", jobs, "--resume", str(state)]
    first = cli.main([*argv, "--output", str(results)], open_kb=open_stub_kb,
                     checker_factory=make_checker_interrupted_after_25)
    assert first == 130 and capsys.readouterr().err.endswith("newscheck: interrupted\n")
    done_first = [json.loads(line) for line in results.read_text().splitlines()]
    assert 0 < len(done_first) < len(ids)
    assert len(state.read_text().splitlines()) == len(done_first)  # one state line per result written

    assert run_cli(*argv[1:], "--output", str(results)) == 1
    err = capsys.readouterr().err
    assert f"newscheck: resuming: {len(done_first)} inputs were done before" in err
    records = [json.loads(line) for line in results.read_text().splitlines()]
    for record in records:
        LINE.validate(record)
    checked = [r["id"] for r in records if "findings" in r]
    assert sorted(checked) == sorted(ids)  # every article exactly once over the two runs
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in records if "error" in r) == ["photo.txt", "wire.jsonl"]

    assert run_cli(*argv[1:], "--output", str(results)) == 1  # a third run: nothing left, same status
    assert capsys.readouterr().err == (f"newscheck: nothing left to check: {len(records)} inputs were done"
                                       f" before (--resume {state})\n")
    assert len(results.read_text().splitlines()) == len(records)


def test_resume_checks_again_an_article_whose_text_changed_and_drops_a_half_written_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("KYIV, Dec 4 - President Zelensky spoke.")
    (tmp_path / "b.txt").write_text("KYIV, Dec 4 - The talks went on.")
    state = tmp_path / "state.jsonl"
    argv = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "jsonl", "--resume", str(state)]
    assert run_cli(*argv) == 1
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["a", "b"]
    (tmp_path / "b.txt").write_text("KYIV, Dec 4 - President Zelensky spoke again.")
    with state.open("a") as file:
        file.write('{"id": "c", "sha2')  # a run killed while writing its state
    assert run_cli(*argv) == 1
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["b"]
    assert all(json.loads(line) for line in state.read_text().splitlines())
    assert len(state.read_text().splitlines()) == 3


@pytest.mark.parametrize("argv, state_text, message", [
    (["--format", "json"], None, "newscheck: --resume needs --format jsonl"),
    (["--format", "jsonl"], "not json at all\n", "newscheck: cannot read STATE: not a newscheck --resume state (line 1)"),
    (["--format", "jsonl"], '["a list"]\n', "newscheck: cannot read STATE: not a newscheck --resume state (line 1)"),
])
def test_bad_resume_use_is_one_line_exit_2(tmp_path, capsys, argv, state_text, message):
    (tmp_path / "a.txt").write_text("President Trump spoke.")
    state = tmp_path / "state.jsonl"
    if state_text is not None:
        state.write_text(state_text)
    assert run_cli(str(tmp_path / "a.txt"), *argv, "--resume", str(state)) == 2
    err = capsys.readouterr().err
    assert err.startswith(message.replace("STATE", str(state))) and err.count("\n") == 1
