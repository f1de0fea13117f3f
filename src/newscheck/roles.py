"""Office titles as news and sources write them, reduced to one role key.

"Min. of Foreign Affairs" (CIA), "Foreign Minister", "foreign secretary" and, in the US,
"Secretary of State" all become `foreign_minister`. The knowledge base stores offices
under these keys and the title reader claims them, so the two meet here.
"""
from __future__ import annotations

import re

from .names import fold

# role key -> (office kind, one holder at a time?)
ROLES = {
    "president": ("head_of_state", True),
    "monarch": ("head_of_state", True),
    "supreme_leader": ("head_of_state", True),
    "governor_general": ("head_of_state_representative", True),
    "vice_president": ("deputy_head_of_state", False),
    "prime_minister": ("head_of_government", True),
    "chancellor": ("head_of_government", True),
    "deputy_prime_minister": ("deputy_head_of_government", False),
    "first_deputy_prime_minister": ("deputy_head_of_government", False),
    "foreign_minister": ("minister", True),
    "defence_minister": ("minister", True),
    "finance_minister": ("minister", True),
    "interior_minister": ("minister", True),
    "justice_minister": ("minister", True),
    "energy_minister": ("minister", True),
    "economy_minister": ("minister", True),
    "health_minister": ("minister", True),
    "trade_minister": ("minister", True),
    # portfolios that split and merge too often to be sure of one holder (like minister:<portfolio>)
    "agriculture_minister": ("minister", False),
    "education_minister": ("minister", False),
    "security_council_secretary": ("security_council_secretary", True),
    "presidential_office_head": ("chief_of_staff", True),
    "chief_of_staff": ("chief_of_staff", True),
    "national_security_adviser": ("adviser", True),
    "press_secretary": ("spokesperson", True),
    "spokesperson": ("spokesperson", False),
    "special_envoy": ("envoy", False),
    "secretary_general": ("head_of_international_organisation", True),
    "director_general": ("head_of_international_organisation", True),  # WHO, WTO, IAEA
    "managing_director": ("head_of_international_organisation", True),  # IMF
    "high_commissioner": ("head_of_international_organisation", True),  # UNHCR
    "executive_director": ("head_of_international_organisation", True),  # UNICEF, WFP
    "commission_president": ("head_of_international_organisation", True),
    "council_president": ("head_of_international_organisation", True),
    "high_representative": ("head_of_international_organisation", True),
    "parliament_speaker": ("legislature", True),
    "central_bank_governor": ("central_bank", True),
    "armed_forces_chief": ("military", True),
    "intelligence_chief": ("intelligence", False),
}

_PORTFOLIOS = [
    ("foreign_minister", r"(?:europe and )?foreign(?! trade| economic| investment| aid)|external affairs|"
                         r"international affairs"),
    ("defence_minister", r"(?:national )?defen[cs]e(?! industr| personnel| procurement| production| materiel| "
                         r"acquisition| export)|war|(?:the )?armed forces"),
    ("finance_minister", r"finance|treasury|exchequer"),
    ("interior_minister", r"interior|internal affairs|home affairs|home"),
    ("justice_minister", r"justice"),
    ("energy_minister", r"energy"),
    ("economy_minister", r"economy|economic affairs|economic development"),
    ("health_minister", r"health(?:care)?"),
    ("trade_minister", r"trade|commerce"),
    ("agriculture_minister", r"(?:food and )?agricultur(?:e|al)|agrarian"),
    ("education_minister", r"(?:national |public )?education"),
]

# Abbreviations the CIA directory uses.
_EXPANSIONS = [
    (r"\bpres\b\.?", "president"),
    (r"\bmin\b\.?", "minister"),
    (r"\bdep\b\.?", "deputy"),
    (r"\bsec\b\.?", "secretary"),
    (r"\bchmn\b\.?", "chairman"),
    (r"\bgen\b\.?", "general"),
    (r"\bgov\b\.?", "governor"),
    (r"\bpm\b", "prime minister"),
    (r"\bdefense\b", "defence"),
]

# Same words, another office, by jurisdiction.
_JURISDICTION_ROLES = {
    ("US", "secretary_of_state"): "foreign_minister",
    ("GB", "chancellor"): "finance_minister",
    ("GB", "home_secretary"): "interior_minister",
    ("DE", "vice_chancellor"): "deputy_prime_minister",
    ("AT", "vice_chancellor"): "deputy_prime_minister",
    ("US", "treasury_secretary"): "finance_minister",
    ("US", "interior_minister"): "minister:interior",
    ("EU", "foreign_policy_chief"): "high_representative",  # elsewhere a party or adviser post: no one office  # public lands, not the police: no home ministry
}

