"""The docs say what the code does: every finding code and every command is documented,
and the README opens with the two commands that work on a fresh machine."""
import json
import re
from pathlib import Path

from newscheck.checks import CODES, CHECKS
from newscheck.faithfulness import CODES as REWRITE_CODES

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def test_every_finding_code_is_documented_in_the_readme_and_the_schema():
    schema = json.loads((REPO / "src/newscheck/report/schema.json").read_text())
    enum = set(re.findall(r'"(\w+)"', json.dumps(schema)))
    for code in CODES:
        assert f"`{code}`" in README, code
        assert code in enum, code


def test_every_emitted_code_has_a_description():
    emitted = {code for check in CHECKS for code in check.CODES} | set(REWRITE_CODES)
    assert emitted == set(CODES)


def test_readme_opens_with_the_demo_and_the_test_command():
    first_block = README.split("```")[1].split("\n", 1)[1]  # after the fence's language tag
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands[:2] == ["make demo", "make test"]
    ci = (REPO / ".ci/run").read_text()
    assert "make test" in ci


def test_kb_commands_are_documented():
    kb_doc = (REPO / "docs/kb.md").read_text() + (REPO / "docs/cli.md").read_text()
    for command in ("kb build", "kb stats", "kb who", "kb person", "kb add", "kb update", "--allow-noncommercial"):
        assert command in kb_doc, command
