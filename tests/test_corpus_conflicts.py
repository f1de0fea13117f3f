"""story_conflict, built from small hand-made stories (no model): numbers with rounding, hedges and
updates over time, dates and places of one event, a person's office on one day, a quote's speaker;
and story grouping on hand-made articles. Each case is a rule a real article broke or could break."""
from __future__ import annotations

from datetime import date

from newscheck.corpus.claims import event_claims, number_claims, quote_claims
from newscheck.corpus.conflicts import find_conflicts, findings_for
from newscheck.corpus.stories import Member, StoryGrouper, features


def _article(aid: str, day: str, text: str, *, source: str | None = None, speakers=(), countries=None) -> dict:
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (2 if start + len(part) < len(text) else 0)
        sentences.append((start, min(end, len(text))))
        start = end
    spans = [(text.index(n), text.index(n) + len(n), n, key) for n, key in speakers]
    claims = number_claims(text, sentences) + quote_claims(text, sentences, spans) + \
        event_claims(text, sentences, lambda place: (countries or {}).get(place))
    return {"id": aid, "title": None, "source": source or aid, "published": day, "text": text, "claims": claims}


def _kinds(*articles) -> list[str]:
    return [c.kind for c in find_conflicts(list(articles))]


def test_twelve_against_twenty_one_dead_on_the_same_day_is_a_conflict_citing_both_sides():
    a = _article("a", "2024-03-01", "The blast killed 12 people, police said", source="Wire A")
    b = _article("b", "2024-03-01", "The blast killed 21 people, officials said", source="Wire B")
    conflict, = find_conflicts([a, b])
    assert conflict.kind == "number" and conflict.what == "how many people died"
    found = dict(findings_for(conflict))
    assert set(found) == {"a", "b"}
    finding = found["b"]
    assert finding.code == "story_conflict" and b["text"][finding.start:finding.end] == finding.span == "killed 21 people"
    assert "Wire A (2024-03-01): \"killed 12 people\"" in finding.message
    assert finding.evidence[0].text == a["text"] and finding.evidence[0].as_of == "2024-03-01"


def test_a_side_that_contradicts_no_other_gets_no_finding():
    # FIB's summaries of the Kano school fire (BBC 34964564): "a dozen" clashes with "at least 20", but
    # "at least seven" fits both; it was flagged, and cited "at least 19" against "at least 20"
    a = _article("a", "2015-09-23", "At least 20 students have been killed in a fire at a boarding school, officials say")
    b = _article("b", "2015-09-23", "A fire has destroyed a school in Kano, killing a dozen students")
    c = _article("c", "2015-09-23", "At least seven female students have died after a fire at a boarding school hostel")
    d = _article("d", "2015-09-23", "At least 19 students have been killed in a fire at a school, officials say")
    conflict, = find_conflicts([a, b, c, d])
    found = dict(findings_for(conflict))
    assert set(found) == {"a", "b", "d"}
    assert [e.source for e in found["a"].evidence] == ["b (b), 2015-09-23"]
    assert len(found["b"].evidence) == 2


def test_roundings_and_hedges_are_not_conflicts():
    pairs = [("About 200 people were killed in the fire", "The fire killed 197 people"),
             ("Nearly 1,000 people died in the earthquake", "The earthquake killed 987 people"),
             ("A dozen people were killed in the attack", "The attack killed 12 people"),
             ("At least 13 people were killed in the attack", "The attack killed 31 people"),
             ("The $1 trillion infrastructure bill passed", "The $1.2 trillion infrastructure bill passed")]
    for one, other in pairs:
        a, b = _article("a", "2024-03-01", one), _article("b", "2024-03-01", other)
        assert len(a["claims"]) == len(b["claims"]) == 1, (one, other)  # both figures were read ...
        assert _kinds(a, b) == [], (one, other)  # ... and found compatible


def test_a_later_larger_toll_is_an_update_but_a_later_smaller_one_is_a_conflict():
    early = _article("a", "2024-03-01", "The blast killed 12 people, police said")
    later = _article("b", "2024-03-03", "The blast killed 21 people, police said")
    assert _kinds(early, later) == []
    smaller = _article("c", "2024-03-03", "The blast killed 8 people, police said")
    assert _kinds(early, smaller) == ["number"]


def test_tolls_of_other_events_scopes_and_vague_words_are_not_compared():
    main = _article("a", "2024-03-01", "The car bombing killed 33 people in Baghdad")
    assert main["claims"][0]["cause"] == "bombing"
    assert _kinds(main, _article("b", "2024-03-01", "The US air strike killed 20 people near the border")) == []
    assert _kinds(main, _article("c", "2024-03-01", "Earlier this week, 50 people were killed in Baghdad")) == []
    assert _kinds(main, _article("d", "2024-03-01", "The car bombing killed hundreds of people")) == []
    assert _kinds(main, _article("e", "2024-03-01", "The bombing killed two senior Isis members")) == []
    assert _kinds(main, _article("f", "2024-03-01", "More than 600,000 Americans have died of covid since 2020")) == []


def test_an_article_that_gives_one_subject_two_figures_is_left_out():
    mixed = _article("a", "2024-03-01", "The attack killed 12 people. A second attack killed 30 people in the north")
    assert _kinds(mixed, _article("b", "2024-03-01", "The attack killed 30 people")) == []


def test_two_dates_for_one_event_conflict_unless_it_was_moved():
    a = _article("a", "2024-03-01", "The summit on March 12 will bring the leaders together")
    b = _article("b", "2024-03-01", "The summit on March 21 will bring the leaders together")
    assert _kinds(a, b) == ["date"]
    moved = _article("c", "2024-03-05", "The summit was postponed and is now scheduled for March 21")
    assert _kinds(a, moved) == []


