"""The JSON view: `Report.to_dict()` as text, described by schema.json (draft 2020-12).

The document's shape is a public promise; see docs/json-schema.md before changing it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Report

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def render_json(report: Report) -> str:
    """The report as one JSON document (UTF-8 text, not ASCII-escaped), ending in a newline."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def load_schema() -> dict:
    """The JSON Schema every `render_json` document validates against."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def load_line_schema() -> dict:
    """The JSON Schema of one line of `--format jsonl`: an article object, or an articleError."""
    schema = load_schema()
    return {"$schema": schema["$schema"], "oneOf": [{"$ref": "#/$defs/article"}, {"$ref": "#/$defs/articleError"}],
            "$defs": schema["$defs"]}
