"""What the templates show, shaped from report and corpus dicts: the text cut into plain runs and
marked findings, each finding's lines, the people to link to, and listing pagers.

No HTML is built here: the templates escape every string they are given.
"""
from __future__ import annotations

# severity by a word and a symbol as well as by colour
SEVERITY_ICON = {"error": "✖", "warning": "⚠", "info": "ℹ"}
PERSON_CODES = {"office_holder", "name_spelling", "internal_inconsistency"}  # codes whose suggestion is a name


def article_view(article: dict, text: str, kb) -> dict:
    """An article dict (a report's or the corpus's, with "findings" as the JSON schema has them) for a page."""
    findings = sorted(article.get("findings") or [], key=lambda f: (f["start"], -f["end"]))
    return {
        "id": article.get("id"),
        "title": article.get("title") or article.get("id"),
        "date": date_words(article),
        "segments": marked_segments(text, findings),
        "findings": [finding_view(n, f) for n, f in enumerate(findings, start=1)],
        "counts": [(severity, icon, sum(f["severity"] == severity for f in findings))
                   for severity, icon in SEVERITY_ICON.items() if any(f["severity"] == severity for f in findings)],
        "people": people_named(findings, kb),
        "notes": article.get("notes") or [],
    }


def date_words(article: dict) -> dict:
    """The publication date in words, and whether it is a guess, as the CLI report puts it."""
    window, basis = article.get("published_window"), article.get("date_basis")
    source = article.get("published_from")
    if window:
        return {"text": f"{window['from']} .. {window['to']} (inferred window: {basis})", "guess": True}
    if not article.get("published"):
        return {"text": "unknown", "guess": True}
    if source == "assumed":
        return {"text": f"{article['published']} (assumed: no date found)", "guess": True}
    how = source or "metadata"
    words = f"{article['published']} ({how}: {basis})" if basis else f"{article['published']} ({how})"
    return {"text": words, "guess": bool(basis) or how == "dateline+assumed year"}


def marked_segments(text: str, findings: list[dict]) -> list[dict]:
    """The text as runs: {"text"} plain, or {"text", "number", "severity", "code"} for a finding's span.
    A span overlapping an earlier one is listed beside the text, not marked twice."""
    out, cursor = [], 0
    for number, finding in enumerate(findings, start=1):
        start, end = finding["start"], finding["end"]
        if start < cursor or not 0 <= start < end <= len(text):
            continue
        if start > cursor:
            out.append({"text": text[cursor:start]})
        out.append({"text": text[start:end], "number": number, "severity": finding["severity"],
                    "code": finding["code"]})
        cursor = end
    if cursor < len(text):
        out.append({"text": text[cursor:]})
    return out


def finding_view(number: int, finding: dict) -> dict:
    evidence = []
    for item in finding.get("evidence") or []:
        dates = ""
        if item.get("valid_from") or item.get("valid_to"):
            dates = f"{item.get('valid_from') or '?'} to {item.get('valid_to') or 'present'}"
        evidence.append({"text": item["text"], "source": item["source"], "dates": dates, "as_of": item.get("as_of")})
    return {**finding, "number": number, "icon": SEVERITY_ICON.get(finding["severity"], "•"),
            "evidence_lines": evidence}


def people_named(findings: list[dict], kb) -> list[str]:
    """The KB people a report's findings are about: the names they suggest and their evidence's subjects."""
    names: list[str] = []
    for finding in findings:
        candidates = [finding.get("suggestion")] if finding["code"] in PERSON_CODES else []
        candidates += [e["text"].split(": ", 1)[0] for e in finding.get("evidence") or [] if ": " in e["text"]]
        for name in candidates:
            if name and name not in names and len(name) < 100 and kb.find_person(name):
                names.append(name)
    return names


def pager(listing: dict | None, offset: int, size: int) -> dict:
    total = (listing or {}).get("total", 0)
    return {"total": total, "offset": offset, "size": size, "first": offset + 1 if total else 0,
            "last": min(total, offset + size), "previous": max(0, offset - size) if offset > 0 else None,
            "next": offset + size if offset + size < total else None}


def story_groups(items: list[dict], today: str) -> list[tuple[str, list[dict]]]:
    """Stories with an article today first, then the recent ones (each group newest first)."""
    fresh = [s for s in items if (s.get("last_published") or "") >= today]
    older = [s for s in items if s not in fresh]
    return [(name, group) for name, group in (("Today", fresh), ("Recent", older)) if group]


def conflict_view(conflict: dict) -> dict:
    """A story_conflict with each side's sentence cut around the words that state its value."""
    sides = []
    for side in conflict.get("sides") or []:
        sentence, claim = side.get("sentence") or "", side.get("text") or ""
        at = sentence.find(claim) if claim else -1
        if at < 0:
            sides.append({**side, "before": sentence, "claim": "", "after": ""})
        else:
            sides.append({**side, "before": sentence[:at], "claim": claim, "after": sentence[at + len(claim):]})
    return {**conflict, "sides": sides}


def snippet_parts(snippet: str) -> list[dict]:
    """A search snippet, its [matched] words marked by the store, as runs for the template to escape."""
    parts, rest = [], snippet or ""
    while "[" in rest and "]" in rest[rest.index("["):]:
        start = rest.index("[")
        end = rest.index("]", start)
        if start:
            parts.append({"text": rest[:start], "hit": False})
        parts.append({"text": rest[start + 1:end], "hit": True})
        rest = rest[end + 1:]
    if rest:
        parts.append({"text": rest, "hit": False})
    return parts
