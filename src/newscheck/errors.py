"""Errors a user can act on, each one line that names the fix.

NewscheckError is the root; the CLI catches it and prints one line, never a traceback.
  InputError  - an input file (or stdin) cannot be read as an article
  KBError     - the knowledge base cannot be opened or built
  UsageError  - the command line asks for something impossible
  EngineError - a batch engine failed as a whole (a Ray cluster that cannot be reached, an actor
                that cannot start); one article's failure is never this, but that article's error
"""
from __future__ import annotations


class NewscheckError(Exception):
    """Base class: str(error) is one line a user can act on."""


class InputError(NewscheckError):
    """An input that cannot be read: "cannot read PATH: PROBLEM (line N); FIX"."""

    def __init__(self, path: str, problem: str, line: int | None = None, fix: str | None = None):
        self.path = path
        self.problem = problem
        self.line = line
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"cannot read {self.path}: {self.problem}{where}{fix}"


class KBError(NewscheckError):
    """The knowledge base is missing, corrupt or cannot be built."""


class UsageError(NewscheckError):
    """A flag or argument combination that cannot work."""


class EngineError(NewscheckError):
    """The batch engine (Ray) failed as a whole, not one article."""
