"""The corpus store: checked articles, their claims and findings, stories and their conflicts, in SQLite
(default) or PostgreSQL through one SQLAlchemy Core code path; every method returns plain JSON-ready data.

Each article is stored in one transaction with its story assignment and its story's conflicts, so an
interrupted `add` leaves whole articles only and a rerun adds the rest. Checking is the batch engine's.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import UsageError
from ..model import Article, ArticleReport
from . import migrations
from .claims import claim_value
from .conflicts import CODE as CONFLICT, find_conflicts, findings_for
from .stories import WINDOW_DAYS, Member, StoryGrouper, features

LIST_FIELDS = "a.id, a.title, a.source, a.url, a.published, a.date_basis, a.story_id, a.n_findings, a.day"
MAX_LIMIT = 1000


def default_url() -> str:
    """$NEWSCHECK_DB, else an SQLite file in the user data dir (where the KB lives)."""
    env = os.environ.get("NEWSCHECK_DB")
    if env:
        return env
    import platformdirs

    return "sqlite:///" + str(Path(platformdirs.user_data_dir("newscheck")) / "corpus.sqlite")


def _engine_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite:///", "postgresql+psycopg://")):
        return url
    if "://" not in url:  # a plain file name
        return "sqlite:///" + url
    raise UsageError(f"unknown database URL {url!r}: use sqlite:///PATH or postgresql://USER@HOST:PORT/DB")


def open_corpus(url: str | None = None, *, kb_path: str | None = None, open_kb=None) -> "Corpus":
    """Open the store at `url` (None: default_url()), creating and migrating it as needed."""
    url = url or default_url()
    engine_url = _engine_url(url)
    if engine_url.startswith("sqlite:///"):
        path = Path(engine_url[len("sqlite:///"):])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot create the corpus at {path}: {error.strerror}") from None
        engine = create_engine(engine_url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            engine = create_engine(engine_url, pool_pre_ping=True)
        except ImportError:
            raise UsageError("PostgreSQL needs psycopg: pip install 'newscheck[postgres]'") from None
    try:
        migrations.migrate(engine)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error) else type(error).__name__
        raise UsageError(f"cannot open the corpus {_safe(url)}: {reason}") from None
    return Corpus(engine, url, kb_path=kb_path, open_kb=open_kb)


def _safe(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)  # no password in a message


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the web app) are not blocked by a running add
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def content_hash(text_: str) -> str:
    """SHA-256 of the text with Unicode and whitespace normalised: the same article copied twice is one."""
    normal = " ".join(unicodedata.normalize("NFC", text_).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _day(article: Article) -> str:
    if article.published:
        return article.published.isoformat()
    if article.published_window:
        return article.published_window[0].isoformat()
    return date.today().isoformat()


def _limit(limit: int) -> int:
    return max(0, min(int(limit), MAX_LIMIT))


class Corpus:
    """The store. Safe to share between threads: each call takes its own connection from the pool."""

    def __init__(self, engine, url: str, *, kb_path: str | None = None, open_kb=None):
        self.engine, self.url = engine, url
        self.dialect = engine.dialect.name
        self.kb_path, self._open_kb = kb_path, open_kb
        self._kb = None
        self._grouper: StoryGrouper | None = None
        self._members: dict[str, Member] = {}  # articles the grouper has seen, by id (a window's worth)
        self._lock = threading.RLock()  # one writer at a time within this process

    def close(self) -> None:
        self.engine.dispose()

    # -- the knowledge base, opened when first needed ------------------------------------------------------------
    @property
    def kb(self):
        if self._kb is None:
            if self._open_kb is not None:
                self._kb = self._open_kb(self.kb_path)
            else:
                self._kb = _open_kb_quietly(self.kb_path)
        return self._kb

    # -- adding ----------------------------------------------------------------------------------------------------
    def add(self, paths_or_articles, *, checker=None, on_error=None, jobs: int | None = 1) -> dict:
        """Read, check and store articles (paths, Articles, or a mix); an article already stored (same
        content hash) is left as it is. `on_error(source, message)` hears of each one that fails."""
        from ..batch import ArticleError, check_batch
        from .reading import checker_recipe

        counts = {"added": 0, "unchanged": 0, "failed": 0}
        touched: set[int] = set()
        if checker is not None:
            make_checker = (lambda: checker)
            jobs = 1
        else:
            make_checker = checker_recipe(self._opener(), self.kb_path)
        for result in check_batch(self._fresh(paths_or_articles, counts), make_checker, jobs=jobs):
            if isinstance(result, ArticleError):
                counts["failed"] += 1
                if on_error:
                    on_error(result.source or result.id, result.error)
                continue
            try:
                story, changed = self._store(result, checker)
            except Exception as error:  # noqa: BLE001 - one article that cannot be stored is its own error
                counts["failed"] += 1
                if on_error:
                    on_error(result.article.path or result.article.id,
                             f"cannot store {result.article.id}: {type(error).__name__}: {error}"[:500])
                continue
            counts["added" if changed else "unchanged"] += 1
            touched.add(story)
        return {**counts, "stories_touched": sorted(touched)}

    def _opener(self):
        """How a worker process opens the KB: a module-level function, so it pickles."""
        return self._open_kb if self._open_kb is not None else _open_kb_quietly

    def _fresh(self, paths_or_articles, counts: dict):
        """Articles and unreadable inputs, less the articles already stored."""
        from ..ingest import read_articles

        if isinstance(paths_or_articles, (str, Path, Article)):
            paths_or_articles = [paths_or_articles]
        seen: set[str] = set()
        for item in paths_or_articles:
            for got in (read_articles([str(item)]) if isinstance(item, (str, Path)) else [item]):
                if isinstance(got, Article):
                    digest = content_hash(got.text)
                    if digest in seen or self._has_hash(digest):
                        counts["unchanged"] += 1
                        continue
                    seen.add(digest)
                yield got

    def _has_hash(self, digest: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM articles WHERE content_hash = :h"), {"h": digest}).first() is not None

    def add_report(self, article: Article, article_report: ArticleReport, checker=None) -> dict:
        """Store an article checked elsewhere (the web app's "check and keep")."""
        if article_report.article is not article:
            article_report.article = article
        story, changed = self._store(article_report, checker)
        return {"added": int(changed), "unchanged": int(not changed), "failed": 0, "stories_touched": [story],
                "id": article.id}

    def _store(self, report: ArticleReport, checker=None) -> tuple[int, bool]:
        from .reading import claims_for

        article = report.article
        digest = content_hash(article.text)
        extracted = claims_for(report, checker, kb=None if checker is not None else self.kb)
        terms, names = features(article.title, article.text)
        day = _day(article)
        with self._lock:
            grouper = self._load_grouper()
            with self.engine.begin() as conn:
                same = conn.execute(text("SELECT story_id FROM articles WHERE content_hash = :h"), {"h": digest}).first()
                if same is not None:
                    return same.story_id, False
                row = conn.execute(text("SELECT story_id FROM articles WHERE id = :i"), {"i": article.id}).first()
                old_story = None
                if row is not None:  # the same id with a new text: the new version replaces the old
                    old_story = row.story_id
                    self._delete_article(conn, article.id)
                candidates = self._candidates(conn, day)
                # the grouper's counts take this article in only once the commit is through
                story, _ = grouper.best(terms, names, date.fromisoformat(day), candidates)
                if story is None:
                    story = self._new_story(conn, article, day)
                self._insert_article(conn, report, digest, day, story, terms, names, extracted)
                self._count_terms(conn, terms)
                self._refresh_story(conn, story)
                if old_story is not None and old_story != story:
                    self._refresh_story(conn, old_story)
            grouper.count(terms)
            self._members[article.id] = Member(article.id, story, date.fromisoformat(day), terms, frozenset(names))
        return story, True

    def _load_grouper(self) -> StoryGrouper:
        if self._grouper is None:
            grouper = StoryGrouper()
            with self.engine.connect() as conn:
                grouper.df.update({t: n for t, n in conn.execute(text("SELECT term, df FROM term_df"))})
                grouper.n_docs = conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0
            self._grouper = grouper
        return self._grouper

    def _candidates(self, conn, day: str) -> list[Member]:
        lo = (date.fromisoformat(day) - timedelta(days=WINDOW_DAYS)).isoformat()
        hi = (date.fromisoformat(day) + timedelta(days=WINDOW_DAYS)).isoformat()
        members = []
        for r in conn.execute(text("SELECT id, story_id, day, terms, names FROM articles WHERE day BETWEEN :lo AND :hi"),
                              {"lo": lo, "hi": hi}):
            m = self._members.get(r.id)
            if m is None or m.story != r.story_id:
                m = Member(r.id, r.story_id, date.fromisoformat(r.day), json.loads(r.terms), frozenset(json.loads(r.names)))
                self._members[r.id] = m
            members.append(m)
        return members

    def _count_terms(self, conn, terms: dict) -> None:
        rows = [{"t": t[:80]} for t in terms]
        conn.execute(text("INSERT INTO term_df (term, df) VALUES (:t, 1) ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1"),
                     rows)

    def _new_story(self, conn, article: Article, day: str) -> int:
        return conn.execute(text("INSERT INTO stories (title, first_published, last_published) VALUES (:t, :d, :d)"
                                 " RETURNING id"), {"t": article.title, "d": day}).scalar()

    def _insert_article(self, conn, report, digest, day, story, terms, names, extracted) -> None:
        a = report.article
        window = json.dumps({"from": a.published_window[0].isoformat(), "to": a.published_window[1].isoformat()}) \
            if a.published_window else None
        now = _now()
        conn.execute(text(
            "INSERT INTO articles (id, content_hash, title, source, url, published, published_from, published_window,"
            " date_basis, day, text, notes, story_id, terms, names, n_findings, added_at, checked_at, kb_as_of)"
            " VALUES (:id, :h, :title, :source, :url, :published, :pf, :pw, :basis, :day, :text, :notes, :story,"
            " :terms, :names, :n, :now, :now, :kb)"),
            {"id": a.id, "h": digest, "title": a.title, "source": a.source, "url": a.url,
             "published": a.published.isoformat() if a.published else None, "pf": a.published_from, "pw": window,
             "basis": a.date_basis, "day": day, "text": a.text, "notes": json.dumps(report.notes, ensure_ascii=False),
             "story": story, "terms": json.dumps(terms), "names": json.dumps(names, ensure_ascii=False),
             "n": len(report.findings), "now": now, "kb": self._kb_as_of()})
        self._insert_findings(conn, a.id, report.findings)
        self._insert_claims(conn, a.id, extracted)
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO article_fts (article_id, title, text) VALUES (:i, :t, :x)"),
                         {"i": a.id, "t": a.title or "", "x": a.text})

    def _kb_as_of(self) -> str | None:
        return getattr(self._kb, "as_of", None)

    def _insert_findings(self, conn, article_id: str, findings, story: int | None = None) -> None:
        rows = [{"a": article_id, "s": story, "c": f.code, "v": f.severity, "at": f.start,
                 "d": json.dumps(asdict(f), ensure_ascii=False)} for f in findings]
        if rows:
            conn.execute(text("INSERT INTO findings (article_id, story_id, code, severity, start_at, data)"
                              " VALUES (:a, :s, :c, :v, :at, :d)"), rows)

    def _insert_claims(self, conn, article_id: str, extracted: dict) -> None:
        claims = [{"a": article_id, "k": c["kind"], "s": c["subject"], "v": claim_value(c), "st": c["start"],
                   "e": c["end"], "d": json.dumps(c, ensure_ascii=False)} for c in extracted["claims"]]
        if claims:
            conn.execute(text("INSERT INTO claims (article_id, kind, subject, value, start_at, end_at, data)"
                              " VALUES (:a, :k, :s, :v, :st, :e, :d)"), claims)
        mentions = [{"a": article_id, "p": m["person_key"], "n": m["name"], "t": m["title_as_written"],
                     "st": m["start"], "e": m["end"], "s": m["sentence"]} for m in extracted["mentions"]]
        if mentions:
            conn.execute(text("INSERT INTO mentions (article_id, person_key, name, title_as_written, start_at, end_at,"
                              " sentence) VALUES (:a, :p, :n, :t, :st, :e, :s)"), mentions)
        conn.execute(text("UPDATE articles SET places = :p WHERE id = :i"),
                     {"p": json.dumps(extracted.get("places") or [], ensure_ascii=False), "i": article_id})

    def _delete_article(self, conn, article_id: str) -> None:
        for table in ("findings", "claims", "mentions"):
            conn.execute(text(f"DELETE FROM {table} WHERE article_id = :i"), {"i": article_id})
        if self.dialect == "sqlite":
            conn.execute(text("DELETE FROM article_fts WHERE article_id = :i"), {"i": article_id})
        conn.execute(text("DELETE FROM articles WHERE id = :i"), {"i": article_id})
        self._members.pop(article_id, None)

    def _refresh_story(self, conn, story: int) -> None:
        """A story's summary and its conflicts, from its articles as they now are."""
        rows = conn.execute(text("SELECT id, title, source, day, text, places FROM articles WHERE story_id = :s"
                                 " ORDER BY day, id"), {"s": story}).all()
        conn.execute(text("DELETE FROM findings WHERE story_id = :s AND code = :c"), {"s": story, "c": CONFLICT})
        conn.execute(text("DELETE FROM conflicts WHERE story_id = :s"), {"s": story})
        if not rows:
            conn.execute(text("DELETE FROM stories WHERE id = :s"), {"s": story})
            return
        ids = [r.id for r in rows]
        people = Counter()  # by the number of the story's articles that name them
        for _, name in conn.execute(text("SELECT DISTINCT m.article_id, m.name FROM mentions m JOIN articles a"
                                         " ON a.id = m.article_id WHERE a.story_id = :s"), {"s": story}):
            people[name] += 1
        places = Counter(p for r in rows for p in set(json.loads(r.places)))
        n_conflicts = 0
        if len(rows) > 1:
            claims: dict[str, list] = {i: [] for i in ids}
            for article_id, data in conn.execute(text("SELECT c.article_id, c.data FROM claims c JOIN articles a"
                                                      " ON a.id = c.article_id WHERE a.story_id = :s ORDER BY c.id"),
                                                 {"s": story}):
                claims[article_id].append(json.loads(data))
            articles = [{"id": r.id, "title": r.title, "source": r.source, "published": r.day, "text": r.text,
                         "claims": claims[r.id]} for r in rows]
            for conflict in find_conflicts(articles):
                conn.execute(text("INSERT INTO conflicts (story_id, kind, subject, data) VALUES (:s, :k, :j, :d)"),
                             {"s": story, "k": conflict.kind, "j": conflict.subject[:500],
                              "d": json.dumps(conflict.to_dict(), ensure_ascii=False)})
                n_conflicts += 1
                for article_id, finding in findings_for(conflict):
                    self._insert_findings(conn, article_id, [finding], story)
        conn.execute(text("UPDATE articles SET n_findings = (SELECT count(*) FROM findings f WHERE f.article_id ="
                          " articles.id) WHERE story_id = :s"), {"s": story})
        conn.execute(text("UPDATE stories SET title = :t, first_published = :f, last_published = :l, n_articles = :n,"
                          " n_conflicts = :c, people = :p, places = :pl WHERE id = :s"),
                     {"t": next((r.title for r in rows if r.title), None) or _lead(rows[0].text), "f": rows[0].day, "l": rows[-1].day,
                      "n": len(rows), "c": n_conflicts, "p": json.dumps(_top(people), ensure_ascii=False),
                      "pl": json.dumps(_top(places), ensure_ascii=False), "s": story})

    # -- rechecking ---------------------------------------------------------------------------------------------------
    def recheck(self, *, checker=None, on_error=None, jobs: int | None = 1) -> dict:
        """Check every stored article again (after a KB update) and record the findings that appeared or
        went away; story conflicts are worked out again for the stories whose claims changed."""
        from ..batch import ArticleError, check_batch
        from .reading import checker_recipe, claims_for

        make_checker = (lambda: checker) if checker is not None else checker_recipe(self._opener(), self.kb_path)
        counts = {"rechecked": 0, "changed": 0, "failed": 0, "findings_added": 0, "findings_removed": 0}
        touched: set[int] = set()
        for result in check_batch(self._stored_articles(), make_checker, jobs=1 if checker is not None else jobs):
            if isinstance(result, ArticleError):
                counts["failed"] += 1
                if on_error:
                    on_error(result.source or result.id, result.error)
                continue
            counts["rechecked"] += 1
            extracted = claims_for(result, checker, kb=None if checker is not None else self.kb)
            article_id = result.article.id
            new = {_finding_key(asdict(f)): asdict(f) for f in result.findings}
            with self._lock, self.engine.begin() as conn:
                story = conn.execute(text("SELECT story_id FROM articles WHERE id = :i"), {"i": article_id}).scalar()
                old = {_finding_key(d): d for d in (json.loads(x) for x, in conn.execute(
                    text("SELECT data FROM findings WHERE article_id = :i AND code <> :c"),
                    {"i": article_id, "c": CONFLICT}))}
                added = [new[k] for k in new.keys() - old.keys()]
                removed = [old[k] for k in old.keys() - new.keys()]
                now = _now()
                changes = [{"a": article_id, "t": now, "ch": "added", "c": d["code"], "d": json.dumps(d, ensure_ascii=False)}
                           for d in added] + \
                          [{"a": article_id, "t": now, "ch": "removed", "c": d["code"], "d": json.dumps(d, ensure_ascii=False)}
                           for d in removed]
                if changes:
                    conn.execute(text("INSERT INTO finding_changes (article_id, checked_at, change, code, data)"
                                      " VALUES (:a, :t, :ch, :c, :d)"), changes)
                old_claims = sorted(x for x, in conn.execute(text("SELECT data FROM claims WHERE article_id = :i"),
                                                             {"i": article_id}))
                conn.execute(text("DELETE FROM findings WHERE article_id = :i AND code <> :c"),
                             {"i": article_id, "c": CONFLICT})
                conn.execute(text("DELETE FROM claims WHERE article_id = :i"), {"i": article_id})
                conn.execute(text("DELETE FROM mentions WHERE article_id = :i"), {"i": article_id})
                self._insert_findings(conn, article_id, result.findings)
                self._insert_claims(conn, article_id, extracted)
                conn.execute(text("UPDATE articles SET checked_at = :t, kb_as_of = :k, notes = :n WHERE id = :i"),
                             {"t": now, "k": self._kb_as_of(), "n": json.dumps(result.notes, ensure_ascii=False),
                              "i": article_id})
                new_claims = sorted(x for x, in conn.execute(text("SELECT data FROM claims WHERE article_id = :i"),
                                                             {"i": article_id}))
                if new_claims != old_claims:
                    touched.add(story)
                else:
                    conn.execute(text("UPDATE articles SET n_findings = (SELECT count(*) FROM findings f WHERE"
                                      " f.article_id = articles.id) WHERE id = :i"), {"i": article_id})
            counts["changed"] += bool(changes)
            counts["findings_added"] += len(added)
            counts["findings_removed"] += len(removed)
        for story in sorted(touched):
            with self._lock, self.engine.begin() as conn:
                self._refresh_story(conn, story)
        return counts

    def _stored_articles(self):
        """The stored articles as the checker takes them: a date the article stated is kept, a date the
        pipeline inferred is inferred again (the KB may have changed)."""
        with self.engine.connect() as conn:
            ids = [i for i, in conn.execute(text("SELECT id FROM articles ORDER BY day, id"))]
        for article_id in ids:
            with self.engine.connect() as conn:
                r = conn.execute(text("SELECT id, title, source, url, published, published_from, text FROM articles"
                                      " WHERE id = :i"), {"i": article_id}).first()
            if r is None:
                continue
            stated = r.published_from in ("metadata", "html", "option")
            yield Article(id=r.id, text=r.text, title=r.title, source=r.source, url=r.url,
                          published=date.fromisoformat(r.published) if stated and r.published else None,
                          published_from=r.published_from if stated else None)

    def changes(self, offset: int = 0, limit: int = 50) -> dict:
        """What rechecks changed, newest first."""
        with self.engine.connect() as conn:
            total, rows = _page(conn, "FROM finding_changes", "SELECT article_id, checked_at, change, data",
                                "ORDER BY id DESC", {}, offset, limit)
        return {"total": total, "items": [{"article": r.article_id, "checked_at": r.checked_at, "change": r.change,
                                           "finding": json.loads(r.data)} for r in rows]}

    # -- views (JSON-ready, for the CLI and the web app) ---------------------------------------------------------------
    @staticmethod
    def _list_item(r) -> dict:
        return {"id": r.id, "title": r.title, "source": r.source, "url": r.url, "published": r.published or r.day,
                "date_basis": r.date_basis, "story": r.story_id, "n_findings": r.n_findings}

    def articles(self, offset: int = 0, limit: int = 50, story: int | None = None) -> dict:
        where, args = ("WHERE a.story_id = :s", {"s": story}) if story is not None else ("", {})
        with self.engine.connect() as conn:
            total, rows = _page(conn, f"FROM articles a {where}", f"SELECT {LIST_FIELDS}", "ORDER BY a.day DESC, a.id",
                                args, offset, limit)
        return {"total": total, "items": [self._list_item(r) for r in rows]}

    def article(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            r = conn.execute(text(f"SELECT {LIST_FIELDS}, a.text FROM articles a WHERE a.id = :i"),
                             {"i": article_id}).first()
            if r is None:
                return None
            findings = [json.loads(d) for d, in conn.execute(
                text("SELECT data FROM findings WHERE article_id = :i ORDER BY start_at, id"), {"i": article_id})]
            claims = [_public_claim(json.loads(d)) for d, in conn.execute(
                text("SELECT data FROM claims WHERE article_id = :i ORDER BY start_at, id"), {"i": article_id})]
        return {**self._list_item(r), "text": r.text, "findings": findings, "claims": claims}

    @staticmethod
    def _story_item(r) -> dict:
        return {"id": r.id, "title": r.title, "first_published": r.first_published, "last_published": r.last_published,
                "n_articles": r.n_articles, "n_conflicts": r.n_conflicts, "people": json.loads(r.people),
                "places": json.loads(r.places)}

    def stories(self, offset: int = 0, limit: int = 50, since: str | None = None, *,
                with_conflicts: bool = False) -> dict:
        """Stories, newest first; `since` (ISO date): those with an article on or after it."""
        clauses, args = [], {}
        if since:
            clauses.append("last_published >= :since")
            args["since"] = str(since)
        if with_conflicts:
            clauses.append("n_conflicts > 0")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.engine.connect() as conn:
            total, rows = _page(conn, f"FROM stories {where}", "SELECT *", "ORDER BY last_published DESC, id DESC",
                                args, offset, limit)
        return {"total": total, "items": [self._story_item(r) for r in rows]}

    def story(self, story_id: int) -> dict | None:
        with self.engine.connect() as conn:
            r = conn.execute(text("SELECT * FROM stories WHERE id = :s"), {"s": int(story_id)}).first()
            if r is None:
                return None
            timeline = [{"id": a.id, "title": a.title, "source": a.source, "published": a.published or a.day}
                        for a in conn.execute(text("SELECT id, title, source, published, day FROM articles"
                                                   " WHERE story_id = :s ORDER BY day, id"), {"s": r.id})]
            claims = [{**_public_claim(json.loads(d)), "article": a} for a, d in conn.execute(
                text("SELECT c.article_id, c.data FROM claims c JOIN articles a ON a.id = c.article_id"
                     " WHERE a.story_id = :s ORDER BY a.day, a.id, c.start_at"), {"s": r.id})]
            conflicts = [{"id": i, "code": CONFLICT, **json.loads(d)} for i, d in conn.execute(
                text("SELECT id, data FROM conflicts WHERE story_id = :s ORDER BY id"), {"s": r.id})]
        return {**self._story_item(r), "articles": timeline, "claims": claims, "conflicts": conflicts}

    def person(self, name: str) -> dict | None:
        """The KB's career of a person, the corpus' mentions of them and the findings about them."""
        from ..names import norm
        from ..checks.evidence import office_label

        kb = self.kb
        people = kb.find_person(name) or (kb.find_by_surname(name) if len(name.split()) == 1 else [])
        keys = [p.key for p in people] + ["name:" + norm(name)]
        career = [{"person": p.name, "office": office_label(t.office, kb), "country": t.office.jurisdiction,
                   "start": t.start, "end": t.end, "acting": t.acting, "source": t.source_name or t.source}
                  for p in people for t in kb.tenures(p)]
        marks = ", ".join(f":k{n}" for n in range(len(keys)))
        args = {f"k{n}": k for n, k in enumerate(keys)}
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT m.article_id, a.title, a.published, a.day, m.title_as_written, m.sentence, m.start_at, m.end_at,"
                f" m.name FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.person_key IN ({marks})"
                " ORDER BY a.day, m.article_id, m.start_at"), args).all()
            spans: dict[str, list] = {}
            for r in rows:
                spans.setdefault(r.article_id, []).append((r.start_at, r.end_at))
            findings = []
            for article_id, marks_ in spans.items():
                for d, in conn.execute(text("SELECT data FROM findings WHERE article_id = :i ORDER BY start_at"),
                                       {"i": article_id}):
                    f = json.loads(d)
                    if any(f["start"] < e and s < f["end"] for s, e in marks_):
                        findings.append({**f, "article": article_id})
        if not people and not rows:
            return None
        mentions = [{"article": r.article_id, "title": r.title, "published": r.published or r.day,
                     "title_as_written": r.title_as_written, "sentence": r.sentence} for r in rows]
        shown = people[0].name if people else (rows[0].name if rows else name)
        return {"name": shown, "kb": career, "mentions": mentions, "findings": findings}

    def findings(self, offset: int = 0, limit: int = 50, code: str | None = None) -> dict:
        where, args = ("WHERE f.code = :c", {"c": code}) if code else ("", {})
        with self.engine.connect() as conn:
            total, rows = _page(conn, f"FROM findings f JOIN articles a ON a.id = f.article_id {where}",
                                "SELECT f.article_id, f.data", "ORDER BY a.day DESC, f.article_id, f.start_at",
                                args, offset, limit)
        return {"total": total, "items": [{**json.loads(r.data), "article": r.article_id} for r in rows]}

    def search(self, q: str, offset: int = 0, limit: int = 50) -> dict:
        """Full-text search over titles and texts: FTS5 on SQLite, tsvector on PostgreSQL; every word must occur."""
        words = re.findall(r"\w+", q or "")
        if not words:
            return {"total": 0, "items": []}
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                match = " ".join(f'"{w}"' for w in words)  # quoted: the user's words, never FTS5 syntax
                total, rows = _page(
                    conn, "FROM article_fts f JOIN articles a ON a.id = f.article_id WHERE article_fts MATCH :q",
                    "SELECT f.article_id AS id, a.title, a.published, a.day,"
                    " snippet(article_fts, 2, '[', ']', '...', 16) AS snippet", "ORDER BY f.rank",
                    {"q": match}, offset, limit)
            else:
                total, rows = _page(
                    conn, "FROM articles WHERE tsv @@ to_tsquery('english', :q)",
                    "SELECT id, title, published, day, ts_headline('english', text, to_tsquery('english', :q),"
                    " 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet",
                    "ORDER BY ts_rank(tsv, to_tsquery('english', :q)) DESC, id", {"q": " & ".join(words)}, offset, limit)
        return {"total": total, "items": [{"id": r.id, "title": r.title, "published": r.published or r.day,
                                           "snippet": " ".join(r.snippet.split())} for r in rows]}

    # -- export ----------------------------------------------------------------------------------------------------------
    def export_articles(self):
        """Each article as one JSONL record: id, title, published, story, findings (story conflicts included)."""
        with self.engine.connect() as conn:
            ids = [i for i, in conn.execute(text("SELECT id FROM articles ORDER BY day, id"))]
        for chunk in range(0, len(ids), 200):
            part = ids[chunk:chunk + 200]
            marks = ", ".join(f":i{n}" for n in range(len(part)))
            args = {f"i{n}": i for n, i in enumerate(part)}
            with self.engine.connect() as conn:
                rows = {r.id: r for r in conn.execute(text(
                    f"SELECT id, title, published, day, source, url, story_id FROM articles WHERE id IN ({marks})"), args)}
                found: dict[str, list] = {i: [] for i in part}
                for article_id, d in conn.execute(text(f"SELECT article_id, data FROM findings WHERE article_id IN"
                                                       f" ({marks}) ORDER BY start_at, id"), args):
                    found[article_id].append(json.loads(d))
            for i in part:
                r = rows[i]
                yield {"id": r.id, "title": r.title, "published": r.published, "source": r.source, "url": r.url,
                       "story": r.story_id, "findings": found[i]}

    def kb_sources(self) -> list[dict]:
        return list(getattr(self.kb, "sources", None) or [])


