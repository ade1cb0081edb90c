"""Limits within which a file is read at all.  Larger or hostile files (huge
PDFs, zip bombs disguised as DOCX or XLSX, sheets of millions of cells) are refused with :class:`LimitExceeded`
before any expensive work is done.  One settings dataclass, passed down
explicitly (never global state)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from xxgk.errors import LimitExceeded, ReadError

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


# A zip member smaller than this is never a bomb by itself, whatever its ratio
# (small XML parts of real documents compress very well).
RATIO_MIN_MEMBER_BYTES = 1024 * 1024


def check_zip(path: Path, limits: Limits, *, kind: str, invalid: str, code: str) -> list[zipfile.ZipInfo]:
    """Refuse an Office file (``kind``: DOCX, XLSX) whose zip directory is broken
    (``invalid`` with ``code``) or beyond the limits, before any part is unpacked;
    the members otherwise."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ReadError(invalid, code=code, path=str(path)) from exc
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(
            f"{kind} 压缩包内有 {len(members)} 个文件，超过上限 {limits.max_zip_members} 个，拒绝读取",
            code="read.limit.zip_members",
            path=str(path),
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise LimitExceeded(
            f"{kind} 解压后共 {total} 字节，超过上限 {limits.max_unzipped_bytes} 字节（疑似压缩炸弹），拒绝读取",
            code="read.limit.unzipped_bytes",
            path=str(path),
        )
    for m in members:
        if m.file_size >= RATIO_MIN_MEMBER_BYTES and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
            raise LimitExceeded(
                f"{kind} 内文件 {m.filename} 压缩比 {m.file_size // max(m.compress_size, 1)} 倍，"
                f"超过上限 {limits.max_zip_ratio} 倍（疑似压缩炸弹），拒绝读取",
                code="read.limit.zip_ratio",
                path=str(path),
            )
    return members
