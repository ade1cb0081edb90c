"""Readers: any published annual report (text, HTML, DOCX, XLSX, PDF, .doc/.wps) → AnnualReport.

Pipeline (small named stages, each a pure function):

    file bytes → ``Document`` (lines of tokens with sources; one reader per format)
              → sections, edition, tables matched by row/column labels → ``AnnualReport``

Entry point: :func:`parse_file`.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.errors import ReadError
from xxgk.report import AnnualReport

__all__ = ["REPORT_SUFFIXES", "ReadError", "parse_file"]

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".doc", ".wps")


def parse_file(path: str | Path) -> AnnualReport:
    """Read one annual report.  Raises :class:`ReadError` (with a stable code and a
    Chinese message naming the reason) when the file cannot be read as a report."""
    from xxgk.read.pipeline import parse_path

    return parse_path(Path(path))
