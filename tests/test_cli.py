import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from newscheck import cli
from newscheck.dates import PublicationDate, resolve_publication_date
from newscheck.model import ArticleReport, Evidence, Finding
from newscheck.report import load_schema

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEED = "WASHINGTON, December 4. Russian President Vladimir Zelenskiy met U.S. envoy Steve Witkoff.\n"


class StubKB:
    as_of = "2025-11-30"
    sources = [{"id": "curated", "name": "newscheck curated", "licence": "CC0", "url": None,
                "as_of": "2025-11-30"}]


class StubChecker:
    """Flags "Vladimir Zelenskiy" as an office_holder error and "Witkoff" as info; records its input."""

    def __init__(self):
        self.seen = []
        self.options = None

    def check_many(self, articles):
        for article in articles:
            self.seen.append(article)
            found = resolve_publication_date(article, option=self.options.date, today=date(2026, 1, 2))
            # as the real Checker does, less the inference from office holders
            if found.on is None:  # no office holder to infer from: the latest such day, or today
                found = PublicationDate(found.dateline.on_or_before(date(2026, 1, 2)), "dateline+assumed year") \
                    if found.dateline else PublicationDate(date(2026, 1, 2), "assumed")
            article.published, article.published_from = found.on, found.source
            findings = []
            for span, code, severity in (("Vladimir Zelenskiy", "office_holder", "error"),
                                         ("Witkoff", "name_spelling", "info")):
                start = article.text.find(span)
                if start >= 0:
                    findings.append(Finding(code, span, start, start + len(span), f"{span} flagged.",
                                            suggestion="Vladimir Putin", severity=severity,
                                            evidence=[Evidence("Vladimir Putin is President of Russia.",
                                                               "curated", "2012-05-07", None, "2025-11-30")]))
            yield ArticleReport(article, findings)


@pytest.fixture
def checker():
    return StubChecker()


@pytest.fixture
def run(checker):
    def factory(kb, options):
        checker.options = options
        return checker

    def run(*argv, stdin=None):
        return cli.main(list(argv), open_kb=lambda path, log: StubKB(), checker_factory=factory, stdin=stdin)
    return run


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "004_seed.txt"
    path.write_text(SEED)
    return path


def test_error_finding_exits_1_and_prints_the_report(run, seed, capsys):
    assert run("check", str(seed)) == 1
    out = capsys.readouterr().out
    assert "004_seed" in out and "office_holder" in out and "suggest: Vladimir Putin" in out


