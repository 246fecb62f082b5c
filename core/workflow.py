"""State machines as explicit tables of allowed transitions, checked in the services."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Workflow:
    """Which status each step may start from and where it leads, with words for refusals."""

    noun: str  # "narrative", "message"
    transitions: dict[str, tuple[frozenset[str], str]]
    step_words: dict[str, str]  # "approve" -> "approved"
    error: type[Exception]

    def check(self, obj, step: str) -> str:
        """Return the status ``step`` leads to from ``obj``'s status, or raise ``error``."""
        allowed_from, target = self.transitions[step]
        if obj.status not in allowed_from:
            raise self.error(
                f"A {self.noun} that is {obj.get_status_display().lower()} cannot be "
                f"{self.step_words[step]}."
            )
        return target