# Titles that look like an office we model but are not it.
_NOT_AN_OFFICE = re.compile(
    r"\b(counsel+or|advis[eo]r|aide|secretariat|ambassador|envoy to the|chancellor of the duchy|"
    r"minister (in|at|of state in) the|secretary of state of [a-z]+$|"
    r"(chief of staff|chief|commander),? (of )?(the )?(army|armed forces|military|general staff|defence staff|navy|air force)|"
    r"(army|armed forces|military|general staff|defence staff|navy|air force) chief of staff|"
    r"president of (the )?(central bank|national bank|bank|court|supreme court|constitutional court|senate|"
    r"national assembly|assembly|parliament|chamber|council of ministers|party|region|province|state))\b")

# Titles that name an office only on the bodies that have one: elsewhere "managing director" is a
# company post, a "high commissioner" a Commonwealth envoy (or the UN's for human rights), a
# "director general" a civil servant. The org gives the jurisdiction ("IMF Managing Director").
_ORG_ONLY_ROLES = {"managing_director": {"IMF"}, "high_commissioner": {"UNHCR"},
                   "executive_director": {"UNICEF", "WFP"}, "director_general": {"WHO", "WTO", "IAEA"}}

# Titles that name the same office wherever they are used.
_GENERAL_ROLES = {"home_secretary": "interior_minister", "treasury_secretary": "finance_minister",
                  "foreign_secretary": "foreign_minister"}
# ... except where the same words name a civil servant: South Asia's Foreign Secretary heads the
# foreign ministry's staff under the minister ("Indian Foreign Secretary Vikram Misri").
_CIVIL_SERVICE = {(code, "foreign_secretary") for code in ("IN", "PK", "BD", "NP", "LK")}

_SIMPLE = [
    # order matters: the more specific first
    (r"lord chancellor", "justice_minister"),
    (r"(chairman|chairwoman|chair|governor),? (of )?(the )?(central|national|reserve|people s) bank", "central_bank_governor"),
    (r"(chairman|chairwoman|chair|speaker),? (of )?(the )?(rada|duma|parliament|national assembly|senate|house|knesset|sejm|bundestag)", "parliament_speaker"),
    (r"first deputy prime minister|first vice premier|first deputy premier", "first_deputy_prime_minister"),
    (r"deputy prime minister|vice premier|deputy premier|vice prime minister", "deputy_prime_minister"),
    (r"vice president|deputy president", "vice_president"),  # Kenya, South Africa: Deputy President
    (r"vice chancellor|deputy chancellor", "vice_chancellor"),  # DE, AT; elsewhere a university post
    (r"president of the european commission|european commission president|commission president", "commission_president"),
    (r"president of the european council|european council president", "council_president"),
    (r"high representative", "high_representative"),
    (r"high commissioner", "high_commissioner"),
    (r"managing director", "managing_director"),
    (r"executive director", "executive_director"),
    (r"director general", "director_general"),
    (r"foreign policy chief|foreign affairs chief|top diplomat", "foreign_policy_chief"),
    (r"secretary general|secretary-general", "secretary_general"),
    (r"chancellor of the exchequer", "finance_minister"),
    (r"(secretary|head|chief|chairman) (of )?(the )?(national )?security (and defen[cs]e )?council|security council secretary|(national )?security (and defen[cs]e )?council secretary", "security_council_secretary"),
    (r"head,? (of )?(the )?(presidential office|office of the president|presidential administration)|presidential (office|administration) head|chief of staff to the president|presidential chief of staff", "presidential_office_head"),
    (r"white house chief of staff|chief of staff", "chief_of_staff"),
    (r"national security advis[eo]r", "national_security_adviser"),
    (r"press secretary", "press_secretary"),
    (r"spokes(man|woman|person)|spokesperson", "spokesperson"),
    (r"(special )?envoy|special representative|special presidential envoy", "special_envoy"),
    (r"supreme leader", "supreme_leader"),
    (r"governor general|governor-general", "governor_general"),
    (r"central bank governor|governor of the central bank|central bank chief", "central_bank_governor"),
    (r"speaker", "parliament_speaker"),
    (r"prime minister|premier|taoiseach", "prime_minister"),
    (r"federal chancellor|chancellor", "chancellor"),
    (r"president", "president"),
    (r"king|queen|emperor|emir|amir|sultan|grand duke|monarch|sovereign", "monarch"),
    (r"foreign secretary", "foreign_secretary"),
    (r"home secretary", "home_secretary"),
    (r"treasury secretary|secretary of the treasury", "treasury_secretary"),
    (r"defen[cs]e secretary|secretary of defen[cs]e|secretary of war|war secretary", "defence_minister"),
    (r"secretary of state for (the )?home( department)?", "interior_minister"),
    (r"secretary of state for (the )?(foreign|defen[cs]e|justice|energy|health|trade)\b.*", "secretary_of_state_for"),
    (r"secretary of state", "secretary_of_state"),
]


