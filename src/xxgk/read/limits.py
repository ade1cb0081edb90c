"""Limits within which a file is read at all.  Larger or hostile files (huge
PDFs, zip bombs disguised as DOCX or XLSX, sheets of millions of cells) are refused with :class:`LimitExceeded`
before any expensive work is done.  One settings dataclass, passed down
explicitly (never global state)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024  # the file as given
DEFAULT_MAX_TEXT_CHARS = 5_000_000  # decoded text / extracted text
DEFAULT_MAX_PDF_PAGES = 200
DEFAULT_MAX_ZIP_MEMBERS = 2_000  # DOCX is a zip
DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # sum of the declared uncompressed sizes
DEFAULT_MAX_ZIP_RATIO = 200  # uncompressed / compressed size of one member
DEFAULT_MAX_XLSX_CELLS = 200_000  # cells present in the sheets of a workbook (a report has ~300)
DEFAULT_CONVERT_TIMEOUT_S = 120  # LibreOffice .doc/.wps conversion


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES
    max_zip_members: int = DEFAULT_MAX_ZIP_MEMBERS
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    max_zip_ratio: int = DEFAULT_MAX_ZIP_RATIO
    convert_timeout_s: int = DEFAULT_CONVERT_TIMEOUT_S
    max_xlsx_cells: int = DEFAULT_MAX_XLSX_CELLS

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"Limits.{f.name} must be a positive integer, not {value!r}")

    @classmethod
    def resolve(cls, value: Limits | dict[str, Any] | None) -> Limits:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls(**value)
        raise TypeError(f"cannot make Limits from {type(value).__name__}")
