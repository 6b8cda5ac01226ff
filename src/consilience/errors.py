"""One exception tree. Every error names the input (and article and stage, where known)."""

from __future__ import annotations


class ConsilienceError(Exception):
    """Base of every error Consilience raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, input: str | None = None, article: str | None = None,
                 stage: str | None = None, reason: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.input = input
        self.article = article
        self.stage = stage
        self.reason = reason

    def one_line(self) -> str:
        """The message a user sees: the input first, then the problem, on one line."""
        where = self.input or self.article
        text = f"{where}: {self.message}" if where else self.message
        return " ".join(text.split())


class InputError(ConsilienceError):
    """An input that cannot be read as an article: missing, empty, binary, malformed."""


class StageError(ConsilienceError):
    """A stage failed on one article or story."""


class UsageError(ConsilienceError):
    """The command was called wrongly."""

    exit_code = 2


class PipelineOrderError(ConsilienceError):
    """A stage needs a field that no earlier stage adds."""

    exit_code = 2
