"""Results as a Parquet file, one row per input, written as they come in row groups (flat memory).

Each row keeps the whole JSONL line in `json` (the article object of the JSON schema, or the error
record), beside scalar columns to filter on without parsing it. pyarrow is an optional extra.
"""
from __future__ import annotations

import json

from ..errors import UsageError

ROW_GROUP = 1000


def _schema(pa):
    return pa.schema([
        ("id", pa.string()), ("source", pa.string()), ("title", pa.string()), ("published", pa.string()),
        ("error", pa.string()), ("n_findings", pa.int32()), ("n_errors", pa.int32()), ("json", pa.string()),
    ])


class ParquetSink:
    """`add(record)` takes what `--format jsonl` would print for one input; `close()` finishes the file."""

    def __init__(self, path: str):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError("--format parquet needs pyarrow: pip install 'newscheck[parquet]'") from None
        self.pa, self.path, self.rows = pa, path, []
        try:
            self.writer = pq.ParquetWriter(path, _schema(pa), compression="zstd")
        except OSError as error:
            raise UsageError(f"cannot write {path}: {error.strerror or error}") from None

    def add(self, record: dict) -> None:
        findings = record.get("findings") or []
        self.rows.append({
            "id": record.get("id"), "source": record.get("source"), "title": record.get("title"),
            "published": record.get("published"), "error": record.get("error"),
            "n_findings": len(findings), "n_errors": sum(f.get("severity") == "error" for f in findings),
            "json": json.dumps(record, ensure_ascii=False),
        })
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.writer.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
