"""The time-aware knowledge base: who held which office when, names, places, organisations, events.

`KnowledgeBase` answers questions from a built SQLite file (store.py); `build_kb` writes that
file from the curated facts and the kb-sources importers (build.py); cli.py holds `newscheck kb`.
"""
from .build import BuildStats, build_kb, default_sources_dir, default_user_dir, open_or_build
from .store import (Event, Holders, Holding, KBError, KnowledgeBase, Office, Org, Person, Place, Tenure,
                    default_path)

__all__ = [
    "BuildStats", "Event", "Holders", "Holding", "KBError", "KnowledgeBase", "Office", "Org", "Person",
    "Place", "Tenure", "build_kb", "default_path", "default_sources_dir", "default_user_dir", "open_or_build",
]
