"""The office and spelling rules of issue 8, each on a real-looking article: an error of one
shape that must be caught next to a correct text of the same shape that must stay quiet.

Facts from the KB's sources: CIA World Leaders (as-of rows), the Factbook timeline, IfG.
"""
from __future__ import annotations

from datetime import date

from newscheck.model import Article
from newscheck.roles import role_key


def _check(checker, text: str, on: date):
    return checker.check(Article(id="a", text=text, published=on, published_from="metadata")).findings


def _errors(findings):
    return [(f.code, f.span) for f in findings if f.severity == "error"]


def test_a_head_of_government_title_the_country_does_not_have(checker):
    # France has a President and a Prime Minister, no Chancellor
    text = "PARIS (Reuters) - French Chancellor Jean Dupont said on Monday that the budget would pass."
    [finding] = _check(checker, text, date(2025, 3, 3))
    assert finding.code == "office_holder" and "French Chancellor Jean Dupont" in finding.span
    assert "no source gives France such an office" in finding.message
    # Germany has one: an unknown name there is the usual office_holder finding, not this one
    text = "BERLIN (Reuters) - German Chancellor Olaf Scholz said on Monday that the budget would pass."
    assert _errors(_check(checker, text, date(2024, 3, 4))) == []


def test_a_foreign_minister_given_another_countrys_title(checker):
    # the KB does not date Jordan's foreign minister; Egypt's is known (as of the CIA's page)
    text = ("CAIRO (Reuters) - Jordanian Foreign Minister Badr Abdel-Aty said on Monday that the "
            "ceasefire must hold.")
    findings = _check(checker, text, date(2025, 3, 3))
    assert [(f.code, "Egypt" in f.suggestion) for f in findings] == [("office_holder", True)]
    text = text.replace("Jordanian", "Egyptian")
    assert _errors(_check(checker, text, date(2025, 3, 3))) == []


def test_one_letter_of_a_given_name_off(checker):
    text = "SYDNEY (Reuters) - Australian Prime Minister Anthomy Albanese said on Monday that he had won."
    findings = _check(checker, text, date(2025, 5, 5))
    assert [(f.code, f.span, f.suggestion) for f in findings] == [
        ("name_spelling", "Anthomy Albanese", "Anthony Albanese")]
    # without a title that the person holds, a near name is left alone
    assert _errors(_check(checker, "SYDNEY (Reuters) - Anthomy Albanese said on Monday that he had won.",
                          date(2025, 5, 5))) == []


def test_titles_of_bodies_the_kb_does_not_know_are_not_the_countrys(checker):
    text = ("NEW YORK (AP) - Sandy Ching, president of the American Academy of Pediatrics, said the rise "
            "was disturbing. General Assembly President Annalena Baerbock opened the debate. "
            "Senate President Godswill Akpabio read the bill.")
    assert _errors(_check(checker, text, date(2025, 9, 23))) == []


def test_foreign_secretary_is_a_minister_in_britain_and_a_civil_servant_in_south_asia():
    assert role_key("foreign secretary", "GB") == "foreign_minister"
    assert role_key("foreign secretary", "IN") is None
    assert role_key("interior secretary", "PH") == "interior_minister"
    assert role_key("interior secretary", "US") == "minister:interior"  # public lands, not a home ministry


def test_two_surnames_a_letter_apart_are_two_people(checker):
    text = "LONDON (Reuters) - Conservative MP Andrew Griffith said on Monday that the plan was sound."
    assert _errors(_check(checker, text, date(2020, 9, 26))) == []


def test_a_month_up_to_the_end_of_a_tenure_is_about_that_time(checker):
    # Ebrahim Raisi, President of Iran until his death on 2024-05-19 (Factbook timeline)
    text = ("TEHRAN (Reuters) - The snap vote was called after President Ebrahim Raisi was killed in a "
            "helicopter crash in May.")
    assert _errors(_check(checker, text, date(2024, 7, 30))) == []
    text = "TEHRAN (Reuters) - President Ebrahim Raisi said on Monday that talks would resume."
    assert [code for code, _ in _errors(_check(checker, text, date(2024, 7, 30)))] == ["office_holder"]


def test_buildings_are_not_people_and_arabic_names_run_on(checker):
    text = ("MOSCOW (Reuters) - Patriarch Kirill led a service at the Kremlin's Annunciation Cathedral. "
            "Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman al-Thani was due on Wednesday.")
    assert _errors(_check(checker, text, date(2025, 10, 7))) == []


def test_the_eus_foreign_policy_chief_is_its_high_representative(checker):
    # Kaja Kallas took office on 2024-12-01 (curated); Josep Borrell before her
    text = "BRUSSELS (Reuters) - EU foreign policy chief Kaja Kallas said on Monday the sanctions would stay."
    assert _errors(_check(checker, text, date(2025, 3, 3))) == []
    [finding] = _check(checker, text, date(2024, 10, 14))
    assert finding.code == "office_holder" and "Borrell" in finding.suggestion
    assert role_key("foreign policy chief", "CN") is None  # elsewhere no one office


def test_umlauts_written_out_are_no_misspelling(checker):
    # Jonas Gahr Støre, Prime Minister of Norway since 2021-10-14
    text = "OSLO (Reuters) - Prime Minister Jonas Gahr Stoere said on Monday that Labour had won."
    assert _errors(_check(checker, text, date(2025, 9, 9))) == []
    text = "OSLO (Reuters) - Prime Minister Jonas Gahr Stoore said on Monday that Labour had won."
    assert [code for code, _ in _errors(_check(checker, text, date(2025, 9, 9)))] == ["name_spelling"]


def test_a_leaders_years_in_power(checker):
    # Angela Merkel, Chancellor 2005-11-22 .. 2021-12-07 (Factbook timeline)
    text = ("BERLIN, Dec 8 (Reuters) - Olaf Scholz was elected German chancellor on Wednesday, ending "
            "Angela Merkel's {} years in power.")
    assert _errors(_check(checker, text.format(16), date(2021, 12, 8))) == []
    [finding] = _check(checker, text.format(12), date(2021, 12, 8))
    assert (finding.code, finding.span, finding.suggestion) == ("date_arithmetic", "12 years in power", "16 years")


def test_whose_years_in_power_only_a_possessive_says():
    from newscheck.temporal import find_tenure_claims

    [claim] = find_tenure_claims("Putin, in his fifth year in office, said")
    assert (claim.owner, claim.claim.kind, claim.claim.years, claim.in_power) == ("his", "ordinal_year", 5, False)
    assert find_tenure_claims("the party made mistakes during 14 years in power") == []
