"""Errors with stable codes.  The message is Chinese (shown to people); the code
is English and never reused for another meaning."""

from __future__ import annotations


class XxgkError(Exception):
    """Base error: ``code`` is stable (e.g. ``read.unrecognised``), ``message`` is
    for people, ``path`` names the file concerned where there is one."""

    code = "xxgk.error"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.path = path

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


# Read errors that say a file is not an annual report at all (rather than a report
# that could not be read): a file found by a directory scan with one of these is
# skipped with one line, by ``xxgk parse`` and ``xxgk check`` alike.
NOT_A_REPORT = frozenset({"read.unrecognised", "read.unsupported", "read.empty", "check.bad_report_json"})


class ReadError(XxgkError):
    """A file that cannot be read as an annual report at all."""

    code = "read.error"


class LimitExceeded(ReadError):
    """A file refused because it is larger or deeper than the set limits."""

    code = "read.limit"
