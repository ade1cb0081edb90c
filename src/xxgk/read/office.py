"""Legacy Word (.doc) and WPS (.wps) files: converted to DOCX by LibreOffice
(``soffice --headless --convert-to docx``), then read by :mod:`xxgk.read.docx`.

Each conversion runs with its own throw-away LibreOffice profile
(``-env:UserInstallation``) so that conversions never share or lock a user
profile, and within ``limits.convert_timeout_s``.  Where LibreOffice is not
installed the error says so (``read.libreoffice_missing``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.document import Document
from xxgk.read.limits import Limits

SOFFICE_NAMES = ("soffice", "libreoffice")
CONVERTIBLE_SUFFIXES = (".doc", ".wps")


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, limits: Limits | None = None, out_dir: Path | None = None) -> Path:
    """Convert a .doc/.wps file to DOCX and return the new file's path.

    The DOCX is written into ``out_dir`` (a new temporary directory when not
    given; the caller removes it).  Raises :class:`ReadError` with a Chinese
    message when LibreOffice is missing, fails or produces nothing, and
    :class:`LimitExceeded` when it runs longer than the limit."""
    limits = Limits.resolve(limits)
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(
            "读取 .doc/.wps 文件需要 LibreOffice（soffice），本机未安装；请安装 LibreOffice 或先把文件另存为 DOCX/PDF",
            code="read.libreoffice_missing",
            path=str(path),
        )
    if not path.is_file():
        raise ReadError("文件不存在", code="read.not_found", path=str(path))
    out = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="xxgk-convert-"))
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="xxgk-lo-profile-") as profile,
        tempfile.TemporaryDirectory(prefix="xxgk-lo-in-") as inbox,
    ):
        # Copy under a plain ASCII name: LibreOffice names its output after the input.
        source = Path(inbox) / ("input" + path.suffix.lower())
        shutil.copyfile(path, source)
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        run_converter(cmd, limits.convert_timeout_s, path)
        produced = out / "input.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ReadError(
                "LibreOffice 未能把文件转换为 DOCX（文件可能已损坏或不是 Word/WPS 文档）",
                code="read.convert_failed",
                path=str(path),
            )
    target = out / (path.stem + ".docx")
    produced.replace(target)
    return target


def read_office(path: Path, limits: Limits | None = None) -> Document:
    """Convert a .doc/.wps file, read the DOCX (:func:`xxgk.read.docx.read_docx`,
    with its zip limits) and remove the converted file.  The document keeps
    the original path; its sources are those of the DOCX (table, row, col)."""
    from xxgk.read.docx import read_docx

    limits = Limits.resolve(limits)
    with tempfile.TemporaryDirectory(prefix="xxgk-convert-") as tmp:
        doc = read_docx(convert_to_docx(path, limits, out_dir=Path(tmp)), limits)
    doc.path = str(path)
    doc.meta["converted_from"] = path.suffix.lower().lstrip(".")
    return doc


def run_converter(cmd: list[str], timeout_s: int, path: Path) -> None:
    """Run LibreOffice in its own process group; kill the whole group on timeout."""
    env = {**os.environ, "HOME": os.environ.get("HOME", tempfile.gettempdir())}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise LimitExceeded(
            f"LibreOffice 转换超过 {timeout_s} 秒仍未完成，已终止",
            code="read.limit.convert_timeout",
            path=str(path),
        ) from exc
    if proc.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ReadError(
            f"LibreOffice 转换失败（退出码 {proc.returncode}）{detail[0][:200]}",
            code="read.convert_failed",
            path=str(path),
        )
