import json
from datetime import date

import jsonschema
import pytest
from rich.console import Console

from newscheck.model import Article, ArticleReport, Evidence, Finding, Report
from newscheck.report import load_schema, render_html, render_json, render_text, sentence_bounds

TEXT = ("WASHINGTON, December 4. The United States has indicated that a productive meeting between "
        "its President Donald Trump and Russian President Vladimir Zelenskiy could pave the way for progress. "
        "U.S. special envoy Steve Wittkowff met officials in Moscow.")


def finding_on(text, span, code, **kwargs):
    start = text.index(span)
    return Finding(code=code, span=span, start=start, end=start + len(span), **kwargs)


def seed_report(articles=None, errors=None):
    article = Article(id="004_seed", text=TEXT, title="Trump, Zelenskiy meeting", source="Wire",
                      published=date(2025, 12, 4), published_from="dateline")
    findings = [
        finding_on(TEXT, "Vladimir Zelenskiy", "office_holder",
                   message="Vladimir Zelenskiy is not President of Russia; Vladimir Putin is.",
                   suggestion="Vladimir Putin",
                   evidence=[Evidence("Vladimir Putin is President of Russia.", "CIA World Leaders",
                                      "2012-05-07", None, "2025-11-30")],
                   confidence=0.9, severity="error"),
        finding_on(TEXT, "Wittkowff", "name_spelling",
                   message="No known person is spelled Wittkowff; Steve Witkoff is U.S. special envoy.",
                   suggestion="Witkoff", confidence=0.8, severity="warning"),
    ]
    return Report(
        version="0.1.0", kb_as_of="2025-11-30",
        kb_sources=[{"id": "cia-world-leaders", "name": "CIA World Leaders", "licence": "public domain",
                     "url": "https://www.cia.gov/resources/world-leaders/", "as_of": "2025-11-30"}],
        articles=articles if articles is not None else [ArticleReport(article, findings)],
        errors=errors if errors is not None else ["cannot read x.bin: binary file, not text"],
    )


def test_json_output_validates_against_schema():
    report = seed_report()
    document = json.loads(render_json(report))
    jsonschema.Draft202012Validator.check_schema(load_schema())
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert document == report.to_dict()
    assert set(document) == {"newscheck", "kb", "articles", "errors"}


def test_json_spans_are_the_article_text_at_their_offsets():
    document = json.loads(render_json(seed_report()))
    for finding in document["articles"][0]["findings"]:
        assert finding["span"] == TEXT[finding["start"]:finding["end"]]
    assert [f["code"] for f in document["articles"][0]["findings"]] == ["office_holder", "name_spelling"]


@pytest.mark.parametrize(
    "path, bad_value",
    [
        (("articles", 0, "findings", 0, "code"), "spelling"),
        (("articles", 0, "findings", 0, "severity"), "fatal"),
        (("articles", 0, "published_from"), "guessed"),
        (("articles", 0, "published"), "4 Dec 2025"),
    ],
)
def test_schema_rejects_unknown_codes_and_values(path, bad_value):
    document = json.loads(render_json(seed_report()))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad_value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_requires_every_finding_key():
    document = json.loads(render_json(seed_report()))
    del document["articles"][0]["findings"][0]["suggestion"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_schema(), cls=jsonschema.Draft202012Validator)


def test_json_keeps_non_ascii_text():
    article = Article(id="uk", text="Київ, 4 грудня. Зеленський сказав.", title="Зеленський у Варшаві")
    output = render_json(seed_report(articles=[ArticleReport(article)], errors=[]))
    assert '"title": "Зеленський у Варшаві"' in output
    assert '"published": null' in output


def render_terminal(report):
    console = Console(record=True, width=200, color_system=None)
    render_text(report, console)
    return console.export_text()


