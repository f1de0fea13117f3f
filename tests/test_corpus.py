"""The corpus store, on SQLite and on the PostgreSQL server alike: adding is idempotent and atomic per
article, the examples' two reports of one attack make a story with a conflict, the views are
JSON-ready, bad input is one error each, a recheck records what changed."""
from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from pathlib import Path

import pytest

from newscheck.model import Finding

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
PG_SERVER = "postgresql://{user}@127.0.0.1:5432/{db}"


def _pg_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("NEWSCHECK_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_url():
    """A fresh database on the local PostgreSQL server for this session, dropped after it."""
    try:
        import psycopg
    except ImportError:
        reason = "psycopg is not installed (pip install 'newscheck[postgres]')"
        pytest.fail(reason) if _pg_required() else pytest.skip(reason)
    admin, problems = None, []
    for user in ("postgres", os.environ.get("USER") or "root"):
        try:
            admin = psycopg.connect(PG_SERVER.format(user=user, db="postgres"), autocommit=True, connect_timeout=3)
            break
        except psycopg.OperationalError as error:
            problems.append(str(error).strip().splitlines()[0])
    if admin is None:
        reason = f"no PostgreSQL server at 127.0.0.1:5432 ({'; '.join(problems)})"
        if _pg_required():
            pytest.fail(reason + ": NEWSCHECK_REQUIRE_PG=1 (make test) or CI is set, so this is a failure")
        pytest.skip(reason)
    name = f"newscheck_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    user = admin.info.user
    try:
        yield PG_SERVER.format(user=user, db=name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def corpus_checker(kb):
    from newscheck.corpus.reading import CorpusChecker

    return CorpusChecker(kb)


@pytest.fixture(params=["sqlite", "postgresql"])
def corpus(request, tmp_path, kb):
    from newscheck.corpus import open_corpus

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'corpus.sqlite'}"
    else:
        url = request.getfixturevalue("pg_url")
        _empty_pg(url)
    store = open_corpus(url, open_kb=lambda path: kb)
    yield store
    store.close()


def _empty_pg(url: str) -> None:
    """Each test starts from an empty store: drop what an earlier test left in the session's database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _examples(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_adding_twice_stores_once_and_the_two_attack_reports_make_one_story_with_a_conflict(corpus, corpus_checker,
                                                                                             tmp_path):
    folder = _examples(tmp_path)
    first = corpus.add([str(folder)], checker=corpus_checker)
    assert (first["added"], first["unchanged"], first["failed"]) == (5, 0, 0)
    again = corpus.add([str(folder)], checker=corpus_checker)
    assert (again["added"], again["unchanged"], again["failed"]) == (0, 5, 0)
    assert corpus.articles()["total"] == 5

    stories = corpus.stories()["items"]
    assert sorted(s["n_articles"] for s in stories) == [1, 1, 1, 2]
    attack = next(s for s in stories if s["n_articles"] == 2)
    assert attack["n_conflicts"] == 1
    story = corpus.story(attack["id"])
    assert [a["id"] for a in story["articles"]] == ["damboa-attack-afp", "damboa-attack-wire"]
    conflict, = story["conflicts"]
    assert conflict["code"] == "story_conflict" and conflict["kind"] == "number"
    sides = {s["article"]: s for s in conflict["sides"]}
    assert sides["damboa-attack-afp"]["text"] == "killed 31 people"
    assert sides["damboa-attack-wire"]["text"] == "killed 13 people"
    for side in sides.values():  # every side cites its article, sentence, day and offsets into its text
        text = corpus.article(side["article"])["text"]
        assert text[side["start"]:side["end"]] == side["text"]
        assert side["text"] in side["sentence"] and side["published"] == "2018-06-17"


def test_views_are_plain_json_and_findings_keep_the_check_schema(corpus, corpus_checker, tmp_path):
    import jsonschema
    from newscheck.report.json import load_schema

    corpus.add([str(_examples(tmp_path))], checker=corpus_checker)
    schema = load_schema()
    finding_schema = {"$ref": "#/$defs/finding", "$defs": schema["$defs"]}
    article = corpus.article("kyiv-talks")
    assert {f["code"] for f in article["findings"]} == {"office_holder", "date_arithmetic"}
    assert any(c["kind"] == "office" and c["subject"] for c in article["claims"])
    conflicts = corpus.findings(code="story_conflict")
    assert conflicts["total"] == 2 and {f["article"] for f in conflicts["items"]} == {"damboa-attack-afp",
                                                                                       "damboa-attack-wire"}
    for f in article["findings"] + [dict(f) for f in conflicts["items"]]:
        f.pop("article", None)
        jsonschema.validate(f, finding_schema)
    person = corpus.person("Umerov")
    assert person["name"] == "Rustem Umerov"
    assert any(row["office"].startswith("Minister of Defence") for row in person["kb"])
    assert [m["article"] for m in person["mentions"]] == ["kyiv-talks"]
    assert person["mentions"][0]["title_as_written"] == "Defence Minister"
    assert [f["code"] for f in person["findings"]] == ["office_holder"]
    hits = corpus.search("rocket grenades")
    assert hits["total"] == 2 and all("rocket" in h["snippet"].lower() for h in hits["items"])
    assert corpus.search("") == {"total": 0, "items": []}
    assert corpus.search('"unbalanced AND (') == {"total": 0, "items": []}  # no FTS syntax error reaches the user
    assert corpus.articles(limit=2)["total"] == 5 and len(corpus.articles(limit=2)["items"]) == 2
    assert corpus.stories(since="2025-01-01")["total"] == 3
    assert corpus.story(99999) is None and corpus.article("nope") is None and corpus.person("Nobody Atall") is None
    for view in (corpus.articles(), corpus.stories(), corpus.story(1), article, person, conflicts, hits):
        json.dumps(view)  # ready for a REST API as it is


def test_the_store_answers_from_another_thread(corpus, corpus_checker, tmp_path):
    corpus.add([str(EXAMPLES / "kyiv-talks.txt")], checker=corpus_checker)
    answers = []
    worker = threading.Thread(target=lambda: answers.append(corpus.articles()["total"]))
    worker.start()
    worker.join()
    assert answers == [1]


def test_export_jsonl_and_claimreview(corpus, corpus_checker, tmp_path):
    from newscheck.corpus.export import claim_reviews, jsonl_records

    corpus.add([str(_examples(tmp_path))], checker=corpus_checker)
    records = {r["id"]: r for r in jsonl_records(corpus)}
    assert set(records) == {"berlin-summit", "kyiv-talks", "london-budget", "damboa-attack-afp", "damboa-attack-wire"}
    assert records["damboa-attack-afp"]["story"] == records["damboa-attack-wire"]["story"]
    assert [f["code"] for f in records["damboa-attack-wire"]["findings"]] == ["story_conflict"]
    reviews = list(claim_reviews(corpus))
    errors = sum(f["severity"] == "error" for r in records.values() for f in r["findings"])
    assert len(reviews) == errors > 0
    umerov = next(r for r in reviews if r["claimReviewed"] == "Defence Minister Rustem Umerov")
    assert umerov["@type"] == "ClaimReview" and umerov["reviewRating"]["alternateName"] == "False"
    assert umerov["itemReviewed"]["appearance"]["headline"] == "kyiv-talks"
    assert umerov["citation"] and all(c["text"] for c in umerov["citation"])


class _FailsOn:
    """A checker that raises on one article, as a crashing check would; the others are checked for real."""

    def __init__(self, checker, bad_id):
        self.checker, self.bad_id, self.nlp = checker, bad_id, checker.nlp

    def check_many(self, articles):
        for article in articles:
            if article.id == self.bad_id:
                raise ValueError("the parser fell over")
            yield from self.checker.check_many([article])


def test_a_corrupt_and_a_crashing_article_are_one_error_each_and_the_rest_are_stored(corpus, corpus_checker, tmp_path):
    folder = _examples(tmp_path)
    (folder / "photo.txt").write_bytes(b"\x89PNG\x00\x00binary")
    errors = []
    result = corpus.add([str(folder)], checker=_FailsOn(corpus_checker, "london-budget"),
                        on_error=lambda source, message: errors.append((source, message)))
    assert (result["added"], result["failed"]) == (4, 2)
    assert len(errors) == 2 and all("\n" not in m for _, m in errors)
    assert any("photo.txt" in m and "binary file" in m for _, m in errors)
    assert any("london-budget" in m and "the parser fell over" in m for _, m in errors)
    assert corpus.article("london-budget") is None and corpus.article("kyiv-talks") is not None


def test_an_interrupted_add_leaves_whole_articles_only_and_a_rerun_completes_it(corpus, corpus_checker, tmp_path,
                                                                               monkeypatch):
    from newscheck.corpus.store import Corpus

    folder = _examples(tmp_path)
    refresh = Corpus._refresh_story
    calls = []

    def interrupted(self, conn, story):
        calls.append(story)
        if len(calls) == 3:  # Ctrl-C in the middle of the third article's transaction
            raise KeyboardInterrupt
        return refresh(self, conn, story)

    monkeypatch.setattr(Corpus, "_refresh_story", interrupted)
    with pytest.raises(KeyboardInterrupt):
        corpus.add([str(folder)], checker=corpus_checker)
    monkeypatch.setattr(Corpus, "_refresh_story", refresh)
    _assert_consistent(corpus, articles=2)
    result = corpus.add([str(folder)], checker=corpus_checker)
    assert (result["added"], result["unchanged"]) == (3, 2)
    _assert_consistent(corpus, articles=5)
    assert corpus.findings(code="story_conflict")["total"] == 2


def _assert_consistent(corpus, articles: int) -> None:
    from sqlalchemy import text

    with corpus.engine.connect() as conn:
        def count(sql):
            return conn.execute(text(sql)).scalar()
        assert count("SELECT count(*) FROM articles") == articles
        assert count("SELECT count(*) FROM articles WHERE story_id IS NULL") == 0
        assert count("SELECT coalesce(sum(n_articles), 0) FROM stories") == articles
        assert count("SELECT count(*) FROM findings f LEFT JOIN articles a ON a.id = f.article_id"
                     " WHERE a.id IS NULL") == 0
        assert count("SELECT count(*) FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE a.id IS NULL") == 0
        assert count("SELECT coalesce(sum(n_findings), 0) FROM articles") == count("SELECT count(*) FROM findings")
        if corpus.dialect == "sqlite":
            assert count("SELECT count(*) FROM article_fts") == articles


def test_recheck_records_the_findings_that_appear_and_go(corpus, corpus_checker, tmp_path):
    from sqlalchemy import text

    corpus.add([str(EXAMPLES / "kyiv-talks.txt")], checker=corpus_checker)
    stale = Finding("office_holder", "Sergei Lavrov", 0, 13, "a finding an older KB gave", severity="error")
    with corpus.engine.begin() as conn:  # as if the KB had changed since: one finding gone, one that is no more
        conn.execute(text("DELETE FROM findings WHERE code = 'date_arithmetic'"))
        corpus._insert_findings(conn, "kyiv-talks", [stale])
    result = corpus.recheck(checker=corpus_checker)
    assert result == {"rechecked": 1, "changed": 1, "failed": 0, "findings_added": 1, "findings_removed": 1}
    changes = {c["change"]: c["finding"]["code"] for c in corpus.changes()["items"]}
    assert changes == {"added": "date_arithmetic", "removed": "office_holder"}
    assert {f["code"] for f in corpus.article("kyiv-talks")["findings"]} == {"office_holder", "date_arithmetic"}
    assert corpus.recheck(checker=corpus_checker)["changed"] == 0


def test_schema_version_is_recorded_and_reopening_does_not_migrate_again(corpus):
    from sqlalchemy import text

    from newscheck.corpus import open_corpus
    from newscheck.corpus.migrations import LATEST, migrate

    with corpus.engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_version")).scalar() == LATEST
    assert migrate(corpus.engine) == LATEST
    again = open_corpus(corpus.url)
    assert again.articles()["total"] == 0
    again.close()


def test_cli_add_and_story_and_bad_database_urls(tmp_path, kb, capsys):
    from newscheck.cli import main

    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    folder = _examples(tmp_path)
    assert main(["corpus", "add", str(folder), "--db", db, "--jobs", "1"], open_kb=lambda path, log: kb) == 0
    out = capsys.readouterr().out
    assert "added 5, unchanged 0, failed 0" in out and "1 conflict(s)" in out
    assert main(["corpus", "stories", "--db", db, "--with-conflicts"], open_kb=lambda path, log: kb) == 0
    out = capsys.readouterr().out
    assert '"killed 31 people"' in out and '"killed 13 people"' in out
    assert main(["corpus", "story", "424242", "--db", db]) == 1
    assert main(["corpus", "add", str(folder), "--db", "mysql://x/y"]) == 2
    assert "unknown database URL 'mysql://x/y'" in capsys.readouterr().err
    assert main(["corpus", "stories", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newscheck: cannot open the corpus postgresql://nobody@127.0.0.1:1/none:") and "\n" not in err
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["corpus", "add", str(empty), "--db", db]) == 2
    assert "empty file" in capsys.readouterr().err
