"""Renderers: an AnnualReport → text, Markdown, HTML, DOCX, XLSX or PDF in the
official layout of its edition (see ``layout.py`` and ``docs/rendering.md``).

``render(report, fmt)`` returns ``str`` for the text formats and ``bytes`` for
DOCX/XLSX/PDF.  Modules are imported on demand, so a missing optional tool only
matters for the format that needs it."""

from __future__ import annotations

from importlib import import_module

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport

# format → (module, function, binary?)
RENDERERS: dict[str, tuple[str, str, bool]] = {
    "txt": ("xxgk.write.txt", "render_txt", False),
    "md": ("xxgk.write.markdown", "render_md", False),
    "html": ("xxgk.write.html", "render_html", False),
    "docx": ("xxgk.write.docx", "render_docx", True),
    "xlsx": ("xxgk.write.xlsx", "render_xlsx", True),
    "pdf": ("xxgk.write.pdf", "render_pdf", True),
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)
SUFFIXES = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}


def is_binary(fmt: str) -> bool:
    return RENDERERS[fmt][2]


def format_for_path(path: str) -> str | None:
    """The format a file name asks for by its suffix (``.htm``/``.markdown`` too)."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    return {"htm": "html", "markdown": "md", "text": "txt"}.get(suffix, suffix if suffix in RENDERERS else None)


def render(report: AnnualReport, fmt: str) -> bytes | str:
    if fmt not in RENDERERS:
        raise XxgkError(f"不支持的输出格式：{fmt}（可用：{'、'.join(FORMATS)}）", code="write.unknown_format")
    module, func, _ = RENDERERS[fmt]
    result: bytes | str = getattr(import_module(module), func)(report)
    return result
