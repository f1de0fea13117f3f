"""Name keys and office-title role keys: the two vocabularies the KB and the reader share."""
import pytest

from newscheck.names import cia_name, given_names_compatible, norm, skeleton, surname_similarity
from newscheck.roles import is_exclusive, role_key, role_keys


@pytest.mark.parametrize("a,b", [
    ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelenskyi"), ("Zelens'kyy", "Zelensky"),
    ("Sergei Lavrov", "Sergey Lavrov"), ("Andrii Sybiha", "Andriy Sybiha"),
    ("Dmitry Peskov", "Dmitriy Peskov"), ("Mykhailo Fedorov", "Mykhaylo Fedorov"),
    ("José Álvarez", "Jose Alvarez"), ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Oleksii Danilov", "Oleksiy Danilov"),
])
def test_transliteration_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a,b", [
    ("Steve Witkoff", "Steve Wittkowff"), ("Rustem Umerov", "Rustem Furman"),
    ("Narendra Modi", "Narendra Modhi"), ("Emmanuel Macron", "Emmanuel Macorn"),
])
def test_misspellings_do_not(a, b):
    assert skeleton(a) != skeleton(b)


def test_surname_similarity_separates_misspelling_from_another_person():
    assert surname_similarity("Steve Wittkowff", "Steve Witkoff") >= 70
    assert surname_similarity("Rustem Furman", "Rustem Umerov") < 70


def test_given_names():
    assert given_names_compatible("S. Jaishankar", "Subrahmanyam Jaishankar")
    assert not given_names_compatible("Olaf Scholz", "Friedrich Scholz")


def test_norm_drops_honorifics_and_dots():
    assert norm("Mr. J.D. Vance") == "j d vance"


def test_cia_name():
    assert cia_name("Volodymyr ZELENSKYY") == ("Volodymyr Zelenskyy", False)
    assert cia_name("Oleksandr BORNYAKOV (Acting)") == ("Oleksandr Bornyakov", True)
    assert cia_name("Ali Hoseini-KHAMENEI") == ("Ali Hoseini-Khamenei", False)


@pytest.mark.parametrize("title,jurisdiction,role", [
    ("Pres.", None, "president"),
    ("Prime Min.", None, "prime_minister"),
    ("Min. of Foreign Affairs", None, "foreign_minister"),
    ("Min. of Defense", None, "defence_minister"),
    ("Sec., National Security & Defense Council", None, "security_council_secretary"),
    ("Head, Office of the Pres.", None, "presidential_office_head"),
    ("Secretary of State", "US", "foreign_minister"),
    ("Secretary of War", "US", "defence_minister"),
    ("Chancellor", "DE", "chancellor"),
    ("Chancellor", "GB", "finance_minister"),
    ("Chancellor of the Exchequer", "GB", "finance_minister"),
    ("Secretary of State for Foreign, Commonwealth and Development Affairs", "GB", "foreign_minister"),
    ("foreign secretary", "GB", "foreign_minister"),
    ("Kremlin spokesman", "RU", "spokesperson"),
    ("NATO Secretary General", None, "secretary_general"),
    ("Vice President", "US", "vice_president"),
])
def test_role_key(title, jurisdiction, role):
    assert role_key(title, jurisdiction) == role


@pytest.mark.parametrize("title", ["Deputy Foreign Minister", "Amb. to the US", "former president",
                                   "Assistant Secretary of State", "Governor, Central Bank of Nowhere x"])
def test_titles_that_are_not_the_office(title):
    assert role_key(title) not in ("foreign_minister", "president", "secretary_of_state")


def test_compound_cia_titles():
    assert role_keys("Dep. Prime Min. & Min. of Finance") == ["deputy_prime_minister", "finance_minister"]


def test_exclusive_offices():
    assert is_exclusive("president") and is_exclusive("security_council_secretary")
    assert not is_exclusive("special_envoy") and not is_exclusive("minister:culture")
