"""Building the KB: the curated loader's checks, missing sources, and the full build on kb-sources."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newscheck.kb import KnowledgeBase, build_kb
from newscheck.kb import curated
from newscheck.kb.build import default_sources_dir, resolve_conflicts, same_name
from newscheck.kb.records import PersonRec, TenureRec

from test_kb_store import build_tiny

GOOD = """
sources:
  s1: {title: A report, url: https://example.org/1, as_of: 2025-01-31}
people:
  - {id: a-person, name: Anna Person, country: XX, source: s1}
tenures:
  - {person: a-person, office: XX:foreign_minister, from: 2024-02, source: s1}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_curated_file_reads_into_records(tmp_path):
    facts = curated.load([write(tmp_path, "good.yaml", GOOD)])
    person = next(r for r in facts.records if isinstance(r, PersonRec))
    tenure = next(r for r in facts.records if isinstance(r, TenureRec))
    assert person.name == "Anna Person"
    assert (tenure.start, tenure.start_precision, tenure.as_of) == ("2024-02", "month", "2025-01-31")


def test_every_bad_row_is_one_line(tmp_path):
    bad = write(tmp_path, "bad.yaml", """
sources:
  s1: {title: A report, as_of: 2025-01-31}
people:
  - {id: p1, name: Pat One, source: s1}
  - {id: p2, name: Pat Two, source: nowhere}
  - {id: p3, name: Pat Three}
tenures:
  - {person: p1, office: XX:president, from: 2024-13-01, source: s1}
  - {person: x, office: XX:president, from: 2024-01-01, source: s1}
  - {person: p1, office: not-an-office, from: 2024-01-01, source: s1}
""")
    with pytest.raises(curated.CuratedError) as e:
        curated.load([bad])
    assert e.value.lines == [
        f"{bad}: row 2 (people): source 'nowhere' is not declared under sources",
        f"{bad}: row 3 (people): no source",
        f"{bad}: row 1 (tenures): bad date from: '2024-13-01' (use YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{bad}: row 2 (tenures): unknown person 'x'",
        f"{bad}: row 3 (tenures): unknown office 'not-an-office'",
    ]


def test_known_people_from_outside_the_file_are_accepted(tmp_path):
    path = write(tmp_path, "add.yaml", """
sources:
  s1: {title: A report, as_of: 2025-01-31}
tenures:
  - {person: umerov, office: UA:defence_minister, from: 2023-09-06, to: 2025-07-17, source: s1}
""")
    with pytest.raises(curated.CuratedError):
        curated.load([path])
    assert len(curated.load([path], known_people={"umerov"}).records) == 1


def test_a_bad_curated_file_is_left_out_and_the_build_goes_on(tmp_path):
    curated_dir = tmp_path / "curated"
    curated_dir.mkdir()
    write(curated_dir, "good.yaml", GOOD)
    write(curated_dir, "bad.yaml", GOOD.replace("source: s1}\ntenures", "source: s9}\ntenures").replace("a-person", "b-person")
          .replace("s1:", "s2:"))
    lines = []
    stats = build_kb(tmp_path / "kb.sqlite", None, user_dir=tmp_path / "facts", log=lines.append,
                     curated_dir=curated_dir, importers=[])
    assert any("bad.yaml: row 1 (people)" in line for line in stats.rejected)
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite")
    assert kb.find_person("Anna Person") and not kb.find_person("b-person")


def test_missing_sources_are_reported_with_where_to_get_them(tmp_path):
    _, stats = build_tiny(tmp_path)
    assert [folder for folder, _ in stats.missing] == ["gone-src-2026"]
    assert stats.present == ["dated", "leaders", "cia"]
    assert not list(tmp_path.glob("*.tmp*"))  # nothing half-written left behind
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite")
    assert "gone-src-2026" in kb.meta("missing")


def test_conflict_resolution_keeps_the_better_source_and_trims_the_other():
    def t(pid, source, start, end, as_of):
        return {"pid": pid, "start": start, "start_precision": "day", "end": end, "end_precision": "day",
                "acting": False, "source": source, "as_of": as_of, "note": None}

    rank = {"curated": 0, "dated": 1}
    tenures = [t(2, "dated", "2019-10-03", None, "2026-06-01"), t(1, "curated", "2024-03-26", "2025-07-17", "2025-07-18")]
    kept, conflicts = resolve_conflicts(tenures, lambda x: (rank[x["source"]], x["as_of"]))
    spans = sorted((k["pid"], k["start"], k["end"]) for k in kept)
    assert spans == [(1, "2024-03-26", "2025-07-17"), (2, "2019-10-03", "2024-03-25"), (2, "2025-07-18", None)]
    assert [(on, w["pid"], l["pid"]) for on, w, l, _ in conflicts] == [("2024-03-26", 1, 2)]


def test_same_name_tells_one_holder_from_two():
    assert same_name("Prabowo Subianto", "Prabowo Subianto Djojohadikusumo")
    assert same_name("Mohammed bin Salman", "Muhammad Bin Salman bin Abd al-Aziz Al Saud")
    assert not same_name("Li Qiang", "Li Keqiang")
    assert not same_name("Liz Truss", "Rishi Sunak")


def test_packaged_curated_files_are_valid():
    files = curated.curated_files()
    if not files:
        pytest.skip("no curated files in src/newscheck/kb/curated yet")
    curated.load(files)  # raises CuratedError listing every bad row


# --- the full build on ../shared/kb-sources -----------------------------------------------

SOURCES = default_sources_dir()


@pytest.fixture(scope="session")
def full_kb(tmp_path_factory):
    if SOURCES is None:
        pytest.skip("../shared/kb-sources not found (set NEWSCHECK_SOURCES to run the full build)")
    path = tmp_path_factory.mktemp("full") / "kb.sqlite"
    stats = build_kb(path, SOURCES, user_dir=path.parent / "facts", log=lambda *a: None)
    kb = KnowledgeBase.open(path)
    yield kb, stats
    kb.close()


def holder_names(kb, title, on):
    return [h.person.name for h in kb.holders(kb.office_by_title(title), on).dated]


def test_full_build_is_fast_and_complete(full_kb):
    kb, stats = full_kb
    assert stats.seconds < 60
    assert stats.missing == []
    assert stats.rejected == []


def test_full_build_nsdc_secretary(full_kb):
    kb, _ = full_kb
    title = "Secretary of the National Security and Defense Council of Ukraine"
    h = kb.holders(kb.office_by_title(title), date(2025, 12, 4))
    assert [x.person.name for x in h.dated] == ["Rustem Umerov"] and h.dated[0].tenure.source
    assert holder_names(kb, title, date(2024, 6, 1)) == ["Oleksandr Lytvynenko"]


def test_full_build_president_of_russia(full_kb):
    kb, _ = full_kb
    assert holder_names(kb, "President of Russia", date(2025, 12, 4)) == ["Vladimir Putin"]


def test_full_build_people(full_kb):
    kb, _ = full_kb
    assert "Volodymyr Zelensky" in [p.name for p in kb.find_by_surname("Zelenskiy")]
    ranked = kb.similar_people("Wittkowff")
    assert ranked and ranked[0][0].name == "Steve Witkoff"


def test_full_build_covers_190_countries(full_kb):
    kb, _ = full_kb
    heads = kb.db.execute(
        "SELECT count(DISTINCT o.jurisdiction) FROM office o JOIN tenure t ON t.office_id = o.id"
        " WHERE o.kind IN ('head_of_state', 'head_of_government') AND length(o.jurisdiction) = 2").fetchone()[0]
    assert heads >= 190


def test_open_or_build_builds_once_from_curated_only(tmp_path, monkeypatch):
    from newscheck.kb import open_or_build

    monkeypatch.setenv("NEWSCHECK_SOURCES", str(tmp_path / "empty"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    lines = []
    kb = open_or_build(tmp_path / "kb.sqlite", log=lines.append)
    assert any(line.startswith("missing source cia-world-leaders") for line in lines)
    assert kb.sources and kb.sources[0]["id"] == "curated"
    kb.close()
    lines.clear()
    open_or_build(tmp_path / "kb.sqlite", log=lines.append).close()
    assert lines == []  # the second time it only opens


def test_wikidata_dump_is_a_source_of_its_own(tmp_path):
    if SOURCES is None:
        pytest.skip("../shared/kb-sources not found: no Wikidata fixture dump to read")
    dump = SOURCES / "wikidata-json-samples" / "mock-dump-for-testing.json"
    build_kb(tmp_path / "kb.sqlite", None, [dump], user_dir=tmp_path / "facts", log=lambda *a: None,
             curated_dir=tmp_path, importers=[])
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite")
    assert [s["id"] for s in kb.sources] == ["wikidata"]
