"""The corpus: keep what was checked, group articles into stories, find where a story's articles disagree.

`open_corpus(url)` opens the store (SQLite by default, or PostgreSQL); `Corpus` adds, rechecks, views
and exports. It sits above the pipeline and the report model; nothing below it imports it.
"""
from __future__ import annotations

__all__ = ["Corpus", "open_corpus", "default_url"]


def __getattr__(name):  # the store (SQLAlchemy, spaCy's stop words) loads on first use, not with the CLI
    if name in __all__:
        from . import store

        return getattr(store, name)
    raise AttributeError(name)
