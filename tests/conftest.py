"""Shared fixtures: one knowledge base built per test session, and a checker over it.

The KB is built from the curated core plus ../shared/kb-sources when that folder is
present (as in CI), so the article tests see the same facts a user's build has.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    from newscheck.kb.build import build_kb

    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    sources = SHARED / "kb-sources"
    build_kb(path, sources if sources.is_dir() else None, log=lambda *a, **k: None)
    return path


@pytest.fixture(scope="session")
def kb(kb_path):
    from newscheck.kb import KnowledgeBase

    base = KnowledgeBase.open(kb_path)
    yield base
    base.close()


@pytest.fixture(scope="session")
def checker(kb):
    from newscheck.pipeline import Checker

    return Checker(kb)
