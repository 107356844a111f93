"""The one error tree of centreplan.

Every error a user can cause is a :class:`PlannerError`; its message names the place (file, field)
and, where there is a closed list, the valid options. Callers (CLI, app) show ``str(error)`` and
never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


class PlannerError(Exception):
    """Base of every error centreplan raises for bad input or an impossible request."""


class UnitError(PlannerError, ValueError):
    """A quantity has the wrong dimension or cannot be read (``rooms[0].height: '2.8 kg' is not a length``)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input, at a place such as ``rooms[3].polygon``."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class LayoutError(PlannerError):
    """A layout file or model is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem] | str, source: str | None = None):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems = list(problems)
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return head + str(self.problems[0])
        lines = [f"{head}{len(self.problems)} problems"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class PackError(PlannerError):
    """A rule pack file is invalid (names the pack file and the rule)."""


class CatalogueError(PlannerError):
    """The equipment catalogue or a sizing input is invalid (names the item or parameter)."""


class ExportError(PlannerError):
    """An export cannot be written (names the format and the reason)."""


class DxfImportError(PlannerError):
    """A DXF plan cannot be read at all (unreadable, truncated, binary, too large)."""


class StoreError(PlannerError):
    """The project store cannot be opened or does not hold what was asked (names the project, centre,
    revision or database)."""


class ConflictError(StoreError):
    """A save was made from a revision that is no longer the latest: someone saved meanwhile.

    ``latest`` is the revision saved meanwhile (a :class:`projects.store.Revision`); nothing was written.
    """

    def __init__(self, message: str, latest: object = None):
        super().__init__(message)
        self.latest = latest
