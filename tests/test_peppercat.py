"""The peppercat importer (CC BY-NC 4.0) on real rows of ../shared/kb-sources, copied at test time
into a small folder (so no non-commercial data sits in this repository), and the build's rule
that such a source is read only when allowed. Known facts from the folder's SOURCE.md."""
from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from newscheck.kb import KnowledgeBase, build_kb
from newscheck.kb import build as build_module
from newscheck.kb.cli import main
from newscheck.kb.records import OfficeRec, PersonRec, TenureRec
from newscheck.kb.sources import peppercat

KB_SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "kb-sources"
REAL = KB_SOURCES / peppercat.FOLDER
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"peppercat data not found at {REAL}")
PAGES = {"germany", "iran", "kenya", "new-zealand", "russia", "united-arab-emirates", "world", "european-union",
         "bavaria"}
LEFT_OUT = ("left out peppercat-leaders-2025-01: CC BY-NC 4.0 (non-commercial); "
            "pass --allow-noncommercial to include it")


def _copy_rows(src: Path, dst: Path, keep) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8", newline="") as out:
        reader = csv.DictReader(f)
        writer = csv.DictWriter(out, reader.fieldnames)
        writer.writeheader()
        writer.writerows(r for r in reader if keep(r))


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """A kb-sources folder with the peppercat rows of a few pages and GeoNames' country names."""
    root = tmp_path_factory.mktemp("kb-sources")
    folder = root / peppercat.FOLDER
    for name in (peppercat.PAGES, peppercat.TIMELINE):
        _copy_rows(REAL / name, folder / name, lambda r: r["slug"] in PAGES)
    history = f"{peppercat.HISTORY}/germany/leaders-historic.csv"
    _copy_rows(REAL / history, folder / history, lambda r: True)
    (root / "geonames-subset").mkdir()
    shutil.copy(KB_SOURCES / "geonames-subset" / "geonames_countries.tsv", root / "geonames-subset")
    return root


@pytest.fixture(scope="module")
def records(sources) -> list:
    return list(peppercat.read(sources / peppercat.FOLDER))


