"""`newscheck kb update` without a network: a recorded SPARQL answer (tests/fixtures/wikidata/
sparql-p39.json, in the endpoint's JSON layout; QIDs from Q900000 up are made up) handed in through
a fake fetch, and the offline path through a JSON dump. What was fetched is saved and outlives
rebuilds; curated facts are never overridden."""
from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from newscheck.kb import KnowledgeBase, build_kb
from newscheck.kb import update
from newscheck.kb.cli import main
from newscheck.kb.records import OfficeRec, PersonRec, TenureRec
from newscheck.kb.sources.wikidata import DumpStats, read_sparql

from test_kb_store import build_tiny

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
RECORDED = (FIXTURES / "sparql-p39.json").read_bytes()
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "kb-sources" / "wikidata-json-samples"
TODAY = date.today().isoformat()


@pytest.fixture
def kb_path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # updates/ and facts/ go here
    path, _ = build_tiny(tmp_path)
    return path


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Answer every query with the recorded response; the queries asked."""
    queries: list[str] = []

    def fake_fetch(query: str) -> bytes:
        queries.append(query)
        return RECORDED if len(queries) == 1 else b'{"head": {"vars": []}, "results": {"bindings": []}}'

    monkeypatch.setattr(update, "fetch", fake_fetch)
    return queries


def run(capsys, *argv):
    code = main(["kb", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def on(kb: KnowledgeBase, office: str, day: str) -> list[tuple[str, str]]:
    return sorted((h.person.name, h.tenure.source) for h in kb.holders([kb.office(office)], date.fromisoformat(day)).dated)


# --- reading the answer ---

def test_sparql_rows_become_the_records_a_dump_gives():
    stats = DumpStats()
    recs = list(read_sparql(json.loads(RECORDED), stats, as_of="2026-01-01"))
    people = {r.qid: r for r in recs if isinstance(r, PersonRec)}
    assert people["Q3874799"].native == {"uk": "Володимир Зеленський", "ru": "Владимир Зеленский"}
    assert people["Q3874799"].key == "wikidata:Q3874799"  # merges with a dump's person
    terms = {(t.person, t.office): t for t in recs if isinstance(t, TenureRec)}
    shmyhal = terms[("wikidata:Q900002", "UA:defence_minister")]
    assert (shmyhal.start, shmyhal.end, shmyhal.as_of, shmyhal.source) == ("2025-07-17", "2026-01-13", "2026-01-01",
                                                                           "wikidata-sparql")
    nabiullina = terms[("wikidata:Q900006", "RU:central_bank_governor")]
    assert (nabiullina.start, nabiullina.start_precision) == ("2013-01-01", "year")
    assert "KZ:foreign_minister" in {r.key for r in recs if isinstance(r, OfficeRec)}  # by label and country


def test_missing_ends_dead_holders_and_typos():
    stats = DumpStats()
    recs = list(read_sparql(json.loads(RECORDED), stats, as_of="2026-01-01"))
    terms = {(t.person, t.office): t for t in recs if isinstance(t, TenureRec)}
    # open in Wikidata, but Umerov followed him in the one-holder office
    assert terms[("wikidata:Q900003", "UA:security_council_secretary")].end == "2025-07-17"
    assert "Q900005" not in {r.qid for r in recs if isinstance(r, PersonRec)}  # Yeltsin: dead, term open
    assert ("wikidata:Q900008", "UA:prime_minister") not in terms  # ends before it starts
    assert stats.skipped_terms == 3  # those two and a duplicate row


# --- online, with a recorded answer ---

def test_update_saves_the_answer_and_rebuilds(kb_path, tmp_path, asked, capsys):
    code, out, err = run(capsys, "update", "--kb", str(kb_path))
    assert code == 0, err
    saved = tmp_path / "data" / "newscheck" / "updates" / f"wikidata-sparql-{TODAY}.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["results"]["bindings"]
    assert f"recorded 9 dated terms of 8 people from Wikidata in {saved}" in out
    assert "VALUES ?position" in asked[0] and "wd:Q579677" in asked[0] and len(asked) == 4  # known, then 3 classes
    kb = KnowledgeBase.open(kb_path)
    [src] = [s for s in kb.sources if s["id"] == "wikidata-sparql"]
    assert (src["licence"], src["as_of"]) == ("CC0 1.0", TODAY)
    assert on(kb, "UA:defence_minister", "2025-10-01") == [("Denys Shmyhal", "wikidata-sparql")]
    kb.close()


def test_curated_rows_win_over_an_update(kb_path, asked, capsys):
    assert run(capsys, "update", "--kb", str(kb_path))[0] == 0
    kb = KnowledgeBase.open(kb_path)
    # the recorded answer names "Mykola Vandalenko" from 2025-09-01; the curated row says Umerov
    assert on(kb, "UA:security_council_secretary", "2025-10-01") == [("Rustem Umerov", "cia-ua")]
    dropped = kb.db.execute("SELECT dropped, detail FROM conflict WHERE dropped = 'Mykola Vandalenko'").fetchone()
    assert dropped and dropped[1].startswith("cia-ua")
    kb.close()


def test_updates_outlive_a_plain_rebuild(kb_path, tmp_path, asked, capsys):
    assert run(capsys, "update", "--kb", str(kb_path))[0] == 0
    build_kb(kb_path, tmp_path / "kb-sources", user_dir=tmp_path / "facts", log=lambda *a: None,
             curated_dir=tmp_path / "curated")  # what `newscheck kb build` does, updates dir by default
    kb = KnowledgeBase.open(kb_path)
    assert on(kb, "KZ:foreign_minister", "2024-01-01") == [("Murat Nurtleu", "wikidata-sparql")]
    kb.close()


def test_no_network_is_one_line_and_exit_2(kb_path, tmp_path, monkeypatch, capsys):
    def offline(request, timeout):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    before = kb_path.read_bytes()
    code, out, err = run(capsys, "update", "--kb", str(kb_path))
    assert code == 2
    assert err == ("newscheck kb update: cannot reach query.wikidata.org ([Errno -3] Temporary failure in name"
                   " resolution); use --dump FILE offline\n")
    assert kb_path.read_bytes() == before and not (tmp_path / "data" / "newscheck" / "updates").exists()


def test_an_answer_that_is_not_sparql_json_is_one_line(kb_path, monkeypatch, capsys):
    monkeypatch.setattr(update, "fetch", lambda query: b"<html>Too Many Requests</html>")
    code, _, err = run(capsys, "update", "--kb", str(kb_path))
    assert code == 2 and len(err.splitlines()) == 1 and "not SPARQL JSON results" in err


def test_fetch_names_itself_and_asks_for_sparql_json(monkeypatch):
    seen = {}

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return RECORDED

    def fake_urlopen(request, timeout):
        seen.update(request=request, timeout=timeout)
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    assert update.fetch("SELECT * WHERE {}") == RECORDED
    request = seen["request"]
    assert request.full_url == "https://query.wikidata.org/sparql" and request.get_method() == "POST"
    assert request.get_header("Accept") == "application/sparql-results+json"
    assert request.get_header("User-agent").startswith("newscheck/") and seen["timeout"] == update.TIMEOUT


# --- offline, from a dump ---

def test_dump_update_is_kept_with_the_dump_date(kb_path, tmp_path, capsys):
    dump = tmp_path / "politicians-20250220.json"
    shutil.copy(FIXTURES / "politicians.json", dump)
    code, out, err = run(capsys, "update", "--dump", str(dump), "--kb", str(kb_path))
    assert code == 0, err
    saved = tmp_path / "data" / "newscheck" / "updates" / "wikidata-dump-2025-02-20.json.gz"
    assert saved.is_file() and str(saved) in out
    kb = KnowledgeBase.open(kb_path)
    [src] = [s for s in kb.sources if s["id"] == "wikidata"]
    assert (src["licence"], src["as_of"]) == ("CC0 1.0", "2025-02-20")
    assert on(kb, "UA:prime_minister", "2024-01-01") == [("Denys Shmyhal", "wikidata")]
    kb.close()


def test_dump_mistakes_are_one_line(kb_path, tmp_path, capsys):
    code, _, err = run(capsys, "update", "--dump", str(tmp_path / "nothing.json"), "--kb", str(kb_path))
    assert (code, err) == (2, f"newscheck kb update: no such file: {tmp_path / 'nothing.json'}\n")
    text = tmp_path / "notes.txt"
    text.write_text("not a dump\n", encoding="utf-8")
    code, _, err = run(capsys, "update", "--dump", str(text), "--kb", str(kb_path))
    assert code == 2 and err == f"newscheck kb update: cannot read {text}: not a Wikidata JSON dump (one entity per line)\n"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"samples not found at {SAMPLES}")
def test_a_dump_without_office_holders_records_nothing(kb_path, tmp_path, capsys):
    code, _, err = run(capsys, "update", "--dump", str(SAMPLES / "mock-dump-for-long-testing.json"), "--kb", str(kb_path))
    assert code == 2 and "no office holders with dated terms" in err and len(err.splitlines()) == 1
    assert not list((tmp_path / "data" / "newscheck" / "updates").glob("*"))
