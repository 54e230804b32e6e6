"""Errors a user can act on. Each message says what failed, why, and what to do next."""

from __future__ import annotations


class SleuthError(Exception):
    """Base class for errors shown to the user (exit code 2 unless said otherwise)."""


class CaseError(SleuthError):
    """The case folder is missing, not a case, or cannot be opened."""


class QueryError(SleuthError):
    """A search query could not be parsed."""


class ReadError(Exception):
    """A file could not be read. The message is stored as the reason, so make it readable."""

    kind = "unreadable"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def reason(self) -> str:
        """The reason as stored in the case: `kind: message`."""
        return f"{self.kind}: {self.message}"


class EncryptedError(ReadError):
    """The file is password-protected or encrypted."""

    kind = "encrypted"


class CorruptError(ReadError):
    """The file is truncated, damaged or not what its type says."""

    kind = "corrupt"


class UnsupportedError(ReadError):
    """No reader handles this type of file."""

    kind = "unsupported"


class LimitExceeded(ReadError):
    """A safety cap was hit (archive bomb, huge file, nesting depth)."""

    kind = "limit"


class UnsafeError(ReadError):
    """A member would point outside its archive or source (symlink, `../` name)."""

    kind = "unsafe"
