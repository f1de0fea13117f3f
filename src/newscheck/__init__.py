"""newscheck: find factual errors in news articles, each with its evidence, offline."""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Article, ArticleReport, Evidence, Finding, Report  # noqa: E402
from .pipeline import Checker, Options, check  # noqa: E402

__all__ = ["Article", "ArticleReport", "Evidence", "Finding", "Report", "Checker", "Options", "check", "__version__"]
