"""Views of one `Report`: the terminal (rich), JSON (with its JSON Schema) and HTML.

Renderers only format; they never check, read files other than the schema, or decide exit codes.
"""
from __future__ import annotations

from .html import render_html
from .json import SCHEMA_PATH, load_line_schema, load_schema, render_json
from .terminal import render_text, sentence_bounds

FORMATS = ("text", "json", "jsonl", "html", "parquet")  # jsonl and parquet: streamed, one record per input

__all__ = ["FORMATS", "SCHEMA_PATH", "load_line_schema", "load_schema", "render_html", "render_json", "render_text",
           "sentence_bounds"]
