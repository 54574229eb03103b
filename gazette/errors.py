"""Errors a user can act on: each names the file and, where known, the line."""
from __future__ import annotations


class GazetteError(Exception):
    """Bad input. Printed as one line; the build exits non-zero and writes nothing."""

    exit_code = 2

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self):
        # so the error crosses from a worker process intact
        return (GazetteError, (self.path, self.message, self.line))


class ValidationFailed(Exception):
    """The records or the graph break a rule (a stated total, a SHACL shape)."""

    exit_code = 3

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)

    def __reduce__(self):
        return (ValidationFailed, (self.message,))
