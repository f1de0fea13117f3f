"""`newscheck corpus ...`: add articles to the corpus, recheck them, look at stories, people, findings and
search results, and export. Each handler parses flags and calls `Corpus`; text views are plain lines.

Exit status: 0 done, 1 nothing found (an unknown story, person or article), 2 a user mistake or
nothing readable (one line on standard error, as the rest of newscheck has it).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from ..errors import UsageError

FORMATS = ("text", "json")


def register(subparsers) -> None:
    corpus = subparsers.add_parser("corpus", help="keep checked articles, group them into stories, find conflicts",
                                   description="Keep checked articles in a database, group them into stories and"
                                               " find where a story's articles disagree (story_conflict).")
    sub = corpus.add_subparsers(dest="corpus_command", metavar="COMMAND", required=True)

    def command(name, func, help, *, view=True):
        p = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        p.add_argument("--db", metavar="URL", help="sqlite:///PATH or postgresql://USER@HOST:PORT/DB"
                                                     " (default: $NEWSCHECK_DB, else corpus.sqlite in the user data dir)")
        p.add_argument("--kb", metavar="PATH", help="knowledge base to check with (default: built on first use)")
        if view:
            p.add_argument("--format", choices=FORMATS, default="text", help="text (default) or json, as the web app gets it")
        p.set_defaults(func=lambda args: _run(func, args))
        return p

    p = command("add", cmd_add, "check articles and store them, their claims and findings, grouped into stories",
                view=False)
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, JSONL or feeds, as `check` reads them")
    p.add_argument("--jobs", type=_count, metavar="N", help="worker processes for the check (default: as `check`)")
    command("recheck", cmd_recheck, "check every stored article again (after a KB update) and record what changed",
            view=False).add_argument("--jobs", type=_count, metavar="N", help="worker processes")
    p = command("stories", cmd_stories, "list stories, newest first")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only stories with an article on or after this day")
    p.add_argument("--with-conflicts", action="store_true", help="only stories with a story_conflict, each in full")
    _paging(p)
    command("story", cmd_story, "a story's timeline, claims and conflicts").add_argument("id", type=int)
    command("article", cmd_article, "a stored article with its findings and claims").add_argument("id")
    command("person", cmd_person, "a person's career in the KB, their mentions in the corpus and the findings"
                                  " about them").add_argument("name", nargs="+")
    p = command("findings", cmd_findings, "list findings, newest articles first")
    p.add_argument("--code", metavar="CODE", help="only this finding code (e.g. story_conflict)")
    _paging(p)
    p = command("search", cmd_search, "full-text search over titles and texts")
    p.add_argument("query", nargs="+")
    _paging(p)
    _paging(command("changes", cmd_changes, "what rechecks changed, newest first"))
    p = command("export", cmd_export, "export findings as ClaimReview JSON-LD or the articles as JSON Lines",
                view=False)
    p.add_argument("--format", choices=("claimreview", "jsonl"), required=True,
                   help="claimreview: one schema.org ClaimReview per error finding (a JSON array);"
                        " jsonl: one line per article with its story and findings")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")


def _paging(p) -> None:
    p.add_argument("--limit", type=_count, default=20, metavar="N", help="at most N items (default 20)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N")


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _say(line: str) -> None:
    print(f"newscheck: {line}", file=sys.stderr)


def _run(func, args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return func(args)
    except SQLAlchemyError as error:  # the server went away, a disk filled up: one line, no traceback
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise UsageError(f"corpus database error: {reason}") from None


def _open(args):
    from .store import open_corpus

    open_kb = None
    if getattr(args, "open_kb", None) is not None:  # tests pass a stub through newscheck.cli.main
        stub = args.open_kb

        def open_kb(path):
            return stub(path, log=_say)
    return open_corpus(args.db, kb_path=args.kb, open_kb=open_kb)


def _emit(args, data, render) -> None:
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        render(data)


# -- add and recheck -------------------------------------------------------------------------------------------

def cmd_add(args) -> int:
    corpus = _open(args)
    checker = None
    if getattr(args, "checker_factory", None) is not None:  # tests: a stand-in checker
        from ..pipeline import Options

        checker = args.checker_factory(corpus.kb, Options())
    result = corpus.add(args.paths, checker=checker, on_error=lambda source, message: _say(message), jobs=args.jobs)
    print(f"added {result['added']}, unchanged {result['unchanged']}, failed {result['failed']}"
          f" ({corpus.url})")
    for story_id in result["stories_touched"]:
        story = corpus.story(story_id)
        if story and story["n_conflicts"]:
            print(f"story {story_id} ({story['n_articles']} articles): {story['n_conflicts']} conflict(s);"
                  f" see `newscheck corpus story {story_id}`")
    if result["added"] == result["unchanged"] == 0:
        _say("nothing stored: no article could be read or checked")
        return 2
    return 0


def cmd_recheck(args) -> int:
    corpus = _open(args)
    result = corpus.recheck(on_error=lambda source, message: _say(message), jobs=args.jobs)
    print(f"rechecked {result['rechecked']} articles: {result['changed']} changed"
          f" ({result['findings_added']} findings added, {result['findings_removed']} removed),"
          f" {result['failed']} failed; see `newscheck corpus changes`")
    return 0


# -- views -------------------------------------------------------------------------------------------------------------

def cmd_stories(args) -> int:
    if args.since:
        _iso_date(args.since, "--since")
    corpus = _open(args)
    data = corpus.stories(args.offset, args.limit, args.since, with_conflicts=args.with_conflicts)
    if args.with_conflicts:
        data = {**data, "items": [corpus.story(s["id"]) for s in data["items"]]}

    def render(d):
        if not d["items"]:
            print("no stories" + (" with conflicts" if args.with_conflicts else ""))
        for s in d["items"]:
            if args.with_conflicts:
                _print_story(s)
                continue
            span = s["first_published"] if s["first_published"] == s["last_published"] else \
                f"{s['first_published']} .. {s['last_published']}"
            conflicts = f", {s['n_conflicts']} conflict(s)" if s["n_conflicts"] else ""
            print(f"{s['id']:>6}  {span}  {s['n_articles']} article(s){conflicts}  {s['title'] or ''}")
        print(f"({len(d['items'])} of {d['total']})")
    _emit(args, data, render)
    return 0


def cmd_story(args) -> int:
    story = _open(args).story(args.id)
    if story is None:
        _say(f"no story {args.id} in the corpus: see `newscheck corpus stories`")
        return 1
    _emit(args, story, _print_story)
    return 0


def _print_story(s: dict) -> None:
    print(f"story {s['id']}: {s['title'] or '(untitled)'}")
    print(f"  {s['first_published']} .. {s['last_published']}, {s['n_articles']} article(s)")
    if s["people"]:
        print(f"  people: {', '.join(s['people'])}")
    if s["places"]:
        print(f"  places: {', '.join(s['places'])}")
    print("  timeline:")
    for a in s["articles"]:
        print(f"    {a['published']}  {a['source'] or '-'}  {a['id']}" + (f": {a['title']}" if a["title"] else ""))
    for n, c in enumerate(s["conflicts"], start=1):
        print(f"  conflict {n} (story_conflict, {c['kind']}): {c['what']}")
        for side in c["sides"]:
            print(f"    {side['published']}  {side['source'] or '-'} ({side['article']}): \"{side['text']}\"")
            print(f"      {side['sentence']}")
        if c["majority"]:
            print(f"    majority: {c['majority']['value']} ({', '.join(c['majority']['sources'])})")
        e = c["earliest"]
        if e:
            print(f"    earliest: {e['source'] or e['article']} on {e['published']}: {e['value']}")
    print()


def cmd_article(args) -> int:
    article = _open(args).article(args.id)
    if article is None:
        _say(f"no article {args.id!r} in the corpus")
        return 1

    def render(a):
        print(f"{a['id']}: {a['title'] or '(untitled)'}")
        print(f"  {a['published']}  {a['source'] or '-'}  story {a['story']}")
        for f in a["findings"]:
            print(f"  {f['code']}  {f['severity']}  \"{f['span']}\"")
            print(f"    {f['message']}")
        for c in a["claims"]:
            print(f"  claim {c['kind']}: {c['subject']} = {c['value']}")
    _emit(args, article, render)
    return 0


def cmd_person(args) -> int:
    name = " ".join(args.name)
    person = _open(args).person(name)
    if person is None:
        _say(f"no one called {name!r} in the knowledge base or the corpus")
        return 1

    def render(p):
        print(p["name"])
        if p["kb"]:
            print("  in the knowledge base:")
            for t in p["kb"]:
                print(f"    {t['office']}  {t['start'] or '?'} .. {t['end'] or 'in office'}  ({t['source']})")
        print(f"  mentioned {len(p['mentions'])} time(s):")
        for m in p["mentions"]:
            titled = f" as \"{m['title_as_written']}\"" if m["title_as_written"] else ""
            print(f"    {m['published']}  {m['article']}{titled}: {m['sentence'][:160]}")
        if p["findings"]:
            print("  findings:")
            for f in p["findings"]:
                print(f"    {f['article']}  {f['code']}  {f['message']}")
    _emit(args, person, render)
    return 0


def cmd_findings(args) -> int:
    if args.code:
        from ..checks import CODES
        from .conflicts import CODES as CONFLICT_CODES

        known = list(CODES) + list(CONFLICT_CODES)
        if args.code not in known:
            raise UsageError(f"unknown finding code {args.code!r}: use one of {', '.join(known)}")
    data = _open(args).findings(args.offset, args.limit, args.code)

    def render(d):
        for f in d["items"]:
            print(f"{f['article']}  {f['code']}  {f['severity']}  \"{f['span']}\"\n    {f['message']}")
        print(f"({len(d['items'])} of {d['total']})")
    _emit(args, data, render)
    return 0


def cmd_search(args) -> int:
    data = _open(args).search(" ".join(args.query), args.offset, args.limit)

    def render(d):
        for r in d["items"]:
            print(f"{r['published']}  {r['id']}: {r['title'] or ''}\n    {r['snippet']}")
        print(f"({len(d['items'])} of {d['total']})")
    _emit(args, data, render)
    return 0


def cmd_changes(args) -> int:
    data = _open(args).changes(args.offset, args.limit)

    def render(d):
        for c in d["items"]:
            f = c["finding"]
            print(f"{c['checked_at']}  {c['article']}  {c['change']}  {f['code']}  \"{f['span']}\"")
        print(f"({len(d['items'])} of {d['total']})")
    _emit(args, data, render)
    return 0


def cmd_export(args) -> int:
    from .export import claim_reviews, jsonl_records

    corpus = _open(args)
    out = _output(args.output)
    try:
        if args.format == "jsonl":
            for record in jsonl_records(corpus):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(list(claim_reviews(corpus)), ensure_ascii=False, indent=2) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _output(path: str | None):
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}; check the folder exists and is writable") from None


def _iso_date(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"invalid {flag} {value!r}: use YYYY-MM-DD") from None