@pytest.fixture(scope="module")
def kb(sources, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kb")
    (tmp / "curated").mkdir()
    build_kb(tmp / "kb.sqlite", sources, user_dir=tmp / "facts", updates_dir=tmp / "updates", log=lambda *a: None,
             curated_dir=tmp / "curated", importers=[peppercat], allow_noncommercial=True)
    base = KnowledgeBase.open(tmp / "kb.sqlite")
    yield base
    base.close()


def holders(kb, office: str, on: str) -> list[str]:
    found = kb.holders([kb.office(office)], date.fromisoformat(on))
    assert found.known, (office, on)
    return sorted(h.person.name for h in found.dated)


def test_known_facts_from_source_md(kb):
    assert holders(kb, "DE:finance_minister", "2022-06-01") == ["Christian Lindner"]
    assert holders(kb, "DE:finance_minister", "2024-11-07") == ["Christian Lindner", "Jörg Kukies"]  # handover day
    assert holders(kb, "DE:finance_minister", "2025-01-15") == ["Jörg Kukies"]
    assert holders(kb, "IR:foreign_minister", "2024-06-15") == ["Ali Bagheri"]
    assert holders(kb, "IR:foreign_minister", "2024-09-01") == ["Abbas Araghchi"]
    assert holders(kb, "KE:vice_president", "2024-12-01") == ["Kithure Kindiki"]  # "Deputy President"
    assert holders(kb, "EU:council_president", "2025-01-10") == ["António Costa"]
    assert holders(kb, "UN:secretary_general", "2024-01-01") == ["António Guterres"]


def test_source_records_its_licence_and_attribution(kb):
    [row] = [s for s in kb.sources if s["id"] == "peppercat"]
    assert row["licence"] == "CC BY-NC 4.0" and row["as_of"] == "2025-01-31"


def test_open_tenures_are_sure_only_up_to_the_last_snapshot(kb):
    january = kb.known_days(kb.office("DE:finance_minister"), date(2025, 1, 1), date(2025, 3, 31))
    assert january == 31


def terms_of(records, office: str, qid: str) -> list[tuple]:
    return [(t.start, t.end) for t in records
            if isinstance(t, TenureRec) and t.office == office and t.person == f"peppercat:{qid}"]


def test_renamed_ministry_is_one_tenure(records):
    """'Minister of the Interior' became '... and for Community' on 2021-12-16: Faeser's term goes on."""
    assert terms_of(records, "DE:interior_minister", "Q1288810") == [("2021-12-08", None)]


def test_reappointment_keeps_the_first_start(records):
    """Russia's page moved Reshetnikov's 'since' to his reappointment on 2024-05-14; he was
    listed as minister all along, so his term runs from the first date it showed."""
    assert terms_of(records, "RU:economy_minister", "Q28681100") == [("2020-01-21", None)]


def test_post_added_to_a_card_starts_when_listed(records):
    """Mudavadi's card date (2022-10-27) is his first post's, not the interior's (from 2024-11)."""
    assert terms_of(records, "KE:interior_minister", "Q1954003") == [("2024-11-02", "2025-01-17")]


def test_impossible_and_premature_dates_are_not_used(records):
    terms = {(t.office, t.person): t for t in records if isinstance(t, TenureRec)}
    # since_first '2023-03-39', corrected on the page to 2023-03-29
    assert terms[("AE:vice_president", "peppercat:Q556607")].start == "2023-03-29"
    # NZ's Seymour was shown as Deputy Prime Minister 'since 2025-05-31' in 2023-24
    assert ("NZ:deputy_prime_minister", "peppercat:Q17055796") not in terms
    assert peppercat.valid_day("2024-17-17") is None


def test_sub_national_posts_and_pages_are_left_out(records):
    offices = {r.key for r in records if isinstance(r, OfficeRec)}
    assert not any("bavaria" in key or "president_of" in key for key in offices)
    assert "AE:monarch" not in offices  # "Emir of Abu Dhabi" is no head of the UAE
    people = {r.name for r in records if isinstance(r, PersonRec)}
    assert "Markus Söder" not in people  # Minister-President of Bavaria, on the Germany page and its own


def test_build_leaves_it_out_unless_allowed(sources, tmp_path):
    (tmp_path / "curated").mkdir()
    lines: list[str] = []
    stats = build_kb(tmp_path / "kb.sqlite", sources, user_dir=tmp_path / "facts", updates_dir=tmp_path / "updates",
                     log=lines.append, curated_dir=tmp_path / "curated", importers=[peppercat])
    assert LEFT_OUT in lines
    assert stats.left_out and not stats.missing
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite")
    assert not [s for s in kb.sources if s["id"] == "peppercat"] and kb.office("DE:finance_minister") is None
    kb.close()


def test_kb_build_flag_and_stats(sources, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(build_module, "_importers", lambda: [peppercat])
    path = str(tmp_path / "kb.sqlite")
    assert main(["kb", "build", "--sources", str(sources), "--kb", path]) == 0
    assert LEFT_OUT in capsys.readouterr().out
    assert main(["kb", "stats", "--kb", path]) == 0
    assert ("  left out: peppercat-leaders-2025-01: CC BY-NC 4.0 (non-commercial); pass --allow-noncommercial"
            " to include it") in capsys.readouterr().out
    assert main(["kb", "build", "--sources", str(sources), "--kb", path, "--allow-noncommercial"]) == 0
    capsys.readouterr()
    assert main(["kb", "stats", "--kb", path]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("peppercat"))
    assert "2025-01-31" in line and line.endswith("CC BY-NC 4.0")
    assert main(["kb", "stats", "--kb", path, "--country", "de"]) == 0
    assert "DE:finance_minister" in capsys.readouterr().out
    # a rebuild by `kb update` keeps what the KB was built with
    dump = tmp_path / "politicians-20250220.json"
    shutil.copy(Path(__file__).parent / "fixtures" / "wikidata" / "politicians.json", dump)
    assert main(["kb", "update", "--dump", str(dump), "--kb", path]) == 0
    kb = KnowledgeBase.open(path)
    assert {"peppercat", "wikidata"} <= {s["id"] for s in kb.sources}
    kb.close()