def _page(conn, source: str, columns: str, order: str, args: dict, offset: int, limit: int) -> tuple[int, list]:
    """(how many rows `source` has, one page of them): `source` is the FROM ... WHERE part of both queries."""
    total = conn.execute(text(f"SELECT count(*) {source}"), args).scalar()
    rows = conn.execute(text(f"{columns} {source} {order} LIMIT :l OFFSET :o"),
                        {**args, "l": _limit(limit), "o": offset}).all()
    return total, rows


def _top(counts: Counter, n: int = 10) -> list[str]:
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _lead(text_: str, limit: int = 90) -> str:
    """An untitled story's title: the start of its first article, without a dateline."""
    line = text_.strip().split("\n", 1)[0]
    line = re.sub(r"^[A-Z][A-Z .,'-]+(?:,[^-—–]{0,40})?\s[-—–]+\s", "", line)  # "KANO, Nigeria, June 17, 2018 - "
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "..."


def _public_claim(c: dict) -> dict:
    """A claim as the API shows it: what, its value, where, and the kind's own details."""
    hidden = {"held_roles", "exclusive", "sentence"}
    return {**{k: v for k, v in c.items() if k not in hidden}, "value": claim_value(c)}


def _finding_key(d: dict) -> tuple:
    return (d["code"], d["start"], d["end"], d["message"])


def _open_kb_quietly(path):
    from ..kb import open_or_build

    return open_or_build(path, log=_silent)


def _silent(*_args) -> None:
    pass