def test_terminal_shows_finding_in_its_sentence_with_evidence():
    output = render_terminal(seed_report())
    assert "004_seed  Trump, Zelenskiy meeting" in output
    assert "published 2025-12-04 (dateline)" in output
    assert ("The United States has indicated that a productive meeting between its President Donald Trump "
            "and Russian President Vladimir Zelenskiy could pave the way for progress.") in output
    assert "office_holder  error  confidence 0.90" in output
    assert "suggest: Vladimir Putin" in output
    assert ("evidence: Vladimir Putin is President of Russia. — CIA World Leaders, 2012-05-07..present, "
            "as of 2025-11-30") in output
    assert "U.S. special envoy Steve Wittkowff met officials in Moscow." in output
    assert "unreadable: cannot read x.bin: binary file, not text" in output
    assert output.rstrip().endswith(
        "1 article, 2 findings (name_spelling 1, office_holder 1), 1 unreadable input")


def test_terminal_marks_assumed_dates_and_prints_brackets_literally():
    article = Article(id="n1", text="[Update] Officials met [bold]today[/bold].",
                      published=date(2026, 1, 2), published_from="assumed")
    output = render_terminal(seed_report(articles=[ArticleReport(article)], errors=[]))
    assert "published 2026-01-02 (assumed: no date found)" in output
    assert "no findings" in output
    assert output.rstrip().endswith("1 article, 0 findings")


def test_sentence_bounds_skip_abbreviations():
    start = TEXT.index("Wittkowff")
    begin, end = sentence_bounds(TEXT, start, start + 9)
    assert TEXT[begin:end] == "U.S. special envoy Steve Wittkowff met officials in Moscow."


HOSTILE = 'Officials said <script>alert("x")</script> & Vladimir Zelenskiy said "no" <b>here</b>.'


def hostile_report():
    article = Article(id="<id>", text=HOSTILE, title="Tom & Jerry <i>", url="javascript:alert(1)",
                      source="A&B", published=date(2025, 12, 4), published_from="metadata")
    finding = finding_on(HOSTILE, "Vladimir Zelenskiy", "office_holder",
                         message='Not "President" of <Russia> & co.', suggestion="<Putin>",
                         evidence=[Evidence("Putin <b>is</b> president", "KB & co")])
    return seed_report(articles=[ArticleReport(article, [finding])], errors=["cannot read <x>.bin: &"])


def test_html_escapes_all_article_text():
    page = render_html(hostile_report())
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; " in page
    assert "Tom &amp; Jerry &lt;i&gt;" in page
    assert 'href="javascript:' not in page
    assert "&lt;Putin&gt;" in page and "KB &amp; co" in page and "cannot read &lt;x&gt;.bin: &amp;" in page


def test_html_marks_each_span_with_a_tooltip():
    page = render_html(hostile_report())
    assert ('<mark id="a1-f1" class="error" title="office_holder: Not &quot;President&quot; of '
            '&lt;Russia&gt; &amp; co.">Vladimir Zelenskiy</mark>') in page
    assert '<a href="#a1-f1" class="code">office_holder</a>' in page
    assert page.startswith("<!DOCTYPE html>") and "<link" not in page and "<script" not in page


def test_html_skips_overlapping_and_out_of_range_marks_but_lists_them():
    article = Article(id="a", text="President Vladimir Zelenskiy said.")
    findings = [
        finding_on(article.text, "Vladimir Zelenskiy", "office_holder", message="m1"),
        finding_on(article.text, "Zelenskiy", "name_spelling", message="m2"),
        Finding("date_arithmetic", "gone", 500, 504, "m3"),
    ]
    page = render_html(seed_report(articles=[ArticleReport(article, findings)], errors=[]))
    assert page.count("<mark ") == 1
    assert page.count("<li>") == 3


def test_docs_example_validates_against_schema():
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "json-schema.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S)[1])
    jsonschema.validate(example, load_schema(), cls=jsonschema.Draft202012Validator)
    for code in load_schema()["$defs"]["finding"]["properties"]["code"]["enum"]:
        assert f"`{code}`" in doc