def test_only_info_findings_exit_0(run, tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("KYIV, Dec 4 (Reuters) - U.S. envoy Steve Witkoff arrived.")
    assert run("check", str(path)) == 0


def test_json_report_validates_and_carries_input_errors(run, seed, tmp_path, capsys):
    binary = tmp_path / "x.bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    assert run("check", str(seed), str(binary), "--format", "json") == 1
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    jsonschema.validate(document, load_schema(), cls=jsonschema.Draft202012Validator)
    assert document["errors"] == [f"cannot read {binary}: binary file, not text; "
                                  "give a .txt, .html, .jsonl, .parquet, .xml, .rss or .atom file"]
    assert captured.err == f"newscheck: {document['errors'][0]}\n"
    [article] = document["articles"]
    assert (article["published"], article["published_from"]) == ("2025-12-04", "dateline+assumed year")
    assert document["kb"]["as_of"] == "2025-11-30"


def test_date_option_used_when_article_has_none(run, tmp_path, checker, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("The war in Ukraine has reached a pivotal moment.")
    assert run("check", str(path), "--date", "2025-12-04", "--format", "json") == 0
    article = json.loads(capsys.readouterr().out)["articles"][0]
    assert (article["published"], article["published_from"]) == ("2025-12-04", "option")
    assert checker.options.date == date(2025, 12, 4)


def test_no_date_anywhere_is_assumed(run, tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("The war in Ukraine has reached a pivotal moment.")
    run("check", str(path))
    assert "(assumed: no date found)" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["2025-13-01", "04/12/2025", "yesterday", "2025-2-3"])
def test_invalid_date_is_one_line_exit_2(run, seed, capsys, value):
    assert run("check", str(seed), "--date", value) == 2
    err = capsys.readouterr().err
    assert err == f"newscheck: invalid --date {value!r}: use YYYY-MM-DD, e.g. 2025-12-04\n"


def test_nothing_readable_exits_2(run, tmp_path, capsys):
    assert run("check", str(tmp_path / "missing.txt")) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("newscheck: cannot read") and err[0].endswith("no such file; check the path")
    assert err[1] == "newscheck: nothing to check: no input could be read"


def test_bad_input_alongside_good_does_not_make_exit_2(run, seed, tmp_path, capsys):
    assert run("check", str(tmp_path / "missing.txt"), str(seed)) == 1
    assert "1 unreadable input" in capsys.readouterr().out


def test_source_sets_source_text_on_the_single_input(run, seed, tmp_path, checker):
    source = tmp_path / "tass.txt"
    source.write_text("MOSCOW, Dec. 4, 2025 /TASS/. Russian President Vladimir Putin said.")
    run("check", str(seed), "--source", str(source))
    assert checker.seen[0].source_text == source.read_text()


def test_source_with_several_inputs_is_a_usage_error(run, seed, tmp_path, capsys):
    assert run("check", str(seed), str(seed), "--source", str(seed)) == 2
    assert capsys.readouterr().err.startswith("newscheck: --source needs exactly one input")


def test_source_with_a_multi_article_file_is_a_usage_error(run, seed, capsys):
    assert run("check", str(FIXTURES / "feed.rss"), "--source", str(seed)) == 2
    assert "--source needs exactly one article" in capsys.readouterr().err


def test_unreadable_source_is_one_line(run, seed, tmp_path, capsys):
    assert run("check", str(seed), "--source", str(tmp_path / "nope.txt")) == 2
    assert capsys.readouterr().err == f"newscheck: cannot read {tmp_path / 'nope.txt'}: no such file; check the path\n"


@pytest.mark.parametrize("fmt, marker", [("html", "<!DOCTYPE html>"), ("json", '"newscheck"'),
                                         ("text", "1 article, 2 findings")])
def test_output_file(run, seed, tmp_path, capsys, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    assert run("check", str(seed), "--format", fmt, "--output", str(out)) == 1
    assert marker in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""


def test_unwritable_output_is_one_line(run, seed, tmp_path, capsys):
    assert run("check", str(seed), "--output", str(tmp_path / "no" / "such" / "dir.json")) == 2
    assert capsys.readouterr().err.startswith("newscheck: cannot write ")


def test_stdin_dash(run, capsys):
    assert run("check", "-", "--format", "json", stdin=io.StringIO(SEED)) == 1
    assert json.loads(capsys.readouterr().out)["articles"][0]["id"] == "stdin"


def test_kb_errors_are_one_line(seed, capsys):
    from newscheck.errors import KBError

    def broken_kb(path, log):
        raise KBError("knowledge base /x/kb.sqlite is corrupt; rebuild it with `newscheck kb build`")

    assert cli.main(["check", str(seed)], open_kb=broken_kb, checker_factory=None) == 2
    assert capsys.readouterr().err == (
        "newscheck: knowledge base /x/kb.sqlite is corrupt; rebuild it with `newscheck kb build`\n")


def test_usage_mistakes_are_one_line(capsys):
    assert cli.main([]) == 2
    assert capsys.readouterr().err.startswith("newscheck: no command given")
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newscheck check --help" in err
    assert cli.main(["check", "x.txt", "--format", "pdf"]) == 2


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("newscheck ")


def test_help_lists_every_check_flag(capsys):
    assert cli.main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    for flag in ("--date", "--format", "--output", "--kb", "--source"):
        assert flag in out


def test_docs_mention_every_check_flag():
    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for flag in ("--date", "--format", "--output", "--kb", "--source", "--version", "newscheck kb"):
        assert flag in doc


def test_kb_commands_are_wired(capsys):
    assert cli.main(["kb", "--help"]) == 0
    assert "build" in capsys.readouterr().out
