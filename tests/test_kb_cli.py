"""`newscheck kb ...` commands on a tiny KB: output a person can grep, exit codes, kb add."""
from __future__ import annotations

import subprocess
import sys

import pytest

from datetime import date

from newscheck.kb import KnowledgeBase
from newscheck.kb import cli
from newscheck.kb.cli import main

from test_kb_store import build_tiny

NSDC = "Secretary of the National Security and Defense Council of Ukraine"


@pytest.fixture
def kb_path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # keep kb add away from the real user dir
    path, _ = build_tiny(tmp_path)
    return path


def run(capsys, *argv):
    code = main(["kb", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_who_names_the_holder_and_source(kb_path, capsys):
    code, out, _ = run(capsys, "who", NSDC, "--on", "2025-12-04", "--kb", str(kb_path))
    assert code == 0
    assert "Rustem Umerov" in out and "source: cia-ua" in out


def test_who_past_the_sources_presumes_the_holder_and_says_so(kb_path, capsys):
    code, out, _ = run(capsys, "who", "President of Russia", "--on", "2026-11-01", "--kb", str(kb_path))
    assert code == 0
    assert "Vladimir Putin" in out.splitlines()[1]
    assert "presumed: the sources know this office only up to 2026-06-01" in out


def test_who_says_unknown_with_reason(kb_path, capsys):
    # more than PRESUME_DAYS past the sources: no presumption
    code, out, _ = run(capsys, "who", "President of Russia", "--on", "2028-11-01", "--kb", str(kb_path))
    assert code == 0
    assert "unknown: the sources know this office only up to 2026-06-01" in out
    assert "lists Vladimir Putin (undated; not proof)" in out


def test_who_unknown_office(kb_path, capsys):
    code, out, _ = run(capsys, "who", "Grand Vizier", "--on", "2025-01-01", "--kb", str(kb_path))
    assert code == 1 and "unknown office 'Grand Vizier'" in out


def test_person_by_variant_and_by_misspelling(kb_path, capsys):
    code, out, _ = run(capsys, "person", "Zelenskiy", "--kb", str(kb_path))
    assert code == 0 and out.startswith("Volodymyr Zelensky") and "President of Ukraine" in out
    code, out, _ = run(capsys, "person", "Wittkowff", "--kb", str(kb_path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "no exact match for 'Wittkowff'; nearest known people:"
    assert lines[1].strip().startswith("Steve Witkoff")


def test_stats(kb_path, capsys):
    code, out, _ = run(capsys, "stats", "--kb", str(kb_path))
    assert code == 0
    assert "countries with a head of state or government: 4" in out  # UA, RU, ID, XX
    assert "missing: gone-src-2026" in out
    assert "conflicts resolved: " in out


def test_stats_lists_each_source_with_as_of_and_licence(kb_path, capsys):
    _, out, _ = run(capsys, "stats", "--kb", str(kb_path))
    lines = out.splitlines()
    assert next(x for x in lines if x.startswith("  dated ")).split()[1] == "2026-06-01"
    assert next(x for x in lines if x.startswith("  leaders ")).endswith("CC BY-SA")
    assert next(x for x in lines if x.startswith("  curated ")).endswith("per row, see its citation")


def test_stats_warns_when_the_newest_dated_holders_are_old(kb_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "_today", lambda: date(2026, 12, 1))
    _, out, _ = run(capsys, "stats", "--kb", str(kb_path))
    assert out.splitlines()[1] == ("warning: the newest dated office holders are as of 2026-08-22, 101 days ago;"
                                   " after that the checks presume the holders then stay, less surely as time passes: run"
                                   " `newscheck kb update` (see docs/kb.md)")
    monkeypatch.setattr(cli, "_today", lambda: date(2026, 11, 20))  # 90 days
    _, out, _ = run(capsys, "stats", "--kb", str(kb_path))
    assert "warning" not in out


def test_stats_coverage_since_2022_by_country_and_office(kb_path, capsys):
    window = (date(2026, 8, 22) - date(2022, 1, 1)).days + 1
    ua_president = ((date(2026, 1, 23) - date(2022, 1, 1)).days + 1) / window  # curated, open as of 2026-01-23
    _, out, _ = run(capsys, "stats", "--kb", str(kb_path))
    assert "dated coverage 2022-01-01 .. 2026-08-22" in out
    [ua] = [x for x in out.splitlines() if x.startswith("  UA ")]
    assert ua.split()[1:4] == [f"{ua_president:.0%}", "(1)", "-"]
    code, out, _ = run(capsys, "stats", "--kb", str(kb_path), "--country", "ua")
    assert code == 0
    assert f"  {ua_president:4.0%}  UA:president" in out and "UA:security_council_secretary" in out
    assert "RU:president" not in out and "conflicts resolved" not in out


def test_user_mistakes_are_one_line_and_exit_2(kb_path, tmp_path, capsys):
    code, out, err = run(capsys, "who", NSDC, "--on", "2025-13-01", "--kb", str(kb_path))
    assert code == 2 and err.strip() == "newscheck kb who: bad date '2025-13-01': use YYYY-MM-DD"
    code, _, err = run(capsys, "stats", "--kb", str(tmp_path / "nothing.sqlite"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "run `newscheck kb build`" in err
    code, _, err = run(capsys, "add", str(tmp_path / "nothing.yaml"), "--kb", str(kb_path))
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "stats", "--kb", str(kb_path), "--country", "ZZ")
    assert code == 2 and err == ("newscheck kb stats: no office of 'ZZ' in the knowledge base since 2022-01-01:"
                                 " give an ISO code (DE), or EU, UN, NATO\n")


def test_module_entry_point_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "newscheck.kb.cli", "kb", "stats", "--kb", str(tmp_path / "x.sqlite")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


ADD_BAD = """
sources:
  mine: {title: My notes, as_of: 2026-02-01}
people:
  - {id: new-sec, name: Nova Secretary, country: UA, source: mine}
tenures:
  - {person: nobody, office: UA:security_council_secretary, from: 2026-01-01, source: mine}
  - {person: new-sec, office: UA:security_council_secretary, from: 2026-01-01, source: elsewhere}
"""


def test_kb_add_rejects_bad_rows_and_writes_nothing(kb_path, tmp_path, capsys):
    before = kb_path.read_bytes()
    bad = tmp_path / "mine.yaml"
    bad.write_text(ADD_BAD, encoding="utf-8")
    code, _, err = run(capsys, "add", str(bad), "--kb", str(kb_path))
    assert code == 2
    assert f"{bad}: row 1 (tenures): unknown person 'nobody'" in err
    assert f"{bad}: row 2 (tenures): source 'elsewhere' is not declared under sources" in err
    assert kb_path.read_bytes() == before
    assert not (tmp_path / "facts" / "mine.yaml").exists()


def test_kb_add_copies_and_rebuilds(kb_path, tmp_path, capsys):
    good = tmp_path / "mine.yaml"
    good.write_text(ADD_BAD.replace("nobody", "umerov").replace("source: elsewhere", "source: mine")
                    .replace("from: 2026-01-01, source: mine}\n  - {person: new-sec", "from: 2023-01-01, to: 2023-02-01, source: mine}\n  - {person: new-sec"),
                    encoding="utf-8")
    code, out, err = run(capsys, "add", str(good), "--kb", str(kb_path))
    assert code == 0, err
    assert (tmp_path / "facts" / "mine.yaml").exists()
    kb = KnowledgeBase.open(kb_path)
    [person] = kb.find_person("Nova Secretary")
    assert any(a == "Nova Secretary" for a in person.aliases)
    assert {t.source for t in kb.tenures(kb.find_person("Rustem Umerov")[0])} >= {"mine"}
    kb.close()
