"""The Wikidata dump reader on hand-written entities in exact dump format, and on the
Wikidata-Toolkit mock dumps (which hold no politicians but real layout and real bugs)."""
from __future__ import annotations

import bz2
import gzip
from pathlib import Path

import pytest

from newscheck.kb.records import OfficeRec, PersonRec, TenureRec
from newscheck.kb.sources.wikidata import DumpStats, read_dump

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "politicians.json"
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "kb-sources" / "wikidata-json-samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"samples not found at {SAMPLES}")


def run(path: Path) -> tuple[list, DumpStats]:
    stats = DumpStats()
    return list(read_dump(path, stats, as_of="2025-08-01")), stats


def tenures(recs: list) -> dict[tuple[str, str], TenureRec]:
    return {(t.person, t.office): t for t in recs if isinstance(t, TenureRec)}


def test_politician_with_two_terms_and_native_names():
    recs, _ = run(FIXTURE)
    umerov = next(r for r in recs if isinstance(r, PersonRec) and r.qid == "Q900001")
    assert umerov.name == "Rustem Umerov"
    assert umerov.native == {"uk": "Рустем Умєров", "ru": "Рустем Умеров"}
    assert "Rustem Enverovych Umerov" in umerov.aliases
    terms = tenures(recs)
    defence = terms[("wikidata:Q900001", "UA:defence_minister")]
    assert (defence.start, defence.start_precision, defence.end) == ("2023-09-06", "day", "2025-07-17")
    nsdc = terms[("wikidata:Q900001", "UA:security_council_secretary")]
    assert (nsdc.start, nsdc.start_precision, nsdc.end, nsdc.as_of) == ("2025-07-01", "month", None, "2025-08-01")


def test_positions_resolve_from_their_own_entity_after_the_person():
    recs, _ = run(FIXTURE)
    offices = {r.key: r for r in recs if isinstance(r, OfficeRec)}
    # Q900101 comes after the person and is known only by its label and P1001 = Ukraine (P297 UA)
    assert offices["UA:security_council_secretary"].title.startswith("Secretary of the National Security")
    assert "UA:prime_minister" in offices  # Q1145714, from the built-in table


def test_deprecated_somevalue_and_novalue_statements_are_skipped():
    recs, stats = run(FIXTURE)
    umerov_offices = {o for p, o in tenures(recs) if p == "wikidata:Q900001"}
    assert umerov_offices == {"UA:defence_minister", "UA:security_council_secretary"}  # not US:president
    # deprecated, somevalue, novalue, an end known only as "somevalue", a normal duplicate
    assert stats.skipped_terms == 5
    assert stats.unresolved == 1  # Q900999 is neither in the dump nor in the table


def test_preferred_statement_wins_over_its_normal_duplicate():
    recs, _ = run(FIXTURE)
    shmyhal = tenures(recs)[("wikidata:Q900002", "UA:prime_minister")]
    assert (shmyhal.end, shmyhal.end_precision) == ("2025-07-16", "day")


def test_non_humans_are_ignored_and_a_broken_line_is_counted():
    recs, stats = run(FIXTURE)
    assert {r.qid for r in recs if isinstance(r, PersonRec)} == {"Q900001", "Q900002"}
    assert (stats.entities, stats.malformed, stats.people) == (6, 1, 2)


@pytest.mark.parametrize("opener,suffix", [(gzip.open, ".json.gz"), (bz2.open, ".json.bz2")])
def test_compressed_dumps_read_the_same(tmp_path, opener, suffix):
    packed = tmp_path / f"dump{suffix}"
    with opener(packed, "wb") as f:
        f.write(FIXTURE.read_bytes())
    plain, _ = run(FIXTURE)
    assert run(packed)[0] == plain


def test_whitelist_keeps_only_named_positions():
    stats = DumpStats()
    recs = list(read_dump(FIXTURE, stats, only_positions={"Q1145714"}))
    assert [r.qid for r in recs if isinstance(r, PersonRec)] == ["Q900002"]
    assert {t.office for t in recs if isinstance(t, TenureRec)} == {"UA:prime_minister"}


@needs_samples
@pytest.mark.parametrize("name,entities,odd", [
    ("mock-dump-for-testing.json", 4, 0),
    ("mock-dump-for-long-testing.json", 101, 0),
    ("mock-dump-with-bugs.json", 101, 2),  # "labels": [] and "claims": []
])
def test_toolkit_mock_dumps(name, entities, odd):
    recs, stats = run(SAMPLES / name)
    assert recs == []  # no humans with positions in them
    assert (stats.entities, stats.malformed, stats.odd_shapes) == (entities, 0, odd)
