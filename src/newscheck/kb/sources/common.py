"""Small pieces every importer needs: record keys, office titles -> roles, and date arithmetic.

Title matching itself lives in `newscheck.roles`; here we only strip what sources add around a
title ("Acting", "Interim") and refuse titles that merely contain a head-of-state word.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from newscheck.names import fold
from newscheck.roles import expand, role_keys

_ACTING = re.compile(r"^\s*(acting|interim|caretaker|transitional|transition)\s+", re.I)

# A head-of-state word inside these titles names another office ("Counselor to the President",
# "President of the International Court of Justice", "Prime Minister of Crimea").
_NOT_HEAD = re.compile(
    r"\b(to the|advis[eo]r|counsel|counselor|representative|assembly|court|parliament|senate|"
    r"oblast|krai|okrug|region|crimea|republic of [a-z]+stan|bashkortostan|sakha|territorial|"
    r"island|provincial|commission|cop\d*|duchy|privy|lord|secretariat|bank|bundesbank|office|administration|"
    r"yuan|institute|board|academy|zanzibar|of the (council|govt|government|presidency)|governing council|"
    r"presidency council|department|cabinet of)\b")
# A head title must open the title or one of its parts ("Dep. Prime Min. & Min. of Finance"),
# not sit inside another post ("Min. in the Prime Minister's Department").
_HEAD_START = re.compile(
    r"(?:^|[,&;]\s*|\band\s+)(?:first |second |third |executive |federal |fed |transition(?:al)? )?"
    r"(?:president|prime minister|premier|king|queen|emperor|amir|emir|sultan|grand duke|chancellor|"
    r"taoiseach|vice|deputy|monarch|supreme)")
# "Minister of Foreign Trade" is not the foreign minister.
_FOREIGN_TRADE = re.compile(r"\bforeign (trade|economic|investment|employment|commerce)")
_FOREIGN_AFFAIRS = re.compile(r"\bforeign (affairs|relations|and|&)|\bexternal affairs|foreign secretary|"
                              r"foreign minister")
_MILITARY = re.compile(r"\b(army|armed|military|navy|air force|defen[cs]e)\b")
# Titles of these roles must open with the head word (finance_minister is not among them:
# "Min. of Finance" opens with no head word).
_HEAD_ROLES = {"president", "vice_president", "prime_minister", "chancellor", "monarch",
               "deputy_prime_minister", "first_deputy_prime_minister"}

# roles.role_key can answer with an intermediate key that is no role (US/GB wording it did not
# resolve for this jurisdiction); those are not offices we can store.
_NOT_ROLES = {"secretary_of_state", "home_secretary", "treasury_secretary", "secretary_of_state_for"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def office_roles(title: str, jurisdiction: str) -> tuple[list[str], bool]:
    """Roles a source title names, and whether the holder is acting ('Acting President')."""
    acting = bool(_ACTING.match(title)) or "(acting)" in title.lower()
    title = _ACTING.sub("", title.replace("(Acting)", "").replace("(acting)", "")).strip()
    roles = []
    for role in role_keys(title, jurisdiction):
        if role in _NOT_ROLES or role.startswith("minister:state"):
            continue  # "Minister of State" is a junior rank, not a portfolio
        folded = expand(title)
        if role in _HEAD_ROLES and (_NOT_HEAD.search(folded) or not _HEAD_START.search(folded)):
            continue
        if role == "foreign_minister" and _FOREIGN_TRADE.search(folded) and not _FOREIGN_AFFAIRS.search(folded):
            continue
        if role == "chief_of_staff" and _MILITARY.search(folded):
            continue
        roles.append(role)
    return roles, acting


_PATRONYMIC = re.compile(r"(ovich|evich|yevich|ich|ovna|evna|yevna|ichna|ivna)$", re.I)


def news_name(full: str) -> tuple[str, list[str]]:
    """'Vladimir Vladimirovich Putin' -> ('Vladimir Putin', ['Vladimir Vladimirovich Putin']).

    News drops the East Slavic patronymic; the full form stays as an alias.
    """
    words = full.split()
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return f"{words[0]} {words[2]}", [full]
    return full, []


_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def parse_since(text: str) -> tuple[str, str] | None:
    """'7 May 2012' -> ('2012-05-07', 'day'); 'May 2012' -> month; '2012' -> year."""
    text = text.strip().lower().replace(",", "")
    m = re.match(r"(\d{1,2}) ([a-z]+) (\d{4})\b", text)
    if m and m.group(2) in _MONTHS:
        try:
            return date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1))).isoformat(), "day"
        except ValueError:
            return None
    m = re.match(r"([a-z]+) (\d{4})\b", text)
    if m and m.group(1) in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}-01", "month"
    m = re.match(r"(\d{4})\b", text)
    if m:
        return f"{m.group(1)}-01-01", "year"
    return None


def iso_date(text: str | None) -> tuple[str | None, str]:
    """'2012-05-07' / '2012-05' / '2012' -> (first day, precision); '' -> (None, 'day')."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, "day"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01", "month"
    if re.fullmatch(r"\d{4}", text):
        return text + "-01-01", "year"
    return None, "day"


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days
