"""Readers: any published annual report (text, HTML, DOCX, XLSX, PDF, .doc/.wps) → AnnualReport.

Pipeline (small named stages, each a pure function):

    file bytes → ``Document`` (lines of tokens with sources; one reader per format)
              → sections, edition, tables matched by row/column labels → ``AnnualReport``

Entry point: :func:`parse_file`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from xxgk.errors import ReadError
from xxgk.report import AnnualReport

__all__ = ["REPORT_SUFFIXES", "ReadError", "parse_file", "scan_paths"]

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".doc", ".wps")


def scan_paths(
    paths: Iterable[Path], suffixes: tuple[str, ...] = REPORT_SUFFIXES, skip: frozenset[str] = frozenset()
) -> list[tuple[Path, bool]]:
    """Files as given (``False``) and, for a directory, the files in it with one of
    ``suffixes`` and a name not in ``skip``, recursively and sorted (``True``: found
    by the scan, not named by the user)."""
    found: list[tuple[Path, bool]] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                (f, True)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in suffixes and f.name not in skip
            )
        else:
            found.append((p, False))
    return found


def parse_file(path: str | Path) -> AnnualReport:
    """Read one annual report.  Raises :class:`ReadError` (with a stable code and a
    Chinese message naming the reason) when the file cannot be read as a report."""
    from xxgk.read.pipeline import parse_path

    return parse_path(Path(path))