def test_a_place_for_one_event_conflicts_only_across_countries():
    countries = {"Geneva": "CH", "Vienna": "AT", "Zurich": "CH"}
    a = _article("a", "2024-03-01", "The talks in Geneva ended without a deal", countries=countries)
    assert _kinds(a, _article("b", "2024-03-01", "The talks in Vienna ended without a deal", countries=countries)) == ["place"]
    assert _kinds(a, _article("c", "2024-03-01", "The talks in Zurich ended without a deal", countries=countries)) == []


def test_a_quote_given_to_two_speakers_is_a_conflict_but_not_to_one_named_twice():
    words = "We will not back down from this fight, not now and not ever"
    a = _article("a", "2024-03-01", f'"{words}," Senator Jane Smith said', speakers=[("Jane Smith", "name:jane smith")])
    b = _article("b", "2024-03-01", f'"{words}," said Governor Tom Brown', speakers=[("Tom Brown", "name:tom brown")])
    c = _article("c", "2024-03-01", f'Smith told reporters: "{words}"', speakers=[("Smith", "name:smith")])
    assert _kinds(a, b) == ["quote"]
    assert _kinds(a, c) == []  # "Smith" is Jane Smith
    d = _article("d", "2024-03-01", f'"{words}," the senator said, according to reporter Tom Brown',
                 speakers=[("Tom Brown", "name:tom brown")])
    assert d["claims"] == [] and _kinds(a, d) == []  # the reporter is not the speaker


def _office(aid: str, day: str, roles: list[str], held=()) -> dict:
    claim = {"kind": "office", "subject": "name:jane doe", "text": "Minister Jane Doe", "start": 0, "end": 17,
             "sentence": [0, 17], "person": "Jane Doe", "title": "Minister", "roles": roles, "jurisdiction": "XX",
             "held_roles": list(held), "exclusive": True}
    return {"id": aid, "title": None, "source": aid, "published": day, "text": "Minister Jane Doe", "claims": [claim]}


def test_two_offices_for_one_person_on_one_day():
    assert _kinds(_office("a", "2024-03-01", ["foreign_minister"]), _office("b", "2024-03-01", ["defence_minister"])) \
        == ["office"]
    assert _kinds(_office("a", "2024-03-01", ["foreign_minister"]), _office("b", "2024-03-02", ["defence_minister"])) == []
    both = ("foreign_minister", "defence_minister")  # the KB has them holding both
    assert _kinds(_office("a", "2024-03-01", ["foreign_minister"], both),
                  _office("b", "2024-03-01", ["defence_minister"], both)) == []


def test_grouping_joins_reports_of_one_event_and_keeps_another_apart():
    grouper = StoryGrouper()
    members = []
    texts = [("a", "2024-03-01", "Earthquake in Turkey", "A strong earthquake struck eastern Turkey on Monday,"
              " killing dozens and toppling buildings in Malatya and Elazig provinces, rescuers said."),
             ("b", "2024-03-01", "Parliament passes budget", "The German parliament passed the federal budget after"
              " a long debate over debt rules and defence spending in Berlin."),
             ("c", "2024-03-02", "Turkey quake death toll rises", "Rescuers in eastern Turkey pulled survivors from"
              " toppled buildings in Malatya and Elazig after the earthquake that struck on Monday.")]
    for aid, day, title, text in texts:
        terms, names = features(title, text)
        grouper.count(terms)
        story, _ = grouper.best(terms, names, date.fromisoformat(day), members)
        members.append(Member(aid, story or len(members) + 1, date.fromisoformat(day), terms, frozenset(names)))
    stories = {m.article: m.story for m in members}
    assert stories["a"] == stories["c"] != stories["b"]


def test_story_conflict_and_the_corpus_commands_are_documented():
    import json
    from pathlib import Path

    from newscheck.corpus.conflicts import CODES

    repo = Path(__file__).resolve().parents[1]
    readme = (repo / "README.md").read_text()
    schema = json.loads((repo / "src/newscheck/report/schema.json").read_text())
    codes = schema["$defs"]["finding"]["properties"]["code"]["enum"]
    for code in CODES:
        assert f"`{code}`" in readme and code in codes
    docs = (repo / "docs/cli.md").read_text() + (repo / "docs/corpus.md").read_text()
    for command in ("corpus add", "corpus recheck", "corpus stories", "corpus story", "corpus person",
                    "corpus findings", "corpus search", "corpus export", "--format claimreview", "--db"):
        assert command in docs, command


def test_counts_after_and_are_read_but_the_end_of_an_age_range_is_not():
    text = "At least 25 militants were killed and 31 injured in the village"
    assert [(c["subject"], c["low"]) for c in number_claims(text, [(0, len(text))])] == \
        [("deaths:militants", 25.0), ("injured", 31.0)]
    text = "Eight people ranging in age from 2 to 86 died in New York City"
    assert number_claims(text, [(0, len(text))]) == []


def test_the_year_of_a_dateline_is_not_read_as_a_toll():
    # "2025 - Twelve people" once read as 2,025 dead: the dash and "Twelve" passed for words about the dead
    text = "KHARKIV, Dec 4, 2025 - Twelve people were killed when a missile struck a market."
    assert [(c["text"], c["low"]) for c in number_claims(text, [(0, len(text))])] == \
        [("Twelve people were killed", 12.0)]


def test_a_hyphenated_number_is_read_whole_not_as_its_last_word():
    text = "Twenty-five others were injured in the fire, officials said"
    claim, = number_claims(text, [(0, len(text))])
    assert claim["subject"] == "injured" and claim["text"] == "Twenty-five others were injured"
    assert (claim["low"], claim["high"]) == (25, 25)
