"""A rewrite checked with its source through the whole pipeline, as `check --source` does:
the article checks and the rewrite check together, the KB's names on the rewrite side."""
from datetime import date

from newscheck.model import Article

SOURCE = ("KYIV, March 3, 2025 (Reuters) - Ukraine's parliament voted on Tuesday to raise the defence "
          "budget by 12% to 1.7 trillion hryvnias, Finance Minister Serhiy Marchenko said. "
          "President Volodymyr Zelensky welcomed the vote.")


def check(checker, text):
    article = Article(id="rewrite", text=text, source_text=SOURCE, published=date(2025, 3, 3),
                      published_from="metadata")
    return checker.check(article).findings


def test_a_changed_figure_is_a_contradiction_with_the_source_sentence_as_evidence(checker):
    text = ("Ukraine's parliament voted on Tuesday to raise the defence budget by 12% to 2.1 trillion "
            "hryvnias, Finance Minister Serhiy Marchenko said.")
    findings = check(checker, text)
    (f,) = [f for f in findings if f.span == "2.1 trillion"]
    assert f.code == "source_contradiction" and f.suggestion == "1.7 trillion"
    assert f.evidence[0].source == "source article" and "1.7 trillion" in f.evidence[0].text


def test_a_faithful_rewrite_with_a_spelling_variant_draws_nothing(checker):
    text = ("Lawmakers in Kyiv on Tuesday backed a 12% rise in defence spending, to 1.7 trillion hryvnias, "
            "according to Finance Minister Serhiy Marchenko. President Volodymyr Zelenskiy welcomed the vote.")
    assert check(checker, text) == []
