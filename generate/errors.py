"""Errors of the generator, in the project's one error tree (:mod:`planner.errors`)."""
from __future__ import annotations

from centreplan.planner.errors import PlannerError


class SiteError(PlannerError):
    """A site outline cannot be read (names the file, the field and the problem)."""


class NoLayoutFits(PlannerError):
    """No compliant layout fits: names the requirement that cannot be met and by how much."""

    def __init__(self, message: str, message_fr: str, figures: dict[str, float] | None = None):
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr
        self.figures = figures or {}

    def text(self, lang: str = "en") -> str:
        return self.message_fr if lang == "fr" else self.message