def expand(title: str) -> str:
    """Fold a title and expand the CIA's abbreviations."""
    t = fold(title.replace("&", " and ")).replace("-", " ")
    for pattern, repl in _EXPANSIONS:
        t = re.sub(pattern, repl, t)
    return re.sub(r"\s+", " ", t).strip()


def role_key(title: str, jurisdiction: str | None = None, *, unresolved: bool = False) -> str | None:
    """The role key of an office title, or None when the title is not one we model.

    With `unresolved`, a title whose office depends on the country ("Secretary of State")
    keeps a provisional key when no jurisdiction is given, to be resolved later.

    A title that names two offices ("Dep. Prime Min. & Min. of Finance") returns the
    first; callers that need both split on " and " first (see `role_keys`).
    """
    t = expand(title)
    if _NOT_AN_OFFICE.search(t) and not re.search(r"special envoy|special representative|head (of )?(the )?office of the president", t):
        return None
    if re.search(r"\b(to|of) (the )?president\b", t) and not re.match(r"(president|head (of )?(the )?office|chief of staff)", t):
        return None  # "Counselor to the President" is not the President
    key = None
    deputyish = re.search(r"\b(deputy|vice|first deputy)\b", t)
    for pattern, role in _SIMPLE:
        if re.search(rf"\b(?:{pattern})\b", t):
            key = role
            break
    secretary = re.fullmatch(r"(.+?) secretary", t) if key is None else None
    if secretary:  # "Interior Secretary", "Energy Secretary": a portfolio's minister (UK, US, the Philippines)
        key = next((role for role, pattern in _PORTFOLIOS if re.fullmatch(pattern, secretary.group(1))), None)
    if key == "secretary_of_state_for":
        t = re.sub(r"^.*secretary of state for (the )?", "minister of ", t)
        key = None
    if key is None or key in ("president", "prime_minister", "chancellor", "monarch", "secretary_of_state"):
        minister = re.search(r"\bminister (?:of |for )?(?:the )?(.+)$", t) or re.search(r"^(.+?) minister\b", t)
        if minister and not re.search(r"prime minister", t):
            portfolio = minister.group(1)
            for role, pattern in _PORTFOLIOS:
                if re.match(rf"(?:{pattern})\b", portfolio.strip()):
                    key = role
                    break
            else:
                key = "minister:" + re.sub(r"[^a-z]+", "_", portfolio).strip("_")
    if key is None:
        return None
    if deputyish and key not in ("deputy_prime_minister", "first_deputy_prime_minister", "vice_president",
                                 "vice_chancellor"):
        return None
    if re.search(r"\b(former|ex|acting|shadow|assistant|under|ambassador)\b", t):
        return None
    if (jurisdiction, key) in _CIVIL_SERVICE:
        return None
    if key in _ORG_ONLY_ROLES and jurisdiction not in _ORG_ONLY_ROLES[key]:
        return None
    if jurisdiction:
        key = _JURISDICTION_ROLES.get((jurisdiction, key), key)
    key = _GENERAL_ROLES.get(key, key)
    if not key.startswith("minister:") and key not in ROLES and not (unresolved and not jurisdiction):
        return None  # "Secretary of State" outside the US: a cabinet rank, not one office
    return key


def role_keys(title: str, jurisdiction: str | None = None) -> list[str]:
    """Every role a compound source title names: 'Dep. Prime Min. & Min. of Finance'."""
    keys = []
    parts = re.split(
        r"\s*(?:,|&|\band\b)\s*(?=(?:min|minister|dep|deputy|first|sec|secretary|chmn|chairman|head|pres|president|prime|king|queen)\b)",
        title.lower())
    for part in parts:
        key = role_key(part, jurisdiction)
        if key and key not in keys:
            keys.append(key)
    return keys


def role_kind(role: str) -> str:
    if role.startswith("minister:"):
        return "minister"
    return ROLES.get(role, ("other", False))[0]


def is_exclusive(role: str) -> bool:
    """Does the office have one holder at a time (so an unknown name holding it is wrong)?"""
    if role.startswith("minister:"):
        return False  # portfolios split and merge too often to be sure
    return ROLES.get(role, ("other", False))[1]
